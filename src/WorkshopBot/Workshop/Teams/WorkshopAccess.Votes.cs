using WorkshopBot.Common.Teams;
using WorkshopBot.Protocol.Routing;
using WorkshopBot.Workshop.Domain;
using WorkshopBot.Workshop.Storage;

namespace WorkshopBot.Workshop.Teams;

/// <summary>
/// What a vote or ballot found: the poll (or the refusal), the voter's state, and the workshop's stored version;
/// <see cref="Remembered"/> when it was not read but remembered (<see cref="WorkshopAccess.VoterForVoteAsync"/>).
/// </summary>
public sealed record VoterRead(Guarded<PollInWorkshop> Found, VoterState Voter, long WorkshopVersion)
{
    public bool Remembered { get; init; }
}

// A vote by someone this instance counted a moment ago, decided without reading again.
public sealed partial class WorkshopAccess
{
    /// <summary>
    /// As <see cref="PollAndVoterAsync"/>, for a vote: a voter this instance has just read or counted on this poll is not
    /// read again while its copy of the poll's counts is recent (<see cref="WorkshopOptions.KnownVoterCountsAge"/>). The vote
    /// is then decided on the workshop and the voter's state as remembered, and its commit holds only while the voter's
    /// version, the poll's status and the workshop's version are still those (<see cref="VoteSteps"/>); otherwise the turn
    /// runs again, and reads. The turn's replay check is left to the commit's processed mark: a redelivery conflicts there,
    /// and runs again as one, from fresh reads. The ballot shows the poll's counts as read at most that long ago, with the
    /// voter's own change, from a read sent after the voter's last vote here committed (so the counts hold it); the
    /// voter's own dots are always exact.
    /// Only a vote that would count is decided so (<paramref name="counts"/>): any other answer (a refusal, a notice) is
    /// given from fresh reads, since what is remembered may be out of date and only a commit checks it.
    /// </summary>
    public async Task<VoterRead> VoterForVoteAsync(TurnContext turn, IPollData card, Func<VoterRead, bool> counts,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(card);
        ArgumentNullException.ThrowIfNull(counts);
        return Remembered(turn, card) is { } remembered && counts(remembered)
            ? remembered
            : await PollAndVoterAsync(turn, card, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Remembers the voter as this turn leaves them (<paramref name="state"/>, on the workshop read at
    /// <paramref name="workshopVersion"/>): at once when the turn changes nothing, else once it commits.
    /// </summary>
    public void RememberVoter(TurnContext turn, PollInWorkshop target, long workshopVersion, VoterState state, bool afterCommit)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(state);
        // Nobody is remembered on a poll not open for voting: a vote there is refused from fresh reads anyway.
        if (options.Value.KnownVoterCountsAge <= TimeSpan.Zero || workshopVersion <= 0 || !state.Joined || work.Redelivered
            || !target.Poll.IsOpen || turn.PersonKey() is not { } person)
        {
            return;
        }

        if (afterCommit)
        {
            work.OnCommitted(() => known.Remember(target.Poll.Id, person,
                new KnownVoter(target.Session, workshopVersion, state, voterQueries.NextMark())));
        }
        else
        {
            known.Remember(target.Poll.Id, person, new KnownVoter(target.Session, workshopVersion, state, 0));
        }
    }

    private VoterRead? Remembered(TurnContext turn, IPollData card)
    {
        var maxAge = options.Value.KnownVoterCountsAge;
        if (maxAge <= TimeSpan.Zero || work.Redelivered || card.PollId is null || turn.PersonKey() is not { } person
            || !known.TryTake(card.PollId, person, out var remembered))
        {
            return null;
        }

        var session = remembered.Session;
        if (session.Id != card.WorkshopId || !InItsConversation(turn, session) || session.FindPoll(card.PollId) is not { } poll
            || voterQueries.RecentCounts(card.PollId, maxAge, remembered.CommittedAt) is not { } counts)
        {
            return null;
        }

        // Left to the commit's processed mark (see the summary): nothing of this turn is stored or sent before it.
        work.TakeReplayCheck();
        // The group as read with the counts, not as remembered: people who joined since make it large (no refresh, a still card).
        return new(Guarded<PollInWorkshop>.Allow(new PollInWorkshop(session, poll)),
            remembered.State with { Tally = counts.Tally, Voters = counts.Voters, Participants = counts.Participants },
            remembered.WorkshopVersion) { Remembered = true };
    }
}
