using WorkshopBot.Workshop.Domain;

namespace WorkshopBot.Workshop.Storage;

/// <summary>Reads a poll's running counts from the vote store into a <see cref="PollSnapshot"/>.</summary>
public static class PollSnapshots
{
    public static async Task<PollSnapshot> SnapshotAsync(this IWorkshopVoteStore votes, WorkshopSession session, Poll poll,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(votes);
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(poll);
        var counts = await votes.CountsAsync(session.Id, poll.Id, cancellationToken).ConfigureAwait(false);
        return PollSnapshot.Of(poll, counts.Tally, counts.Voters, counts.Participants);
    }

    /// <summary>The poll's counts as one voter's state has them (after their own vote).</summary>
    public static PollSnapshot Snapshot(this VoterState state, Poll poll)
    {
        ArgumentNullException.ThrowIfNull(state);
        return PollSnapshot.Of(poll, state.Tally, state.Voters, state.Participants);
    }
}
