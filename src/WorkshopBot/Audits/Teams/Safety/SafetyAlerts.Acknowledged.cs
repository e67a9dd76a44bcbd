// An acknowledgement stops the alert's re-sends, not the checks that it reached everyone else it went to: the chair whose
// copy failed for good (they removed the app, or the retries ran out) would otherwise never learn of a child unsafe now,
// while the named lead who acknowledged it believes the chair has it.
using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Common;
using WorkshopBot.Common.Teams;
using WorkshopBot.Storage;

namespace WorkshopBot.Audits.Teams;

public sealed partial class SafetyAlerts
{
    /// <summary>The acknowledged alerts whose delivery to the others they went to is still checked, each in its own unit of work.</summary>
    public async Task<IReadOnlyList<Guid>> ListWatchedAsync(CancellationToken ct) =>
        (await store.ListWatchedEscalationsAsync(ct).ConfigureAwait(false)).Select(e => e.Id).ToList();

    /// <summary>
    /// Checks an acknowledged alert's delivery to everyone else it went to who still answers for it. Someone whose latest
    /// message of it failed for good, or to whom none could be queued, never got it: whoever acknowledged it is told, once per
    /// person, to contact them directly, and the representative who raised it is told as they are of an open alert (once per
    /// person and update). The checks end once nobody's message is still on its way. What is told and the end of the checks
    /// are recorded on the alert in the same unit of work as the messages, so a second pass or instance finds them done.
    /// True when anything was recorded.
    /// </summary>
    public async Task<bool> CheckAcknowledgedDeliveryAsync(Guid escalationId, CancellationToken ct)
    {
        var escalation = (await store.GetEscalationAsync(escalationId, ct).ConfigureAwait(false))?.Value;
        var audit = escalation is null ? null : (await store.GetAuditAsync(escalation.AuditId, ct).ConfigureAwait(false))?.Value;
        var channel = audit is null ? null : (await store.GetChannelAsync(audit.Id, ct).ConfigureAwait(false))?.Value;
        if (escalation is not { DeliveryWatched: true, AcknowledgedBy: { } acknowledger } || audit is null || channel is null)
        {
            return false;
        }

        var others = escalation.RoutedTo.Where(p => !p.IsSamePerson(acknowledger) && StillAnswersFor(audit, escalation, p)
            && !IsOwnAlert(audit, escalation, p)).ToList();
        var onItsWay = false;
        var notReached = new List<PersonRef>();
        foreach (var person in others)
        {
            var status = (await NewestSentToAsync(audit, escalation, person, ct).ConfigureAwait(false))?.Status;
            onItsWay |= status is OutboxStatus.Pending or OutboxStatus.InFlight;
            if (status is null or OutboxStatus.Blocked or OutboxStatus.Failed)
            {
                notReached.Add(person);
            }
        }

        var (undelivered, marks, ofUpdates) = await UndeliveredAsync(audit, escalation, notReached, ct).ConfigureAwait(false);
        var toTell = escalation.IsRaisedBy(acknowledger) ? [] : notReached.Where(p =>
            !escalation.AcknowledgerToldOf.Contains(p.UserId, StringComparer.OrdinalIgnoreCase)
            && !(audit.IsChair(acknowledger) && escalation.UnreachedLeadsReported.Contains(p.UserId, StringComparer.OrdinalIgnoreCase)))
            .ToList();
        var changed = await store.ChangeEscalationAsync(escalation.Id,
            e => e.RecordDeliveryChecked(marks, toTell.Select(p => p.UserId).ToList(), settled: !onItsWay), ct).ConfigureAwait(false);
        if (!changed.Saved)
        {
            return false;
        }

        bool? representativeTold = undelivered.Count == 0 ? null
            : await TellRepresentativeAsync(audit, channel, escalation, undelivered, marks, ofUpdates, ct).ConfigureAwait(false);
        bool? acknowledgerTold = toTell.Count == 0 ? null
            : await messenger.SendToPersonAsync(channel, acknowledger, NotReachedCard(audit, escalation, toTell),
                $"safety:{escalation.Id:D}:not-reached:{string.Join('-', toTell.Select(p => p.UserId))}",
                AuditMessenger.Correlation(audit.Id), ct).ConfigureAwait(false) is not null;
        await trail.RecordForAsync(AuditSubjects.BotActor, audit.TenantId,
            representativeTold is null && acknowledgerTold is null ? "safety.delivery-checked" : "safety.undelivered",
            AuditSubjects.Escalation, AuditStore.Key(escalation.Id), new
            {
                auditId = audit.Id,
                afterAcknowledgement = true,
                notDelivered = notReached.Count,
                updatesNotDelivered = ofUpdates > 0 ? ofUpdates : (int?)null,
                representativeTold,
                acknowledgerTold,
                stillChecking = onItsWay,
            }, ct).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// The message of the alert queued last to <paramref name="person"/>, counting the one sent to a named lead when appointed
    /// while it was open: null when none could be queued (the bot had no way to reach them).
    /// </summary>
    private async Task<OutboxMessage?> NewestSentToAsync(Audit audit, SafetyEscalation escalation, PersonRef person,
        CancellationToken ct)
    {
        var latest = await LatestSentToAsync(audit, escalation, person, ct).ConfigureAwait(false);
        var routed = await outboxStore.FindByDedupeKeyAsync(RoutedKey(escalation, person), ct).ConfigureAwait(false);
        return new[] { latest, routed }.OfType<OutboxMessage>().OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).LastOrDefault();
    }

    /// <summary>
    /// Whoever acknowledged the alert learns who never got it: the case they acknowledged and who, nothing of the concern.
    /// </summary>
    private static Cards.AdaptiveCard NotReachedCard(Audit audit, SafetyEscalation escalation, List<PersonRef> notReached)
    {
        var names = NamesOf(audit, notReached);
        return NoticeCard.Create($"The immediate-safety alert did not reach {names}: case {escalation.CaseReference}",
            $"You acknowledged the immediate-safety alert from {CardKit.Literal(escalation.AgencyName)} for case "
            + $"{escalation.CaseReference} in \"{CardKit.Literal(audit.Title)}\". WorkshopBot could not deliver it to {names} in "
            + "Teams. Please contact them directly now.", Tone.Error);
    }
}
