using WorkshopBot.Common;

namespace WorkshopBot.Audits.Domain;

/// <summary>The workshop's date: set when the audit is created, moved when the workshop is postponed.</summary>
public sealed partial class Audit
{
    /// <summary>Sets the workshop's moment (at creation); the day must come after the returns' due day.</summary>
    public DomainResult ScheduleWorkshop(DateTimeOffset workshopAt)
    {
        if (Status == AuditStatus.Closed)
        {
            return ClosedRefusal;
        }

        return WorkshopAfterReturnsDue(workshopAt) ?? Change(() => WorkshopAt = workshopAt);
    }

    /// <summary>
    /// Moves the workshop to <paramref name="date"/> (10:00 in England), a day in the future on England's calendar after the
    /// returns' due day, by the same rule as at creation. The day it is already on is refused as already done, so that a
    /// second press changes and logs nothing. Allowed in every stage but closed, including once a workshop session has
    /// been started: nothing in a session reads this date (the chair starts a session whenever the partnership meets), it
    /// tells the chair's dashboard and the partnership's reports when the audit is held, so a postponed or continued
    /// workshop should be able to say its new day.
    /// </summary>
    public DomainResult RescheduleWorkshop(DateOnly date, DateTimeOffset now)
    {
        if (Status == AuditStatus.Closed)
        {
            return ClosedRefusal;
        }

        if (AuditDates.SameDay(WorkshopAt, date))
        {
            return DomainResult.Fail(DomainErrorKind.AlreadyDone, $"The workshop is already on {Moments.Day(WorkshopAt)}.");
        }

        if (date <= EnglandTime.DateOf(now))
        {
            return DomainResult.Invalid("The new workshop date must be in the future.");
        }

        return ScheduleWorkshop(AuditDates.WorkshopOn(date));
    }

    /// <summary>The refusal of a workshop on or before the returns' due day (England's calendar), else null.</summary>
    private DomainResult? WorkshopAfterReturnsDue(DateTimeOffset workshopAt) =>
        ReturnsDueAt is { } due && EnglandTime.DateOf(workshopAt) <= EnglandTime.DateOf(due)
            ? DomainResult.Invalid($"The workshop should be after the returns due date ({Moments.Day(due)}), so that every return "
                + "can be read first.")
            : null;

    /// <summary>
    /// The refusal of returns due on or after the workshop's day (England's calendar), else null: the workshop reads them,
    /// so an extension that reaches it waits for the workshop to be moved first.
    /// </summary>
    private DomainResult? ReturnsDueBeforeWorkshop(DateTimeOffset dueAt) =>
        WorkshopAt is { } workshop && EnglandTime.DateOf(dueAt) >= EnglandTime.DateOf(workshop)
            ? DomainResult.Invalid($"The workshop is on {Moments.Day(workshop)}, so returns must be due before then. To give "
                + "agencies more time, first change the workshop date (on the audit's dashboard), then extend the due date.")
            : null;
}
