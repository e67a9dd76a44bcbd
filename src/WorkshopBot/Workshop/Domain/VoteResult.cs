namespace WorkshopBot.Workshop.Domain;

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
