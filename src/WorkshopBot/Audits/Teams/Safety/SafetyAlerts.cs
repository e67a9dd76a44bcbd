using Microsoft.Extensions.Options;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Cards;
using WorkshopBot.Common;
using WorkshopBot.Common.Secrets;
using WorkshopBot.Common.Teams;
using WorkshopBot.Storage;

namespace WorkshopBot.Audits.Teams;

/// <summary>Raises, routes and re-sends immediate-safety alerts. Every step is logged.</summary>
public sealed partial class SafetyAlerts(
    AuditStore store,
    AuditMessenger messenger,
    IOutboxStore outboxStore,
    AuditTrail trail,
    IOptions<AuditOptions> options,
    TimeProvider time,
    IIdGenerator ids,
    SafetyFingerprints fingerprints,
    UnitOfWork work)
{
    /// <summary>
    /// Raises an alert for a return whose safety question has just been answered yes, and sends it at once; while an alert
    /// for the return is still open (say the representative changed to no and back to yes), that alert carries the concern
    /// again instead, sent as an update, so the chair never has two for one return. Null when it could not be raised;
    /// otherwise the alert and the people the bot could not reach in Teams.
    /// </summary>
    public async Task<RaisedAlert?> RaiseAsync(Audit audit, AuditReturn ret, PersonRef by, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(ret);
        if (await OpenForReturnAsync(audit, ret, ct).ConfigureAwait(false) is { } open
            && await ReraiseAsync(audit, ret, open, by, ct).ConfigureAwait(false) is { } reraised)
        {
            return reraised;
        }

        var fingerprint = await fingerprints.FunctionAsync(ct).ConfigureAwait(false);
        var raised = SafetyEscalation.RaiseFromReturn(ids.NewId(), audit, ret, by, time.GetUtcNow(), fingerprint,
            options.Value.SafetyResendAfter);
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

    /// <summary>
    /// Sends the chair and named lead the concern's details as the representative has just changed them, on the alert
    /// already raised for the return (or raises one, should there be none). Null when nothing could be sent.
    /// </summary>
    public async Task<RaisedAlert?> UpdateDetailsAsync(Audit audit, AuditReturn ret, PersonRef by, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(ret);
        var latest = await OpenForReturnAsync(audit, ret, ct).ConfigureAwait(false)
            ?? (await ForReturnAsync(audit, ret, ct).ConfigureAwait(false)).LastOrDefault();
        if (latest is null)
        {
            return await RaiseAsync(audit, ret, by, ct).ConfigureAwait(false);
        }

        var fingerprint = await fingerprints.FunctionAsync(ct).ConfigureAwait(false);
        var changed = await store.ChangeEscalationAsync(latest.Id, e => e.UpdateDetails(ret, fingerprint), ct).ConfigureAwait(false);
        if (!changed.Saved)
        {
            // The alert already carries these details (nothing to send, and nothing failed); else nothing could be sent.
            return changed is { Result.Error.Kind: DomainErrorKind.AlreadyDone, Value: { } same } ? new RaisedAlert(same, []) : null;
        }

        var escalation = changed.Value!;
        var unreached = await SendAsync(audit, escalation, ct, (DetailsChangedMessage(escalation), $"details:{escalation.DetailsUpdates}"))
            .ConfigureAwait(false);
        await trail.RecordAsync(by, "safety.details-updated", AuditSubjects.Escalation, escalation.Id,
            new { auditId = audit.Id, update = escalation.DetailsUpdates, notReached = unreached.Count }, ct).ConfigureAwait(false);
        return new RaisedAlert(escalation, unreached);
    }

    /// <summary>
    /// The unacknowledged alerts whose re-send time has come (each is then re-sent in its own unit of work); never one the
    /// representative has withdrawn by changing their answer to no.
    /// </summary>
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
        var current = (await store.GetEscalationAsync(escalationId, ct).ConfigureAwait(false))?.Value;
        var audit = current is null ? null : (await store.GetAuditAsync(current.AuditId, ct).ConfigureAwait(false))?.Value;
        if (audit is null)
        {
            return false;
        }

        // A named lead appointed since it was raised, and not yet sent it (say, before this was deployed), is sent it now.
        var routedBefore = 0;
        var changed = await store.ChangeEscalationAsync(escalationId, e =>
        {
            routedBefore = e.RoutedTo.Count;
            var resent = e.RecordResend(now);
            if (resent.Succeeded)
            {
                _ = e.RouteToNamedLead(audit);
            }

            return resent;
        }, ct).ConfigureAwait(false);
        if (!changed.Saved)
        {
            return false;
        }

        var escalation = changed.Value!;
        // Through an outage of Teams the earlier sendings wait in the outbox, which keeps them for as long as the outage lasts:
        // this one carries all they did, so they are given up (with the updates of the ones never posted), and the person
        // is handed one card when Teams is back, not one an hour. A sending already posted, or in flight, is left as it is.
        work.Store.WithdrawUnsent(escalation.RoutedTo
            .SelectMany(p => Enumerable.Range(0, escalation.ResendCount).Select(n => SendingKey(escalation, p, n))).ToList(), [], now);
        var unreached = await SendAsync(audit, escalation, ct).ConfigureAwait(false);
        await trail.RecordForAsync(AuditSubjects.BotActor, audit.TenantId, "safety.resent",
            AuditSubjects.Escalation, AuditStore.Key(escalation.Id), new
            {
                auditId = audit.Id,
                resend = escalation.ResendCount,
                notReached = unreached.Count,
                newlyRoutedTo = escalation.RoutedTo.Skip(routedBefore).Select(p => p.UserId),
            }, ct).ConfigureAwait(false);
        return true;
    }

    /// <summary>The unacknowledged alerts (each is checked for failed deliveries in its own unit of work).</summary>
    public async Task<IReadOnlyList<Guid>> ListOpenAsync(CancellationToken ct) =>
        (await store.ListOpenEscalationsAsync(ct).ConfigureAwait(false)).Select(e => e.Value.Id).ToList();

    /// <summary>
    /// True when <paramref name="person"/>, someone the alert was routed to when it was raised, still answers for it: the
    /// audit's chair, or the agency's named lead now. A named lead replaced since is sent nothing more of the alert and
    /// cannot acknowledge it, so it keeps going to the chair.
    /// </summary>
    public static bool StillAnswersFor(Audit audit, SafetyEscalation escalation, PersonRef person)
    {
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(escalation);
        return audit.IsChair(person) || audit.FindAgency(escalation.AgencyId)?.NamedLead?.IsSamePerson(person) == true;
    }

    /// <summary>
    /// True when <paramref name="person"/> raised the alert and is not the audit's chair: they are sent nothing of it (an alert
    /// raised before this rule may have been routed to them as named lead), and may not acknowledge it.
    /// </summary>
    public static bool IsOwnAlert(Audit audit, SafetyEscalation escalation, PersonRef person)
    {
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(escalation);
        return escalation.IsRaisedBy(person) && !audit.IsChair(person);
    }

    private static string DedupeKey(SafetyEscalation escalation, PersonRef person) =>
        SendingKey(escalation, person, escalation.ResendCount);

    /// <summary>The key of the alert's <paramref name="sending"/>th sending to <paramref name="person"/> (0: when raised).</summary>
    private static string SendingKey(SafetyEscalation escalation, PersonRef person, int sending) =>
        $"safety:{escalation.Id:D}:{person.UserId}:{sending.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>The key of an update of the alert sent to <paramref name="person"/>: one message per update (its suffix).</summary>
    private static string UpdateKey(SafetyEscalation escalation, PersonRef person, string suffix) =>
        $"safety:{escalation.Id:D}:{person.UserId}:{suffix}";

    /// <summary>Sends the alert to everyone it is routed to; returns the people the bot cannot reach.</summary>
    /// <param name="update">For an update of the alert: what the card says changed, and the key that makes it one message.</param>
    private Task<List<PersonRef>> SendAsync(Audit audit, SafetyEscalation escalation, CancellationToken ct,
        (string Message, string Key)? update = null) =>
        QueueAsync(audit, escalation.RoutedTo.Where(p => StillAnswersFor(audit, escalation, p) && !IsOwnAlert(audit, escalation, p))
                .ToList(),
            SafetyCard.Alert(audit, escalation, update?.Message),
            person => update is { Key: var suffix } ? UpdateKey(escalation, person, suffix) : DedupeKey(escalation, person),
            ct);

    /// <summary>
    /// Queues the card to each person in their 1:1 chat, under its key; returns the people the bot cannot reach (see
    /// <see cref="AuditMessenger.CanReachAsync"/>). Queued all the same whenever the bot has their Teams id (even to a closed
    /// chat): it may still arrive.
    /// </summary>
    private async Task<List<PersonRef>> QueueAsync(Audit audit, List<PersonRef> recipients, AdaptiveCard card,
        Func<PersonRef, string> keyOf, CancellationToken ct)
    {
        var unreached = new List<PersonRef>();
        var channel = (await store.GetChannelAsync(audit.Id, ct).ConfigureAwait(false))?.Value;
        if (channel is null)
        {
            return recipients;
        }

        foreach (var person in recipients)
        {
            var queued = await messenger.SendToPersonAsync(channel, person, card, keyOf(person),
                AuditMessenger.Correlation(audit.Id), ct).ConfigureAwait(false);
            if (queued is null || !await messenger.CanReachAsync(channel, person, ct).ConfigureAwait(false))
            {
                unreached.Add(person);
            }
        }

        return unreached;
    }
}

/// <summary>
/// An alert just raised, and the people it is routed to whom the bot could not reach in Teams. <paramref name="Updated"/>: the
/// return's alert was already open, and this was sent as an update of it (a yes on an older card of the submitted return).
/// </summary>
public sealed record RaisedAlert(SafetyEscalation Escalation, IReadOnlyList<PersonRef> Unreached, bool Updated = false);
