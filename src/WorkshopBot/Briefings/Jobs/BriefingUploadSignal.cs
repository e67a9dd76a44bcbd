using WorkshopBot.Common;

namespace WorkshopBot.Briefings.Jobs;

/// <summary>
/// Wakes the background upload (<see cref="BriefingUploads"/>) when a publish that queued uploads has committed, so the file
/// is usually in the channel's Files within seconds rather than at the next sweep. One per process.
/// </summary>
public sealed class BriefingUploadSignal : WakeSignal;
