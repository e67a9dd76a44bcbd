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

    /// <summary>
    /// The shortest period, in months after closure, an audit's chair may set (default 72, the six years of the partnership's
    /// retention policy). Only a partnership admin sets a shorter one, down to 1 month. A chair may still lengthen a period
    /// that is already shorter.
    /// </summary>
    public int MinimumMonths { get; set; } = Domain.RetentionPolicy.DefaultMonths;

    /// <summary>Whether the job runs in the background (also needs <c>Audits:RunJobsInBackground</c>).</summary>
    public bool RunInBackground { get; set; } = true;

    /// <summary>How often the job looks for audits past their retention period.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromDays(1);
}
