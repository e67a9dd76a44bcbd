using WorkshopBot.ActionPlans.Storage;
using WorkshopBot.ActionPlans.Teams;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Common;
using WorkshopBot.Common.Storage;
using WorkshopBot.Common.Teams;
using WorkshopBot.Storage;
using WorkshopBot.Workshop.Jobs;
using WorkshopBot.Workshop.Storage;
using WorkshopBot.Workshop.Teams;

namespace WorkshopBot.Audits.Teams;

/// <summary>What a handover did, for the card that answers the press.</summary>
public sealed record HandoverOutcome(Audit Audit, AlertsHandedOver Alerts, WorkHandedOver Requests, WorkHandedOver SignOffs,
    WorkHandedOver Overdue, bool NewChairTold);

/// <summary>
/// Hands an audit's chair over in the turn's one unit of work: the audit, the copies of its chair that its workshops and
/// action plan keep, the Teams id the bot reaches the new chair at, its open alerts (see
/// <see cref="SafetyAlerts.HandOverAsync"/>), its pending requests to reopen a return (see
/// <see cref="ReopenRequestHandovers.HandOverAsync"/>), its plan's actions waiting for sign-off (see
/// <see cref="SignOffHandovers.HandOverAsync"/>), the chair before's overdue notices (see
/// <see cref="OverdueNoticeHandovers.HandOverAsync"/>), the returns tracker where it was posted in the chair before's 1:1 chat
/// (taken down: see <see cref="TrackerService.TakeDownAfterHandoverAsync"/>), the new chair's notice and the audit-log line
/// commit together or not at all. Every chair check reads the stored chair, so the chair before is refused on every chair
/// card from the commit on. The workshop cards posted in a channel, which name the chair, are drawn again once it commits.
/// </summary>
public sealed class ChairHandovers(
    AuditStore store, DocumentChanges documents, ActionStore plans, SafetyAlerts safety, ReopenRequestHandovers reopenRequests,
    SignOffHandovers signOffs, OverdueNoticeHandovers overdueNotices, TrackerService trackers, AuditMessenger messenger,
    AuditTrail trail, LiveCardCoalescer liveCards, UnitOfWork work, TimeProvider time)
{
    /// <summary>The audit-log action of a handover: the chair's object ids before and after and the reason's code only.</summary>
    public const string HandedOver = "audit.chair.handed-over";

    /// <summary>
    /// Hands the chair the card was drawn for (<paramref name="chairWas"/>) to <paramref name="member"/>, picked from the roster
    /// of <paramref name="pickedFrom"/>. Refused (the audit as read, with the domain's refusal) when they already chair it, when
    /// someone else was made chair since, or when they are of another organisation.
    /// </summary>
    public async Task<Changed<Audit, HandoverOutcome>> HandOverAsync(PersonRef by, Audit audit, string? chairWas,
        TeamMember member, ChairHandoverReason reason, RosterSource pickedFrom, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(by);
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(member);
        var to = new PersonRef(member.UserKey, member.Name) { TenantId = audit.TenantId };
        var now = time.GetUtcNow();
        var from = audit.Chair;
        var changed = await store.ChangeAuditAsync(audit.Id, a => a.HandOverChair(chairWas, to, reason, now), ct).ConfigureAwait(false);
        if (!changed.Saved)
        {
            return new Changed<Audit, HandoverOutcome>(changed.Status,
                DomainResult<HandoverOutcome>.From(changed.Result.Error!), changed.Value);
        }

        var after = changed.Value!;
        var chair = after.Chair;
        var workshops = 0;
        foreach (var session in await documents.ListAsync(WorkshopRepository.Kind, after.Id.ToString(), null, ct).ConfigureAwait(false))
        {
            var moved = await documents.ChangeAsync(WorkshopRepository.Kind, WorkshopRepository.KeyOf(session.Id),
                s => s.HandOverChair(chair), ct).ConfigureAwait(false);
            workshops += moved.Saved ? 1 : 0;
            if (moved is { Saved: true, Value: { CardPostKey: not null } posted })
            {
                // The workshop's card in its channel says who chairs it: drawn again from the stored workshop once this commits.
                liveCards.MarkChangedOnCommit(work, posted.Conversation.ConversationId, posted.Id, PollCardPublisher.WorkshopCard);
            }
        }

        var plan = await plans.ChangePlanAsync(after.Id, p => p.HandOverChair(chair, member.TeamsId), ct).ConfigureAwait(false);
        var channel = await store.ChangeChannelAsync(after.Id, c =>
        {
            c.TeamsIds = new Dictionary<string, string>(c.TeamsIds, StringComparer.OrdinalIgnoreCase) { [chair.UserId] = member.TeamsId };
            c.ChairTeamsId = member.TeamsId;
        }, ct).ConfigureAwait(false);

        var alerts = await safety.HandOverAsync(after, from, ct).ConfigureAwait(false);
        var requests = await reopenRequests.HandOverAsync(after, ct).ConfigureAwait(false);
        var signOffsMoved = plan.Value is { } changedPlan
            ? await signOffs.HandOverAsync(changedPlan, after.ChairHandovers.Count, ct).ConfigureAwait(false)
            : WorkHandedOver.Nothing(0);
        var overdue = plan.Value is { } planNow
            ? await overdueNotices.HandOverAsync(planNow, ct).ConfigureAwait(false)
            : WorkHandedOver.Nothing(0);
        var tracker = await trackers.TakeDownAfterHandoverAsync(after, ct).ConfigureAwait(false);
        IReadOnlyList<string>[] replaced = [alerts.Posted, requests.Posted, signOffsMoved.Posted, overdue.Posted, tracker.Posted];
        if (replaced.Sum(p => p.Count) > 0)
        {
            // Whatever else was still queued to post or update the old chair's alert, request, sign-off and overdue cards, and
            // the tracker in their 1:1 chat, is given up with what it said.
            work.Store.WithdrawUnsent([.. replaced.SelectMany(p => p)],
                [.. alerts.Updates, .. requests.Updates, .. signOffsMoved.Updates, .. overdue.Updates, .. tracker.Updates], now);
        }

        // The tracker stays where the audit was set up: in the chair before's 1:1 chat the new chair never sees it, so they are
        // shown where to follow the returns instead.
        var trackerElsewhere = await trackers.InAnotherChairsChatAsync(after, ct).ConfigureAwait(false);
        var notice = ChairCard.NewChair(after, alerts.Open, requests.Pending, signOffsMoved.Pending, overdue.Pending, trackerElsewhere);
        // An audit with no conversation on record (a plan-only one) reaches them 1:1 as the roster they were picked from gave
        // them, or at their own chat with the bot: the admin's card says they were told only when one of these can.
        var noticeKey = $"audit:{after.Id:D}:chair:{after.ChairHandovers.Count}";
        var told = (channel is not null
            ? await messenger.SendToPersonAsync(channel, chair, notice, noticeKey, AuditMessenger.Correlation(after.Id), ct)
                .ConfigureAwait(false)
            : await messenger.SendToPersonAsync(pickedFrom, chair, member.TeamsId, notice, noticeKey,
                AuditMessenger.Correlation(after.Id), ct).ConfigureAwait(false)) is not null;
        var handover = after.ChairHandovers[^1];
        await trail.RecordAsync(by, HandedOver, AuditSubjects.Audit, after.Id, new
        {
            from = handover.FromUserId,
            to = handover.ToUserId,
            reason = ReasonCode(handover.Reason),
            byChair = by.IsSamePerson(from),
            workshops,
            actionPlan = plan.Saved,
            openAlerts = alerts.Open,
            alertsSent = alerts.SentToNewChair,
            alertCardsReplaced = alerts.Posted.Count,
            reopenRequests = requests.Pending,
            reopenRequestsSent = requests.SentToNewChair,
            reopenRequestCardsReplaced = requests.Posted.Count,
            signOffRequests = signOffsMoved.Pending,
            signOffRequestsSent = signOffsMoved.SentToNewChair,
            signOffCardsReplaced = signOffsMoved.Posted.Count,
            overdueActions = overdue.Pending,
            overdueCardsReplaced = overdue.Posted.Count,
            trackerTakenDown = tracker.Posted.Count > 0,
            newChairTold = told,
        }, ct).ConfigureAwait(false);
        return new Changed<Audit, HandoverOutcome>(ChangeStatus.Saved,
            DomainResult<HandoverOutcome>.Ok(new HandoverOutcome(after, alerts, requests, signOffsMoved, overdue, told)), after);
    }

    /// <summary>The reason as the audit log records it.</summary>
    public static string ReasonCode(ChairHandoverReason reason) => reason switch
    {
        ChairHandoverReason.LeftRole => "left-role",
        ChairHandoverReason.Absent => "absent",
        _ => "other",
    };
}
