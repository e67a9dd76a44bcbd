using WorkshopBot.Storage;

namespace WorkshopBot.Operations;

/// <summary>What an outbox message is, read from its dedupe key and correlation id: a kind and the audit, never its content.</summary>
public sealed record MessageKind(string Kind, Guid? AuditId)
{
    public const string SafetyAlert = "safety-alert";
    public const string OperationsAlert = "operations-alert";

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
        _ => "a message",
    };

    public static MessageKind Of(OutboxMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var key = message.DedupeKey;
        var kind = key switch
        {
            _ when key.StartsWith("safety:", StringComparison.Ordinal) => SafetyAlert,
            _ when key.StartsWith(OperationsPrefix, StringComparison.Ordinal) => OperationsAlert,
            _ when key.StartsWith("reply:", StringComparison.Ordinal) => "reply",
            _ when key.StartsWith("workshop-ballot:", StringComparison.Ordinal) => "workshop-ballot",
            _ when key.StartsWith("workshop:", StringComparison.Ordinal) => "workshop-card",
            _ when key.StartsWith("briefing:", StringComparison.Ordinal) && key.Contains(":remind:", StringComparison.Ordinal) =>
                "briefing-reminder",
            _ when key.StartsWith("briefing:", StringComparison.Ordinal) => "briefing",
            _ when key.Contains(":workshop-moved:", StringComparison.Ordinal) => "workshop-moved",
            _ when key.Contains(":due-extended:", StringComparison.Ordinal) => "due-extended",
            _ when key.Contains(":tool:", StringComparison.Ordinal) => "audit-tool",
            _ when key.Contains(":reminder:", StringComparison.Ordinal) => "reminder",
            _ when key.Contains(":reopen", StringComparison.Ordinal) => "return-reopen",
            _ when key.Contains(":tracker:", StringComparison.Ordinal) => "tracker",
            _ when key.Contains(":undelivered:", StringComparison.Ordinal) => "delivery-report",
            _ => "other",
        };
        return new MessageKind(kind, AuditOf(message.CorrelationId) ?? AuditOf(key));
    }

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
