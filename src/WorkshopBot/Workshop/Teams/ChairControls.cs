using WorkshopBot.Common.Teams;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Workshop.Domain;
using WorkshopBot.Workshop.Storage;

namespace WorkshopBot.Workshop.Teams;

/// <summary>
/// The chair's controls for one poll as they stand now (phases, moderation, ratification, results): the answer to
/// every chair action on a poll, with what happened in <c>notice</c>.
/// </summary>
public sealed class ChairControls(IWorkshopVoteStore votes)
{
    public async Task<InvokeResponse> ShowAsync(WorkshopSession session, Poll poll, string? notice, CancellationToken cancellationToken)
    {
        var snapshot = await votes.SnapshotAsync(session, poll, cancellationToken).ConfigureAwait(false);
        return Reply.Card(PollsCard.Manage(session, snapshot, notice));
    }
}
