using WorkshopBot.Common;

namespace WorkshopBot.Audits.Domain;

/// <summary>When representatives are reminded about returns that are not yet submitted.</summary>
public sealed record ReminderSettings(int DaysBeforeDue)
{
    public const int MaxDaysBeforeDue = 30;

    /// <summary>The time of day, on England's clocks, of the reminder on the due day itself (0 days before).</summary>
    public static readonly TimeOnly MorningOfTheDueDay = new(9, 0);

    public static ReminderSettings Default { get; } = new(2);

    /// <summary>
    /// When the automatic reminder for returns due at <paramref name="dueAt"/> falls due: that many days before the due
    /// time; with 0 days, on the morning of the due day, at 09:00 England time (GMT or BST), so that a job looking once a
    /// minute finds it and the representatives still have the working day; an hour before the due time when returns fall
    /// due at 09:00 or earlier (the form's dates are due at 17:00, so only an older or imported date could).
    /// </summary>
    public DateTimeOffset ReminderAt(DateTimeOffset dueAt)
    {
        if (DaysBeforeDue > 0)
        {
            return dueAt.AddDays(-DaysBeforeDue);
        }

        var morning = EnglandTime.At(EnglandTime.DateOf(dueAt), MorningOfTheDueDay);
        return morning < dueAt ? morning : dueAt - TimeSpan.FromHours(1);
    }

    /// <summary>When the reminder goes, in words, for the audit's dashboard.</summary>
    public string Describe() => DaysBeforeDue == 0
        ? "On the morning of the due date (09:00)"
        : $"{(DaysBeforeDue == 1 ? "1 day" : $"{DaysBeforeDue} days")} before the due date";
}
