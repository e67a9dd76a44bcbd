using Microsoft.Extensions.Options;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Common;

namespace WorkshopBot.Audits.Teams;

/// <summary>Raises, routes and re-sends immediate-safety alerts. Every step is logged.</summary>
public sealed class SafetyAlerts(
    AuditStore store,
    AuditMessenger messenger,
    AuditTrail trail,
    IOptions<AuditOptions> options,
    TimeProvider time,
    IIdGenerator ids)
{
    /// <summary>
    /// Raises an alert for a return whose safety question has just been answered yes, and sends it at once. Null when it
    /// could not be raised; otherwise the alert and the people the bot could not reach in Teams.
    /// </summary>
    public async Task<RaisedAlert?> RaiseAsync(Audit audit, AuditReturn ret, PersonRef by, CancellationToken ct)
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
            agency = ret.AgencyId,
            routedTo = escalation.RoutedTo.Select(p => p.UserId),
            notReached = unreached.Count,
        }, ct).ConfigureAwait(false);
        return new RaisedAlert(escalation, unreached);
    }

    /// <summary>The unacknowledged alerts whose re-send time has come (each is then re-sent in its own unit of work).</summary>
    public async Task<IReadOnlyList<Guid>> ListDueAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        return (await store.ListOpenEscalationsAsync(ct).ConfigureAwait(false))
            .Where(e => e.Value.IsResendDue(now)).Select(e => e.Value.Id).ToList();
    }

    /// <summary>Re-sends one alert if it is still unacknowledged and due; true when it was re-sent.</summary>
    public async Task<bool> ResendAsync(Guid escalationId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var changed = await store.ChangeEscalationAsync(escalationId, e => e.RecordResend(now), ct).ConfigureAwait(false);
        var audit = changed.Saved ? (await store.GetAuditAsync(changed.Value!.AuditId, ct).ConfigureAwait(false))?.Value : null;
        if (audit is null)
        {
            return false;
        }

        var escalation = changed.Value!;
        var unreached = await SendAsync(audit, escalation, ct).ConfigureAwait(false);
        await trail.RecordForAsync(AuditSubjects.BotActor, "safety.resent", AuditSubjects.Escalation, AuditStore.Key(escalation.Id),
            new { auditId = audit.Id, resend = escalation.ResendCount, notReached = unreached.Count }, ct).ConfigureAwait(false);
        return true;
    }

    /// <summary>Sends the alert to everyone it is routed to; returns the people the bot cannot reach.</summary>
    private async Task<List<PersonRef>> SendAsync(Audit audit, SafetyEscalation escalation, CancellationToken ct)
    {
        var unreached = new List<PersonRef>();
        var channel = (await store.GetChannelAsync(audit.Id, ct).ConfigureAwait(false))?.Value;
        if (channel is null)
        {
            return [.. escalation.RoutedTo];
        }

        var card = SafetyCard.Alert(audit, escalation);
        foreach (var person in escalation.RoutedTo)
        {
            var dedupeKey = $"safety:{escalation.Id:D}:{person.UserId}:{escalation.ResendCount}";
            var queued = await messenger.SendToPersonAsync(channel, person, card, dedupeKey, AuditMessenger.Correlation(audit.Id), ct)
                .ConfigureAwait(false);
            if (queued is null)
            {
                unreached.Add(person);
            }
        }

        return unreached;
    }
}

/// <summary>An alert just raised, and the people it is routed to whom the bot could not reach in Teams.</summary>
public sealed record RaisedAlert(SafetyEscalation Escalation, IReadOnlyList<PersonRef> Unreached);
