namespace WorkshopBot.Audits.Domain;

/// <summary>What a successful save did.</summary>
/// <param name="Version">The return's version after the save; the next save must carry it.</param>
/// <param name="SafetyConcernRaised">This save turned on the immediate concern: alert the chair and named lead now.</param>
/// <param name="ConcernDetailsChanged">The concern was already raised and this save changed its details: send them on.</param>
/// <param name="ConcernWithdrawn">
/// This save turned the immediate concern off (yes changed to no): an open alert stays open (re-sent until acknowledged), and the
/// chair and named lead (and whoever acknowledged it, if someone has) are told the representative changed their answer.
/// </param>
public sealed record ReturnSaveOutcome(
    int Version, bool SafetyConcernRaised, bool ConcernDetailsChanged = false, bool ConcernWithdrawn = false);
