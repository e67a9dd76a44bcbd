using Microsoft.Extensions.Options;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Cards;
using WorkshopBot.Common;
using WorkshopBot.Common.Storage;
using WorkshopBot.Common.Teams;
using WorkshopBot.Hosting;

namespace WorkshopBot.Audits.Teams;

/// <summary>Raises, routes, re-sends and acknowledges immediate-safety alerts. Every step is logged.</summary>
public sealed class SafetyAlerts(AuditStore store, AuditMessenger messenger, AuditTrail trail, IOptions<AuditOptions> options, TimeProvider time, IIdGenerator ids)
{
    /// <summary>Raises an alert for a return whose safety question has just been answered yes, and sends it at once.</summary>
    public async Task<SafetyEscalation?> RaiseAsync(Audit audit, AuditReturn ret, PersonRef by, CancellationToken ct)
    {
        var raised = SafetyEscalation.RaiseFromReturn(ids.NewId(), audit, ret, by, time.GetUtcNow(), options.Value.SafetyResendAfter);
        if (!raised.Succeeded)
        {
            return null;
        }

        var escalation = raised.Value!;
        await store.InsertEscalationAsync(escalation, ct).ConfigureAwait(false);
        var unreached = await SendAsync(audit, escalation, ct).ConfigureAwait(false);
        await trail.RecordAsync(by, "safety.raised", AuditSubjects.Escalation, escalation.Id, new
        {
            auditId = audit.Id,
            returnId = ret.Id,
            caseReference = ret.CaseReference.Value,
            agency = ret.AgencyName,
            routedTo = escalation.RoutedTo.Select(p => p.DisplayName),
            notReached = unreached,
        }, ct).ConfigureAwait(false);
        return escalation;
    }

    /// <summary>Sends the alert to everyone it is routed to; returns the names of people the bot cannot reach.</summary>
    private async Task<List<string>> SendAsync(Audit audit, SafetyEscalation escalation, CancellationToken ct)
    {
        var unreached = new List<string>();
        var channel = (await store.GetChannelAsync(audit.Id, ct).ConfigureAwait(false))?.Value;
        if (channel is null)
        {
            return [.. escalation.RoutedTo.Select(p => p.DisplayName)];
        }

        var card = AlertCards.Alert(audit, escalation);
        foreach (var person in escalation.RoutedTo)
        {
            var queued = await messenger.SendToPersonAsync(channel, person, card,
                $"safety:{escalation.Id:D}:{person.UserId}:{escalation.ResendCount}", AuditMessenger.Correlation(audit.Id), ct).ConfigureAwait(false);
            if (queued is null)
            {
                unreached.Add(person.DisplayName);
            }
        }

        return unreached;
    }

    public async Task<(Cards.AdaptiveCard Card, bool Changed)> AcknowledgeAsync(Guid escalationId, PersonRef by, CancellationToken ct)
    {
        var doc = await store.GetEscalationAsync(escalationId, ct).ConfigureAwait(false);
        var audit = doc is null ? null : (await store.GetAuditAsync(doc.Value.AuditId, ct).ConfigureAwait(false))?.Value;
        if (doc is null || audit is null)
        {
            return (ChairCards.Notice("Alert not found", "This alert no longer exists.", Tone.Error), false);
        }

        // A conflicting write is usually the re-send job recording a re-send, not another acknowledgement: retry from
        // a fresh read, so the acknowledgement is never lost (a real second acknowledgement is refused by the domain).
        for (var attempt = 0; ; attempt++)
        {
            var result = doc.Value.Acknowledge(by, time.GetUtcNow());
            if (!result.Succeeded)
            {
                return (AlertCards.Alert(audit, doc.Value, result.Message), false);
            }

            if (await store.UpdateEscalationAsync(doc, ct).ConfigureAwait(false))
            {
                break;
            }

            doc = (await store.GetEscalationAsync(escalationId, ct).ConfigureAwait(false))!;
            if (attempt >= 4)
            {
                return (AlertCards.Alert(audit, doc.Value, "This alert kept changing while you acknowledged it. Please press Acknowledge again."), false);
            }
        }

        await trail.RecordAsync(by, "safety.acknowledged", AuditSubjects.Escalation, escalationId, new { auditId = audit.Id, caseReference = doc.Value.CaseReference.Value }, ct).ConfigureAwait(false);
        return (AlertCards.Alert(audit, doc.Value, "Thank you. Your acknowledgement is recorded."), true);
    }

    /// <summary>Re-sends every unacknowledged alert whose re-send time has come. Returns how many were re-sent.</summary>
    public async Task<int> ResendDueAsync(CancellationToken ct)
    {
        var count = 0;
        var now = time.GetUtcNow();
        foreach (var doc in await store.ListOpenEscalationsAsync(ct).ConfigureAwait(false))
        {
            if (!doc.Value.IsResendDue(now) || !doc.Value.RecordResend(now).Succeeded)
            {
                continue;
            }

            if (!await store.UpdateEscalationAsync(doc, ct).ConfigureAwait(false))
            {
                continue;
            }

            var audit = (await store.GetAuditAsync(doc.Value.AuditId, ct).ConfigureAwait(false))?.Value;
            if (audit is null)
            {
                continue;
            }

            var unreached = await SendAsync(audit, doc.Value, ct).ConfigureAwait(false);
            await trail.RecordAsync(new PersonRef("workshopbot", "WorkshopBot"), "safety.resent", AuditSubjects.Escalation, doc.Value.Id,
                new { auditId = audit.Id, resend = doc.Value.ResendCount, notReached = unreached }, ct).ConfigureAwait(false);
            count++;
        }

        return count;
    }
}
