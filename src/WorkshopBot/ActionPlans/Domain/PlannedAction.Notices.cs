using WorkshopBot.Common;

namespace WorkshopBot.ActionPlans.Domain;

// When the bot's own notices about an action go: the reminder before its due date and the overdue notice after it.
public sealed partial class PlannedAction
{
    /// <summary>
    /// The time of day, on England's clocks (GMT or BST), from which the day's reminders and overdue notices go: the start of
    /// a working day, as the audits' reminder on the due day, not the first pass after midnight.
    /// </summary>
    public static readonly TimeOnly NoticeTime = new(9, 0);

    /// <summary>
    /// When the lead was last told the action is theirs with its due date: its creation, or the latest reassignment or
    /// extension (each sends the lead a card).
    /// </summary>
    public DateTimeOffset AssignedAt =>
        Changes.Where(c => c.Kind is ActionChangeKind.Reassigned or ActionChangeKind.Extended).Select(c => c.At)
            .DefaultIfEmpty(CreatedAt).Max();

    /// <summary>
    /// When the reminder before the due date may go: <paramref name="daysBefore"/> days before it at 09:00 England time, but
    /// never on the day the lead was given the action or its new date (<see cref="AssignedAt"/>): that card has just told
    /// them, so the reminder waits for 09:00 the next day, and is not sent at all once the due day has passed.
    /// </summary>
    public DateTimeOffset ReminderFrom(int daysBefore)
    {
        var first = DueOn.AddDays(-daysBefore);
        var dayAfterAssigned = EnglandTime.DateOf(AssignedAt).AddDays(1);
        return EnglandTime.At(first > dayAfterAssigned ? first : dayAfterAssigned, NoticeTime);
    }

    /// <summary>The reminder before the due date is owed at <paramref name="now"/>, once per due date.</summary>
    public bool NeedsReminder(DateTimeOffset now, int daysBefore) =>
        State == ActionState.Open && RemindedForDue != DueOn && EnglandTime.DateOf(now) <= DueOn && now >= ReminderFrom(daysBefore);

    /// <summary>
    /// The overdue notices are owed at <paramref name="now"/>: from 09:00 England time on the day after the due date (a bot
    /// down then sends them at its next pass), once per due date.
    /// </summary>
    public bool NeedsOverdueNotice(DateTimeOffset now) =>
        IsOverdue(EnglandTime.DateOf(now)) && OverdueNoticeForDue != DueOn && now >= EnglandTime.At(DueOn.AddDays(1), NoticeTime);
}
