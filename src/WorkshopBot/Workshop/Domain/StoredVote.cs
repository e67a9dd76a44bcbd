namespace WorkshopBot.Workshop.Domain;

/// <summary>One stored vote (for the CSV export).</summary>
public sealed record StoredVote(string VoterKey, string OptionId, int Dots, DateTimeOffset At);
