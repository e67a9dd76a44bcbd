using WorkshopBot.Audits.Domain;
namespace WorkshopBot.Audits;

/// <summary>Settings of the audit feature (section <c>Audits</c>).</summary>
public sealed class AuditOptions
{
    public const string Section = "Audits";

    /// <summary>An unacknowledged immediate-safety alert is sent again after this long.</summary>
    public TimeSpan SafetyResendAfter { get; set; } = SafetyEscalation.DefaultResendAfter;

    /// <summary>Whether reminders, alert re-sends and tracker refreshes run in the background (tests call RunOnceAsync).</summary>
    public bool RunJobsInBackground { get; set; } = true;

    public TimeSpan JobInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The tracker is updated at most this often; changes in between are gathered into the next update by the
    /// background job, so a burst of saves stays within Teams' per-conversation limits.
    /// </summary>
    public TimeSpan TrackerMinInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long an export download link works.</summary>
    public TimeSpan ExportLinkLifetime { get; set; } = TimeSpan.FromMinutes(15);

}
