namespace WorkshopBot.Workshop.Domain;

/// <summary>Whether a poll accepts votes. Mirrors the poll's phase; this copy is the one votes are checked against.</summary>
public enum PollVotingStatus
{
    NotOpen,
    Open,
    Closed,
}

/// <summary>Why a vote was or was not counted.</summary>
public enum VoteOutcome
{
    Accepted,

    /// <summary>The same request (activity id) was counted before; nothing changed.</summary>
    Duplicate,
    UnknownPoll,
    OtherWorkshop,
    NotOpen,
    Closed,
    NotParticipant,
    OverBudget,
    OverOptionLimit,
    NothingToRemove,
    TooManyChoices,
}

/// <summary>The outcome of a vote and the voter's dots afterwards.</summary>
public sealed record VoteResult(VoteOutcome Outcome, int DotsUsed, int DotsPerVoter)
{
    public int DotsLeft => Math.Max(0, DotsPerVoter - DotsUsed);

    public bool Counted => Outcome == VoteOutcome.Accepted;
}

/// <summary>A poll's voting rules as the vote store enforces them.</summary>
public sealed record PollVotingRules(
    string PollId,
    Guid WorkshopId,
    PollVotingStatus Status,
    int DotsPerVoter,
    int MaxPerOption,
    DateTimeOffset? ClosesAt);

/// <summary>Votes for one option: dots and how many people gave them.</summary>
public sealed record OptionTally(string OptionId, int Dots, int Voters);

/// <summary>One stored vote (for the CSV export).</summary>
public sealed record StoredVote(string VoterKey, string OptionId, int Dots, DateTimeOffset At);

/// <summary>Someone who pressed Join.</summary>
public sealed record WorkshopParticipant(
    string UserKey,
    string ChannelUserId,
    string? Name,
    string? AgencyId,
    string? AgencyName,
    DateTimeOffset JoinedAt);

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
    Task<IReadOnlyList<WorkshopParticipant>> ListParticipantsAsync(Guid workshopId, CancellationToken cancellationToken, int? limit = null);

    Task<int> CountParticipantsAsync(Guid workshopId, CancellationToken cancellationToken);

    Task RegisterPollAsync(PollVotingRules rules, DateTimeOffset now, CancellationToken cancellationToken);

    Task<PollVotingRules?> GetRulesAsync(string pollId, CancellationToken cancellationToken);

    /// <summary>Opens, closes or reopens voting; <paramref name="closesAt"/> is the phase timer (null for none).</summary>
    Task SetStatusAsync(string pollId, PollVotingStatus status, DateTimeOffset? closesAt, DateTimeOffset now, CancellationToken cancellationToken);

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
