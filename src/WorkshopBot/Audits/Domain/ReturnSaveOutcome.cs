namespace WorkshopBot.Audits.Domain;

/// <summary>What a successful save did.</summary>
/// <param name="Version">The return's version after the save; the next save must carry it.</param>
/// <param name="SafetyConcernRaised">This save turned on the immediate concern: alert the chair and named lead now.</param>
public sealed record ReturnSaveOutcome(int Version, bool SafetyConcernRaised);
