namespace WorkshopBot.Workshop.Domain;

/// <summary>Whether a poll accepts votes. Mirrors the poll's phase; this copy is the one votes are checked against.</summary>
public enum PollVotingStatus
{
    NotOpen,
    Open,
    Closed,
}

/// <summary>A poll's voting rules as the vote store enforces them.</summary>
public sealed record PollVotingRules(
    string PollId,
    Guid WorkshopId,
    PollVotingStatus Status,
    int DotsPerVoter,
    int MaxPerOption,
    DateTimeOffset? ClosesAt);
