namespace WorkshopBot.Audits.Domain;

/// <summary>The times of day behind the dates a chair picks: returns are due at the end of the working day (17:00
/// UTC), the workshop is held in the morning (10:00 UTC).</summary>
public static class AuditDates
{
    public static DateTimeOffset ReturnsDueOn(DateOnly date) => new(date.ToDateTime(new TimeOnly(17, 0)), TimeSpan.Zero);

    public static DateTimeOffset WorkshopOn(DateOnly date) => new(date.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero);
}
