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

    /// <summary>What the person who acknowledged an alert is told.</summary>
    public const string Acknowledged = "Thank you. Your acknowledgement is recorded, so this alert is no longer sent again as a reminder.";

    private const string NotRecordedTitle = "Acknowledgement not recorded";

    private const string NoLongerLeadText = "You are no longer the named lead for this agency in this audit, so your "
        + "acknowledgement was not recorded. The alert still goes to the audit's chair until it is acknowledged. Make any "
        + "referral through your agency's own procedures.";

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
        // Held, not only read: a change of named lead that lands before this turn's commit sends the turn round again.
        var audit = escalation is null ? null : (await store.HoldAuditAsync(escalation.AuditId, ct).ConfigureAwait(false))?.Value;
        if (escalation is null || audit is null)
        {
            return Reply.NotAvailable();
        }

        // The person who raised it (their agency's named lead too, say) knows of it, and may not silence it for the chair.
        var me = turn.Person();
        if (SafetyAlerts.IsOwnAlert(audit, escalation, me))
        {
            return Reply.Refusal(NotRecordedTitle, SafetyEscalation.OwnAlert
                + " Make any referral through your agency's own procedures.");
        }

        // Someone the alert was not sent to learns nothing of it: not the concern, the case or who raised it. Nor does a chair
        // who has handed the audit over: the alert went to the new chair, and its details are no longer theirs to see.
        if (!escalation.RoutedTo.Any(r => r.IsSamePerson(me)) || SafetyAlerts.HandedOverBy(audit, escalation, me))
        {
            return Reply.NotAvailable();
        }

        // Sent to the chair and the agency's named lead when raised: a lead replaced since (pressing the old card) no longer
        // answers for the agency, so their acknowledgement would silence the alert for the chair. It is not recorded.
        if (!SafetyAlerts.StillAnswersFor(audit, escalation, me))
        {
            return Reply.Refusal(NotRecordedTitle, NoLongerLeadText);
        }

        var changed = await store.ChangeEscalationAsync(escalation.Id, e => e.Acknowledge(me, time.GetUtcNow(), audit.IsChair(me)), ct)
            .ConfigureAwait(false);
        if (!changed.Saved)
        {
            return changed.Value is null
                ? Reply.NotAvailable()
                : Reply.Card(SafetyCard.Alert(audit, changed.Value, changed.Message));
        }

        await trail.RecordAsync(me, "safety.acknowledged", AuditSubjects.Escalation, escalation.Id,
            new { auditId = audit.Id, caseReference = changed.Value!.CaseReference.Value }, ct).ConfigureAwait(false);
        return Reply.Card(SafetyCard.Alert(audit, changed.Value, Acknowledged));
    }
}
