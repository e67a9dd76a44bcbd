namespace WorkshopBot.Audits.Domain;

/// <summary>When representatives are reminded about returns that are not yet submitted.</summary>
public sealed record ReminderSettings(int DaysBeforeDue)
{
    public const int MaxDaysBeforeDue = 30;

    public static ReminderSettings Default { get; } = new(2);

    public DateTimeOffset ReminderAt(DateTimeOffset dueAt) => dueAt.AddDays(-DaysBeforeDue);
}
