using WorkshopBot.Audits.Domain;
using WorkshopBot.Common.Teams;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Workshop.Domain;
using WorkshopBot.Workshop.Storage;

namespace WorkshopBot.Workshop.Teams;

/// <summary>
/// The chair's controls for one poll as they stand now (phases, moderation, ratification, results): the answer to
/// every chair action on a poll, with what happened in <c>notice</c>. Once the audit is closed they are read-only (see
/// <see cref="ClosedAuditGuard"/>): the poll and its results, without the buttons that would only be refused.
/// </summary>
public sealed class ChairControls(IWorkshopVoteStore votes, IWorkshopAuditReader audits)
{
    /// <param name="cleared">
    /// A reset saved with this turn: its votes are removed as the turn commits, after this answer is read, so the controls
    /// show none (as the poll's card does) rather than the tally just removed.
    /// </param>
    public async Task<InvokeResponse> ShowAsync(WorkshopSession session, Poll poll, string? notice, CancellationToken cancellationToken,
        bool cleared = false)
    {
        ArgumentNullException.ThrowIfNull(session);
        var snapshot = await votes.SnapshotAsync(session, poll, cancellationToken).ConfigureAwait(false);
        if (cleared)
        {
            snapshot = PollSnapshot.Of(poll, [], 0, snapshot.Participants);
        }

        var audit = await audits.GetAuditAsync(session.AuditId, cancellationToken).ConfigureAwait(false);
        return Reply.Card(PollsCard.Manage(session, snapshot, notice, auditClosed: audit?.Status is AuditStatus.Closed));
    }
}
