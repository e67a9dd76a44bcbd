namespace WorkshopBot.Workshop.Domain;

public enum PollPhase
{
    /// <summary>Ideas are being added (idea boards) or the poll is ready but not open.</summary>
    Collecting,
    Voting,
    Closed,
}
