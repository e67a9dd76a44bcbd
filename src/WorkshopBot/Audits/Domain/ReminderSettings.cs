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
    /// When the automatic reminder for returns due at <paramref name="dueAt"/> falls due: that many calendar days before the
    /// due date in England, at the due time's time of day on England's clocks (returns due at 17:00 BST on 30 March are
    /// reminded 2 days before at 17:00 GMT on 28 March: across a clock change a day is 23 or 25 hours, not 24); with 0 days,
    /// on the morning of the due day, at 09:00 England time (GMT or BST), so that a job looking once a minute finds it and
    /// the representatives still have the working day; an hour before the due time when returns fall due at 09:00 or
    /// earlier (the form's dates are due at 17:00, so only an older or imported date could).
    /// </summary>
    public DateTimeOffset ReminderAt(DateTimeOffset dueAt)
    {
        if (DaysBeforeDue > 0)
        {
            var due = EnglandTime.LocalOf(dueAt).DateTime;
            return EnglandTime.At(DateOnly.FromDateTime(due).AddDays(-DaysBeforeDue), TimeOnly.FromDateTime(due));
        }

        var morning = EnglandTime.At(EnglandTime.DateOf(dueAt), MorningOfTheDueDay);
        return morning < dueAt ? morning : dueAt - TimeSpan.FromHours(1);
    }

    /// <summary>When the reminder goes, in words, for the audit's dashboard.</summary>
    public string Describe() => DaysBeforeDue == 0
        ? "On the morning of the due date (09:00)"
        : $"{(DaysBeforeDue == 1 ? "1 day" : $"{DaysBeforeDue} days")} before the due date";
}
