using WorkshopBot.Audits.Domain;
using WorkshopBot.Common;

namespace WorkshopBot.Tests.Audits;

/// <summary>
/// When the automatic reminder falls due: N calendar days before the due date in England, at the due time's time of day on
/// England's clocks (so across the clock changes, on 29 March and 25 October 2026, not N times 24 hours), or, for 0 days, on
/// the morning of the due day at 09:00 England time (GMT or BST), or an hour before the due time when returns fall due at
/// 09:00 or earlier.
/// </summary>
public sealed class ReminderTimes
{
    private static DateTimeOffset England(int month, int day, int hour, int minute = 0) =>
        EnglandTime.At(new DateOnly(2026, month, day), new TimeOnly(hour, minute));

    [Theory]
    [InlineData(3, 20)] // GMT
    [InlineData(4, 3)] // BST
    public void ZeroDaysRemindsAtNineOnTheDueDayInEngland(int month, int day)
    {
        var at = new ReminderSettings(0).ReminderAt(AuditDates.ReturnsDueOn(new DateOnly(2026, month, day)));

        Assert.Equal(England(month, day, 9), at);
        Assert.Equal("09:00", EnglandTime.LocalOf(at).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void ZeroDaysWithReturnsDueAtNineOrEarlierRemindsAnHourBefore()
    {
        Assert.Equal(England(3, 20, 7, 30), new ReminderSettings(0).ReminderAt(England(3, 20, 8, 30)));
        Assert.Equal(England(3, 20, 8), new ReminderSettings(0).ReminderAt(England(3, 20, 9)));
    }

    [Theory]
    [InlineData(3, 29, 1, 3, 28)] // Due the Sunday the clocks go forward (BST), reminded the Saturday before (GMT).
    [InlineData(3, 30, 2, 3, 28)]
    [InlineData(4, 2, 7, 3, 26)]
    [InlineData(10, 25, 1, 10, 24)] // Due the Sunday the clocks go back (GMT), reminded the Saturday before (BST).
    [InlineData(10, 27, 3, 10, 24)]
    [InlineData(11, 3, 30, 10, 4)]
    [InlineData(3, 20, 2, 3, 18)] // No change in between: the same either way.
    [InlineData(6, 10, 2, 6, 8)]
    public void DaysBeforeAreCalendarDaysAtTheDueTimeOnEnglandsClocksAcrossTheClockChanges(
        int dueMonth, int dueDay, int days, int month, int day)
    {
        var due = AuditDates.ReturnsDueOn(new DateOnly(2026, dueMonth, dueDay));

        var at = new ReminderSettings(days).ReminderAt(due);

        Assert.Equal(England(month, day, 17), at);
        Assert.Equal(new DateOnly(2026, month, day), EnglandTime.DateOf(at));
        Assert.Equal("17:00", EnglandTime.LocalOf(at).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void ADueTimeInTheHourTheClocksSkipOrRepeatIsReadAsEnglandTimeReadsIt()
    {
        // 01:30 on the day the clocks go forward does not exist: read as GMT. On the day they go back it comes twice: the first.
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 30, 0, TimeSpan.Zero), new ReminderSettings(1).ReminderAt(England(3, 30, 1, 30)));
        Assert.Equal(new DateTimeOffset(2026, 10, 25, 0, 30, 0, TimeSpan.Zero), new ReminderSettings(1).ReminderAt(England(10, 26, 1, 30)));
    }
}
