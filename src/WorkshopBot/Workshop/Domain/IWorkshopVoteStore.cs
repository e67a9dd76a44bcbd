namespace WorkshopBot.Workshop.Domain;

/// <summary>
/// Exact-once vote counting in SQL: participants, each poll's voting rules, votes and the requests already
/// counted. Every check that guards a vote (open, same workshop, participant, budget) runs in the transaction
/// that writes it.
/// </summary>
public interface IWorkshopVoteStore
{
    /// <summary>Adds the participant, or updates their agency; false when they had already joined with the same agency.</summary>
    Task<bool> JoinAsync(Guid workshopId, WorkshopParticipant participant, CancellationToken cancellationToken);

    Task<WorkshopParticipant?> GetParticipantAsync(Guid workshopId, string userKey, CancellationToken cancellationToken);

    /// <summary>Participants in the order they joined (the first <paramref name="limit"/> of them when given).</summary>
    Task<IReadOnlyList<WorkshopParticipant>> ListParticipantsAsync(Guid workshopId, CancellationToken cancellationToken,
        int? limit = null);

    Task<int> CountParticipantsAsync(Guid workshopId, CancellationToken cancellationToken);

    Task RegisterPollAsync(PollVotingRules rules, DateTimeOffset now, CancellationToken cancellationToken);

    Task<PollVotingRules?> GetRulesAsync(string pollId, CancellationToken cancellationToken);

    /// <summary>Opens, closes or reopens voting; <paramref name="closesAt"/> is the phase timer (null for none).</summary>
    Task SetStatusAsync(string pollId, PollVotingStatus status, DateTimeOffset? closesAt, DateTimeOffset now,
        CancellationToken cancellationToken);

    /// <summary>Adds (+1) or removes (-1) one dot of the voter on an option.</summary>
    Task<VoteResult> MoveDotAsync(Guid workshopId, string pollId, string voterKey, string optionId, int delta,
        string requestId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Replaces the voter's choices (single, multiple, rating, grade): one dot per chosen option.</summary>
    Task<VoteResult> SetChoicesAsync(Guid workshopId, string pollId, string voterKey, IReadOnlyCollection<string> optionIds,
        string requestId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Removes every vote of the poll (chair's reset).</summary>
    Task<int> ResetAsync(string pollId, DateTimeOffset now, CancellationToken cancellationToken);

    Task<IReadOnlyList<OptionTally>> TallyAsync(string pollId, CancellationToken cancellationToken);

    /// <summary>The voter's dots per option.</summary>
    Task<IReadOnlyDictionary<string, int>> BallotAsync(string pollId, string voterKey, CancellationToken cancellationToken);

    Task<int> CountVotersAsync(string pollId, CancellationToken cancellationToken);

    Task<IReadOnlyList<StoredVote>> ListVotesAsync(string pollId, CancellationToken cancellationToken);

    /// <summary>Open polls whose timer has run out.</summary>
    Task<IReadOnlyList<PollVotingRules>> ListDueToCloseAsync(DateTimeOffset now, CancellationToken cancellationToken);
}
