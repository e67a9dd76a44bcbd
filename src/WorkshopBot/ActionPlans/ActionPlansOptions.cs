namespace WorkshopBot.ActionPlans;

/// <summary>Settings of the action plans (section <c>Actions</c>).</summary>
public sealed class ActionPlansOptions
{
    public const string Section = "Actions";

    /// <summary>The lead is reminded this many days before the due date.</summary>
    public int ReminderDaysBefore { get; set; } = 7;

    /// <summary>Whether reminders and overdue notices run in the background (tests call RunOnceAsync).</summary>
    public bool RunJobsInBackground { get; set; } = true;

    public TimeSpan JobInterval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long an action plan download link works.</summary>
    public TimeSpan DownloadLinkLifetime { get; set; } = TimeSpan.FromMinutes(15);
}
