using WorkshopBot.Common;

namespace WorkshopBot.Audits.Domain;

/// <summary>
/// The times of day behind the dates a chair picks, on England's clocks (GMT or BST): returns are due at the end of the
/// working day (17:00), the workshop is held in the morning (10:00). Audits stored before kept 17:00 and 10:00 UTC, an hour
/// later in summer; <see cref="SameDay"/> tells the day either way.
/// </summary>
public static class AuditDates
{
    public static DateTimeOffset ReturnsDueOn(DateOnly date) => EnglandTime.At(date, new TimeOnly(17, 0));

    public static DateTimeOffset WorkshopOn(DateOnly date) => EnglandTime.At(date, new TimeOnly(10, 0));

    /// <summary>Whether <paramref name="at"/> falls on <paramref name="date"/> in England.</summary>
    public static bool SameDay(DateTimeOffset? at, DateOnly date) => at is { } moment && EnglandTime.DateOf(moment) == date;
}
