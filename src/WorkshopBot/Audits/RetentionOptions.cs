namespace WorkshopBot.Audits;

/// <summary>How the retention job runs (section <c>Retention</c>); each audit's period and legal hold are set on the audit.</summary>
public sealed class RetentionOptions
{
    public const string Section = "Retention";

    /// <summary>
    /// Keep an audit's published 7-minute briefing (its published versions only) when the rest of the audit is purged.
    /// Off by default: everything goes. Briefings carry no case detail, and practitioners may still use them.
    /// </summary>
    public bool KeepPublishedBriefing { get; set; }

    /// <summary>Whether the job runs in the background (also needs <c>Audits:RunJobsInBackground</c>).</summary>
    public bool RunInBackground { get; set; } = true;

    /// <summary>How often the job looks for audits past their retention period.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromDays(1);
}
