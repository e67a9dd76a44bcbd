using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Cards;
using WorkshopBot.Common;
using WorkshopBot.Common.Storage;
using WorkshopBot.Common.Teams;
using WorkshopBot.Hosting;
using WorkshopBot.Protocol.Routing;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Workshop.Storage;

namespace WorkshopBot.Audits.Teams;

/// <summary>Names one audit (dashboard, tracker, lists).</summary>
public sealed record AuditRefData(Guid AuditId);

/// <summary>
/// The audit's home for its chair: what it is, how the tools were delivered, Issue, and Close once the returns are
/// released. "returns" lists the audits a chair runs, each opening here.
/// </summary>
public sealed partial class DashboardScreen(
    ChairAccess access,
    AuditStore store,
    Roles roles,
    AuditTrail trail,
    ToolDelivery delivery,
    TrackerService tracker,
    WorkshopMoveNotices notices,
    DocumentChanges documents,
    TimeProvider time)
{
    public const string Dashboard = "audit.dashboard";
    public const string Issue = "audit.issue";
    public const string Close = "audit.close";
    public const string RescheduleWorkshop = "audit.workshop.reschedule";

    public static void Map(ActivityRouter router)
    {
        ArgumentNullException.ThrowIfNull(router);
        router.OnCommand("returns", (turn, _, ct) => turn.Screen<DashboardScreen>().ListAsync(turn, ct));
        router.OnCardAction<AuditRefData>(Dashboard, (turn, data, ct) => turn.Screen<DashboardScreen>().ShowAsync(turn, data, ct));
        router.OnCardAction<AuditRefData>(Issue, (turn, data, ct) => turn.Screen<DashboardScreen>().IssueAsync(turn, data, ct));
        router.OnCardAction<AuditRefData>(Close, (turn, data, ct) => turn.Screen<DashboardScreen>().CloseAsync(turn, data, ct));
        router.OnCardAction<RescheduleWorkshopData>(RescheduleWorkshop,
            (turn, data, ct) => turn.Screen<DashboardScreen>().RescheduleWorkshopAsync(turn, data, ct));
    }

    /// <summary>"returns": the audits this person chairs (every audit, for an admin).</summary>
    public async Task ListAsync(TurnContext turn, CancellationToken ct)
    {
        if (!await PersonalLists.InPersonalChatAsync(turn, "returns", ct).ConfigureAwait(false))
        {
            return;
        }

        var me = turn.Person();
        var audits = (await store.ListAuditsAsync(ct).ConfigureAwait(false)).Select(d => d.Value)
            .Where(a => a.IsChair(me) || roles.IsAdmin(me))
            .OrderByDescending(a => a.CreatedAt)
            .ToList();
        await turn.SendCardAsync(AdaptiveCardJson.ToJsonElement(DashboardCard.List("Audits you chair", audits)), ct).ConfigureAwait(false);
    }

    public async Task<InvokeResponse> ShowAsync(TurnContext turn, AuditRefData data, CancellationToken ct)
    {
        var chaired = await access.AuditAsync(turn, data.AuditId, ct).ConfigureAwait(false);
        if (chaired.Refused)
        {
            return chaired.Refusal;
        }

        var audit = chaired.Value;
        var channel = (await store.GetChannelAsync(audit.Id, ct).ConfigureAwait(false))?.Value;
        var delivered = channel is null ? null : await delivery.SummaryAsync(audit, channel, ct).ConfigureAwait(false);
        return Reply.Card(DashboardCard.Dashboard(audit, delivered, today: time.GetUtcNow()));
    }

    /// <summary>
    /// Issues a draft, then sends every audit tool not yet sent. Pressed again on the issued audit (its dashboard's Send
    /// missing audit tools), it sends only the missing ones: a new representative's, and those Teams refused or gave up on
    /// before (see <see cref="ToolDelivery"/>); logged as <c>audit.tools-resent</c> with counts.
    /// </summary>
    public async Task<InvokeResponse> IssueAsync(TurnContext turn, AuditRefData data, CancellationToken ct)
    {
        var chaired = await access.AuditAsync(turn, data.AuditId, ct).ConfigureAwait(false);
        if (chaired.Refused)
        {
            return chaired.Refusal;
        }

        var audit = chaired.Value;
        var firstIssue = audit.Status == AuditStatus.Draft;
        if (firstIssue)
        {
            var issued = await store.ChangeAuditAsync(audit.Id, a => a.Issue(time.GetUtcNow()), ct).ConfigureAwait(false);
            if (!issued.Saved)
            {
                return ChairAccess.NotSaved(issued, (a, message) => DashboardCard.Dashboard(a, message: message, tone: Tone.Warning));
            }

            audit = issued.Value!;
            await trail.RecordAsync(turn.Person(), "audit.issued", AuditSubjects.Audit, audit.Id,
                new { returns = audit.ExpectedReturns().Count }, ct).ConfigureAwait(false);
        }
        else if (audit.Status != AuditStatus.Issued)
        {
            // An old dashboard's Send missing audit tools, pressed after the release: tools are sent only while returns are
            // collected (the release ends that stage, and its reminders), but a representative chosen since, or one whose tool
            // never arrived, still opens the agency's returns from "my audits" until the audit is closed (ReturnsScreen).
            return Reply.Card(DashboardCard.Dashboard(audit, message: NoToolsSent(audit), tone: Tone.Warning, today: time.GetUtcNow()));
        }

        var (queued, fresh, unreachable) = await delivery.DeliverAsync(audit, ct).ConfigureAwait(false);
        var reached = await tracker.PostAsync(audit, ct).ConfigureAwait(false);
        var channel = (await store.GetChannelAsync(audit.Id, ct).ConfigureAwait(false))?.Value;
        var delivered = channel is null ? null : await delivery.SummaryAsync(audit, channel, ct).ConfigureAwait(false);
        if (!firstIssue)
        {
            await trail.RecordAsync(turn.Person(), "audit.tools-resent", AuditSubjects.Audit, audit.Id,
                new { sent = fresh, alreadySent = queued - fresh, notReached = unreachable.Count }, ct).ConfigureAwait(false);
        }

        var message = TrackerService.WithChannelNote(
            (firstIssue
                ? $"Audit issued. {OnTheWay(queued)}"
                : $"Missing audit tools: {CardKit.Plural(fresh, "audit tool")} sent now; {queued - fresh} already sent or on "
                    + "their way, so not sent again.")
            + (unreachable.Count > 0 ? $" Could not reach: {string.Join(", ", unreachable.Select(u => CardKit.Literal(u)))}."
                : string.Empty), reached);
        return Reply.Card(DashboardCard.Dashboard(audit, delivered, message,
            unreachable.Count > 0 || !reached ? Tone.Warning : Tone.Success, time.GetUtcNow()));
    }

    /// <summary>
    /// What the chair can expect once the audit is issued: the audit tools arrive in the representatives' chats with
    /// WorkshopBot, and the dashboard counts them as they are delivered.
    /// </summary>
    internal static string OnTheWay(int tools) =>
        $"{CardKit.Plural(tools, "audit tool")} {(tools == 1 ? "is" : "are")} on the way to the representatives, in their chats "
        + "with WorkshopBot. Open the audit again later to see how many have been delivered.";

    /// <summary>Why Send missing audit tools sends nothing once the returns are released, and what the chair can do instead.</summary>
    internal static string NoToolsSent(Audit audit) => audit.Status == AuditStatus.Closed
        ? "Nothing was sent: this audit is closed, so audit tools are no longer sent and its returns can no longer be changed."
        : "Nothing was sent: the returns have been released for moderation, so audit tools are no longer sent. A representative "
            + "chosen since, or one whose audit tool did not arrive, can still open their agency's returns: ask them to type "
            + "my audits in their chat with WorkshopBot. If they cannot find WorkshopBot in Teams, ask them to install it first.";

    /// <summary>
    /// The chair (or an admin) closes the audit once its returns are released: returns, workshop and action plan become
    /// read-only, reminders stop and the retention period starts. Refused while a workshop poll of the audit is open for
    /// voting (a vote reads no audit, so voting is closed first); pressed again, it says when the audit was closed.
    /// </summary>
    public async Task<InvokeResponse> CloseAsync(TurnContext turn, AuditRefData data, CancellationToken ct)
    {
        var chaired = await access.AuditAsync(turn, data.AuditId, ct).ConfigureAwait(false);
        if (chaired.Refused)
        {
            return chaired.Refusal;
        }

        var now = time.GetUtcNow();
        if (chaired.Value.ClosedAt is { } closedAt)
        {
            return Reply.Card(DashboardCard.Dashboard(chaired.Value, message: $"This audit was already closed on {CardKit.Date(closedAt)}.",
                tone: Tone.Info, today: now));
        }

        if (chaired.Value.ReturnsReleased && await VotingOpenAsync(chaired.Value.Id, now, ct).ConfigureAwait(false))
        {
            return Reply.Card(DashboardCard.Dashboard(chaired.Value, message: "A poll in this audit's workshop is still open for voting. "
                + "Please close voting on it first, then close the audit. Nothing was changed.", tone: Tone.Warning, today: now));
        }

        var changed = await store.ChangeAuditAsync(data.AuditId, a => a.Close(now), ct).ConfigureAwait(false);
        if (!changed.Saved)
        {
            return changed.Value?.ClosedAt is { } already
                ? Reply.Card(DashboardCard.Dashboard(changed.Value, message: $"This audit was already closed on {CardKit.Date(already)}.",
                    tone: Tone.Info, today: now))
                : ChairAccess.NotSaved(changed,
                    (a, message) => DashboardCard.Dashboard(a, message: message, tone: Tone.Warning, today: now));
        }

        var audit = changed.Value!;
        await trail.RecordAsync(turn.Person(), "audit.closed", AuditSubjects.Audit, audit.Id,
            new
            {
                closedAt = audit.ClosedAt,
                retainForMonths = audit.Retention.RetainForMonthsAfterClosure,
                legalHold = audit.Retention.LegalHold,
                deleteOn = audit.PurgeDueAt,
            },
            ct).ConfigureAwait(false);
        var reached = await tracker.RefreshAsync(audit.Id, ct).ConfigureAwait(false);
        var deleted = audit.PurgeDueAt is { } purge
            ? $"Its data will be deleted on {CardKit.Date(purge)}, unless a legal hold is placed before then."
            : "Its data is under a legal hold, so nothing will be deleted while the hold is in place.";
        return Reply.Card(DashboardCard.Dashboard(audit, message: TrackerService.WithChannelNote("Audit closed. Its returns, workshop "
            + $"and action plan are now read-only and reminders have stopped. {deleted}", reached),
            tone: reached ? Tone.Success : Tone.Warning, today: now));
    }

    /// <summary>Whether a poll of a workshop for this audit is open for voting now (a poll whose timer ran out takes no votes).</summary>
    private async Task<bool> VotingOpenAsync(Guid auditId, DateTimeOffset now, CancellationToken ct)
    {
        var sessions = await documents.ListAsync(WorkshopRepository.Kind, auditId.ToString(), null, ct).ConfigureAwait(false);
        foreach (var session in sessions)
        {
            // The close's commit depends on every workshop as read here: voting opened before it lands sends it round again.
            if (await documents.GetVersionedAsync(WorkshopRepository.Kind, WorkshopRepository.KeyOf(session.Id), ct)
                .ConfigureAwait(false) is { } held)
            {
                documents.RequireUnchanged(WorkshopRepository.Kind, held);
            }
        }

        return sessions.SelectMany(s => s.Polls).Any(p => p.IsOpen && (p.ClosesAt is null || p.ClosesAt > now));
    }
}
