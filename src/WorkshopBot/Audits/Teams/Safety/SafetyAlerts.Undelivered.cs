// The representative learns when their alert did not reach someone: its first sending, a re-send, or an update of it (new
// details, yes again, a change to no), whichever the person was sent last.
using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Common;
using WorkshopBot.Common.Teams;
using WorkshopBot.Storage;

namespace WorkshopBot.Audits.Teams;

public sealed partial class SafetyAlerts
{
    /// <summary>
    /// Tells the representative who raised an unacknowledged alert, once per person and update of the alert, that the latest
    /// message of it sent to someone (the alert, a re-send, or an update of it) could not be delivered (they blocked the app,
    /// or delivery failed), so they contact that person directly. True when told.
    /// </summary>
    public async Task<bool> ReportUndeliveredAsync(Guid escalationId, CancellationToken ct)
    {
        var escalation = (await store.GetEscalationAsync(escalationId, ct).ConfigureAwait(false))?.Value;
        var audit = escalation is null ? null : (await store.GetAuditAsync(escalation.AuditId, ct).ConfigureAwait(false))?.Value;
        var channel = audit is null ? null : (await store.GetChannelAsync(audit.Id, ct).ConfigureAwait(false))?.Value;
        if (escalation is not { IsAcknowledged: false } || audit is null || channel is null)
        {
            return false;
        }

        // A chair who handed the audit over is not followed up: the alert went to the new chair, and their cards were taken down.
        var (undelivered, marks, ofUpdates) = await UndeliveredAsync(audit, escalation,
            escalation.RoutedTo.Where(p => !HandedOverBy(audit, escalation, p)), ct).ConfigureAwait(false);
        var changed = undelivered.Count == 0 ? null
            : await store.ChangeEscalationAsync(escalation.Id, e => e.RecordUndeliveredReported(marks), ct).ConfigureAwait(false);
        if (changed is not { Saved: true })
        {
            return false;
        }

        var sent = await TellRepresentativeAsync(audit, channel, escalation, undelivered, marks, ofUpdates, ct).ConfigureAwait(false);
        await trail.RecordForAsync(AuditSubjects.BotActor, audit.TenantId, "safety.undelivered",
            AuditSubjects.Escalation, AuditStore.Key(escalation.Id), new
            {
                auditId = audit.Id,
                notDelivered = undelivered.Count,
                updatesNotDelivered = ofUpdates > 0 ? ofUpdates : (int?)null,
                representativeTold = sent,
            }, ct).ConfigureAwait(false);
        return sent;
    }

    /// <summary>
    /// Those of <paramref name="people"/> whose latest message of the alert failed for good and whom the representative has
    /// not been told of yet, with the marks to record (<see cref="ReportMark"/>) and how many of those are of updates.
    /// </summary>
    private async Task<(List<PersonRef> Undelivered, List<string> Marks, int OfUpdates)> UndeliveredAsync(Audit audit,
        SafetyEscalation escalation, IEnumerable<PersonRef> people, CancellationToken ct)
    {
        var undelivered = new List<PersonRef>();
        var marks = new List<string>();
        var ofUpdates = 0;
        var told = escalation.UndeliveredReported;
        foreach (var person in people)
        {
            var latest = await LatestSentToAsync(audit, escalation, person, ct).ConfigureAwait(false);
            if (latest is { Status: OutboxStatus.Blocked or OutboxStatus.Failed }
                && ReportMark(escalation, person, latest) is var mark && !told.Contains(mark, StringComparer.OrdinalIgnoreCase))
            {
                undelivered.Add(person);
                marks.Add(mark);
                // The copy sent to a new chair at a handover is the alert itself to them, not an update of it.
                ofUpdates += mark == person.UserId || IsHandoverKey(escalation, person, latest.DedupeKey) ? 0 : 1;
            }
        }

        return (undelivered, marks, ofUpdates);
    }

