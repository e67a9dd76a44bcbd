using WorkshopBot.Common;

namespace WorkshopBot.Briefings.Jobs;

/// <summary>
/// Wakes the background deletion of Word files (<see cref="BriefingFileDeletions"/>) when a withdrawal, a purge or an upload
/// that finished too late has queued one and committed, so the file leaves the channel's Files within seconds rather than at
/// the next sweep. One per process.
/// </summary>
public sealed class BriefingFileDeletionSignal : WakeSignal;
