using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Common;
using WorkshopBot.Common.Teams;
using WorkshopBot.Protocol.Routing;
using WorkshopBot.Protocol.Schema;

namespace WorkshopBot.Audits.Teams;

public sealed record AcknowledgeAlertData(Guid EscalationId);

/// <summary>An immediate-safety alert, as the chair or named lead sees it: read it, and acknowledge it once.</summary>
public sealed class SafetyScreen(AuditStore store, AuditTrail trail, TimeProvider time)
{
    public const string AcknowledgeAlert = "safety.ack";

    public static void Map(ActivityRouter router)
    {
        ArgumentNullException.ThrowIfNull(router);
        router.OnCardAction<AcknowledgeAlertData>(AcknowledgeAlert, (t, d, ct) => t.Screen<SafetyScreen>().AcknowledgeAsync(t, d, ct));
    }

    /// <summary>
    /// Records the acknowledgement. A concurrent write is usually the re-send job recording a re-send, so the change is
    /// retried from a fresh read and the acknowledgement is not lost; a real second acknowledgement is refused by the domain.
    /// </summary>
    public async Task<InvokeResponse> AcknowledgeAsync(TurnContext turn, AcknowledgeAlertData data, CancellationToken ct)
    {
        var escalation = (await store.GetEscalationAsync(data.EscalationId, ct).ConfigureAwait(false))?.Value;
        var audit = escalation is null ? null : (await store.GetAuditAsync(escalation.AuditId, ct).ConfigureAwait(false))?.Value;
        if (escalation is null || audit is null)
        {
            return Reply.Refusal("Alert not found", "This alert no longer exists.");
        }

        // Someone the alert was not sent to learns nothing of it: not the concern, the case or who raised it.
        var me = turn.Person();
        if (!escalation.RoutedTo.Any(r => r.IsSamePerson(me)))
        {
            return Reply.Refusal("Not your alert", "Only the people an immediate-safety alert was sent to can see or acknowledge it.");
        }

        var changed = await store.ChangeEscalationAsync(escalation.Id, e => e.Acknowledge(me, time.GetUtcNow()), ct).ConfigureAwait(false);
        if (!changed.Saved)
        {
            return changed.Value is null
                ? Reply.Refusal("Alert not found", "This alert no longer exists.")
                : Reply.Card(SafetyCard.Alert(audit, changed.Value, changed.Message));
        }

        await trail.RecordAsync(me, "safety.acknowledged", AuditSubjects.Escalation, escalation.Id,
            new { auditId = audit.Id, caseReference = changed.Value!.CaseReference.Value }, ct).ConfigureAwait(false);
        return Reply.Card(SafetyCard.Alert(audit, changed.Value, "Thank you. Your acknowledgement is recorded."));
    }
}