    /// <summary>
    /// Tells the representative in their 1:1 chat that the alert (or its latest update) did not reach these people, so they
    /// contact them directly; once the alert is acknowledged, by whom too. True when queued.
    /// </summary>
    private async Task<bool> TellRepresentativeAsync(Audit audit, AuditChannel channel, SafetyEscalation escalation,
        List<PersonRef> undelivered, List<string> marks, int ofUpdates, CancellationToken ct)
    {
        var names = NamesOf(audit, undelivered);
        var what = ofUpdates == 0 ? "your immediate-safety alert"
            : ofUpdates == undelivered.Count ? "the latest update of your immediate-safety alert"
            : "your immediate-safety alert, or its latest update,";
        var acknowledged = escalation.AcknowledgedBy is { } by
            ? $"{(audit.IsChair(by) ? "The audit chair" : CardKit.Literal(by.DisplayName))} has acknowledged it. "
            : "";
        var card = NoticeCard.Create($"Your immediate concern was not delivered: case {escalation.CaseReference}",
            $"WorkshopBot could not deliver {what} to {names} in Teams. {acknowledged}Please contact them directly now. "
            + "Make any referral through your agency's own procedures.", Tone.Error);
        var key = $"safety:{escalation.Id:D}:undelivered:{string.Join('-', marks)}";
        return await messenger.SendToPersonAsync(channel, escalation.RaisedBy, card, key, AuditMessenger.Correlation(audit.Id), ct)
            .ConfigureAwait(false) is not null;
    }

    /// <summary>The people by name, the chair as "the audit chair", joined with "or".</summary>
    private static string NamesOf(Audit audit, IEnumerable<PersonRef> people) =>
        string.Join(" or ", people.Select(p => p.IsSamePerson(audit.Chair) ? "the audit chair" : CardKit.Literal(p.DisplayName)));

    /// <summary>
    /// What the representative is told about once: the alert to this person, however often the bot re-sends it (their
    /// user id alone, as before updates were told), or each update they made of it (new details, yes again, a change to
    /// no), which they would otherwise believe delivered (the user id and the update's key).
    /// </summary>
    private static string ReportMark(SafetyEscalation escalation, PersonRef person, OutboxMessage latest)
    {
        var prefix = UpdateKey(escalation, person, "");
        return latest.DedupeKey == DedupeKey(escalation, person) || !latest.DedupeKey.StartsWith(prefix, StringComparison.Ordinal)
            ? person.UserId
            : $"{person.UserId}|{latest.DedupeKey[prefix.Length..]}";
    }

    /// <summary>
    /// The message of the alert queued last to <paramref name="person"/>: of its latest sending (the first, or a re-send) and
    /// the latest update of each kind (SendAsync's keys), the one queued last; a later message carries all the earlier did.
    /// Null when none is queued. A named lead's first message when appointed is the chair's to follow up
    /// (<see cref="ReportUnreachedLeadAsync"/>), so it is not among them. The copy sent to a new chair when the audit's chair
    /// was handed over to them (<see cref="HandOverAsync"/>) is: until a re-send, it is all of the alert they were sent.
    /// </summary>
    private async Task<OutboxMessage?> LatestSentToAsync(Audit audit, SafetyEscalation escalation, PersonRef person,
        CancellationToken ct)
    {
        var found = new List<OutboxMessage>();
        async Task<bool> FindAsync(string key)
        {
            if (await outboxStore.FindByDedupeKeyAsync(key, ct).ConfigureAwait(false) is { } message)
            {
                found.Add(message);
                return true;
            }

            return false;
        }

        await FindAsync(DedupeKey(escalation, person)).ConfigureAwait(false);
        if (escalation.Reraises > 0)
        {
            await FindAsync(UpdateKey(escalation, person, $"reraised:{escalation.Reraises}")).ConfigureAwait(false);
        }

        if (escalation.Withdrawals > 0)
        {
            await FindAsync(UpdateKey(escalation, person, WithdrawnKey(escalation))).ConfigureAwait(false);
        }

        // A yes again counts a change of details too, told in its own message: the latest details message is the last found.
        for (var update = escalation.DetailsUpdates; update > 0; update--)
        {
            if (await FindAsync(UpdateKey(escalation, person, $"details:{update}")).ConfigureAwait(false))
            {
                break;
            }
        }

        for (var handover = 1; handover <= audit.ChairHandovers.Count; handover++)
        {
            if (string.Equals(audit.ChairHandovers[handover - 1].ToUserId, person.UserId, StringComparison.OrdinalIgnoreCase))
            {
                await FindAsync(HandoverKey(escalation, person, handover)).ConfigureAwait(false);
            }
        }

        return found.OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).LastOrDefault();
    }
}
