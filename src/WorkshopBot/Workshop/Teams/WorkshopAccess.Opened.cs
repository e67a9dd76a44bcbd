using WorkshopBot.Common.Teams;
using WorkshopBot.Protocol.Routing;
using WorkshopBot.Workshop.Domain;
using WorkshopBot.Workshop.Storage;

namespace WorkshopBot.Workshop.Teams;

// Everyone who may vote, remembered as voting opens, so that their first vote needs no read either.
public sealed partial class WorkshopAccess
{
    /// <summary>
    /// Called by the turn that opens voting on <paramref name="poll"/> for the first time (the chair's "Open voting"), after
    /// it saved the workshop: nobody has a dot on a poll that was never open, so once the turn commits every participant
    /// is remembered (<see cref="KnownVoters"/>) with an empty ballot, on the poll's rules as the vote store keeps them and
    /// as this turn opens them, and on the workshop as this turn stores it. Their first vote is then decided without a
    /// read, and commits only while all of that still holds, like any remembered vote (<see cref="VoterForVoteAsync"/>).
    /// Nothing is remembered when the setting is 0, for a redelivered turn, or for more participants than half of
    /// <see cref="KnownVoters.Capacity"/>.
    /// </summary>
    public async Task RememberEveryoneAsync(TurnContext turn, WorkshopSession session, Poll poll, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(poll);
        var limit = KnownVoters.Capacity / 2;
        if (options.Value.KnownVoterCountsAge <= TimeSpan.Zero || work.Redelivered || poll.Phase != PollPhase.Voting
            || !work.TryGet(WorkshopRepository.Collection, WorkshopRepository.KeyOf(session.Id), out var saved) || !saved.Changed
            || saved.Value is not WorkshopSession written || written.FindPoll(poll.Id) is not { Phase: PollPhase.Voting } opened
            || await votes.GetRulesAsync(poll.Id, cancellationToken).ConfigureAwait(false) is not { } rules)
        {
            return;
        }

        var keys = await voterQueries.VoterKeysAsync(session.Id, limit + 1, cancellationToken).ConfigureAwait(false);
        if (keys.Count > limit)
        {
            return;
        }

        // A person is remembered under their tenant and object id (TurnContext.PersonKey): the tenant the opening came from,
        // the channel's. Someone who votes from another tenant is not found, and reads.
        var tenant = turn.Person().TenantId;
        var people = keys.Select(k => $"{tenant}/{k}").ToList();
        var state = new VoterState(rules with { Status = PollVotingStatus.Open, ClosesAt = opened.ClosesAt }, Joined: true, Version: 0,
            Ballot: new Dictionary<string, int>(StringComparer.Ordinal), Tally: [], Voters: 0, Participants: keys.Count);
        // The workshop as this turn wrote it, at the version its update made (UnitOfWork.Flush: one more than it was read at).
        work.OnCommitted(() =>
        {
            if (saved.Value is WorkshopSession stored && stored.FindPoll(poll.Id) is { Phase: PollPhase.Voting })
            {
                known.RememberAll(poll.Id, people, new KnownVoter(stored, saved.Version + 1, state, 0));
            }
        });
    }
}
