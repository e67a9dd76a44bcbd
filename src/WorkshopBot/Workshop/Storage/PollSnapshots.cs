using WorkshopBot.Workshop.Domain;

namespace WorkshopBot.Workshop.Storage;

/// <summary>Reads a poll's counts from the vote store into a <see cref="PollSnapshot"/>.</summary>
public static class PollSnapshots
{
    public static async Task<PollSnapshot> SnapshotAsync(this IWorkshopVoteStore votes, WorkshopSession session, Poll poll,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(votes);
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(poll);
        var tally = await votes.TallyAsync(poll.Id, cancellationToken).ConfigureAwait(false);
        var voters = await votes.CountVotersAsync(poll.Id, cancellationToken).ConfigureAwait(false);
        var participants = await votes.CountParticipantsAsync(session.Id, cancellationToken).ConfigureAwait(false);
        return PollSnapshot.Of(poll, tally, voters, participants);
    }
}
