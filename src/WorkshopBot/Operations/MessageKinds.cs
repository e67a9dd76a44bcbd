using WorkshopBot.Audits.Teams;
using WorkshopBot.Storage;

namespace WorkshopBot.Operations;

/// <summary>What an outbox message is, read from its dedupe key and correlation id: a kind and the audit, never its content.</summary>
public sealed record MessageKind(string Kind, Guid? AuditId)
{
    public const string SafetyAlert = "safety-alert";
    public const string OperationsAlert = "operations-alert";
    public const string TakeDown = "retention-takedown";

    /// <summary>The prefix of the dedupe keys of cards sent to the admins' channel.</summary>
    public const string OperationsPrefix = "ops:";

    public bool IsSafetyAlert => Kind == SafetyAlert;

    /// <summary>The kind as people read it on the admins' card.</summary>
    public string Label => Kind switch
    {
        SafetyAlert => "an immediate-safety alert",
        "audit-tool" => "an audit tool to a representative",
        "reminder" => "a reminder about a return",
        "workshop-moved" => "a new workshop date to a representative",
        "due-extended" => "a new returns due date to a representative",
        "return-reopen" => "a message about reopening a return",
        "tracker" => "the returns tracker",
        "delivery-report" => "a delivery report to the chair",
        "workshop-card" or "workshop-ballot" => "a workshop card",
        "briefing" => "a 7-minute briefing post",
        "briefing-reminder" => "a briefing reminder",
        "reply" => "a reply in a conversation",
        TakeDown => "the removal of a card under the retention policy",
        _ => "a message",
    };

    public static MessageKind Of(OutboxMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var key = message.DedupeKey;
        var audit = AuditMessageKey.Parse(key);
        var kind = key switch
        {
            _ when audit is not null => KindOf(audit.Kind),
            _ when key.StartsWith("safety:", StringComparison.Ordinal) => SafetyAlert,
            _ when key.StartsWith(OperationsPrefix, StringComparison.Ordinal) => OperationsAlert,
            _ when key.StartsWith("reply:", StringComparison.Ordinal) => "reply",
            _ when key.StartsWith(IOutboxStore.TakeDownPrefix, StringComparison.Ordinal) => TakeDown,
            _ when key.StartsWith("workshop-ballot:", StringComparison.Ordinal) => "workshop-ballot",
            _ when key.StartsWith("workshop:", StringComparison.Ordinal) => "workshop-card",
            _ when key.StartsWith("briefing:", StringComparison.Ordinal) && key.Contains(":remind:", StringComparison.Ordinal) =>
                "briefing-reminder",
            _ when key.StartsWith("briefing:", StringComparison.Ordinal) => "briefing",
            // The action plan's tracker in its channel ("actions:{audit}:tracker:..."), counted with the audit's as before.
            _ when key.StartsWith("actions:", StringComparison.Ordinal) && key.Contains(":tracker:", StringComparison.Ordinal) => "tracker",
            _ => "other",
        };
        return new MessageKind(kind, AuditOf(message.CorrelationId) ?? audit?.AuditId ?? AuditOf(key));
    }

    /// <summary>The kind of one of the audit feature's messages, as its key says (see <see cref="AuditMessageKey"/>).</summary>
    private static string KindOf(AuditMessageKind kind) => kind switch
    {
        AuditMessageKind.Tool => "audit-tool",
        AuditMessageKind.Reminder => "reminder",
        AuditMessageKind.WorkshopMoved => "workshop-moved",
        AuditMessageKind.DueExtended => "due-extended",
        AuditMessageKind.Reopened or AuditMessageKind.ReopenRequest or AuditMessageKind.ReopenDeclined => "return-reopen",
        AuditMessageKind.TrackerPost or AuditMessageKind.TrackerUpdate => "tracker",
        AuditMessageKind.Undelivered or AuditMessageKind.NobodyReminded or AuditMessageKind.NotReminded => "delivery-report",
        _ => "other",
    };

    /// <summary>The audit id in "audit:{id}..." or "briefing:{id}...", or null.</summary>
    private static Guid? AuditOf(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var parts = text.Split(':');
        return parts.Length > 1 && parts[0] is "audit" or "briefing" && Guid.TryParse(parts[1], out var id) ? id : null;
    }
}
