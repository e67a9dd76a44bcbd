using WorkshopBot.Audits.Domain;
using WorkshopBot.Common;

namespace WorkshopBot.Tests.Audits;

/// <summary>
/// When the automatic reminder falls due: N days before the due time, or, for 0 days, on the morning of the due day at
/// 09:00 England time (GMT or BST), or an hour before the due time when returns fall due at 09:00 or earlier.
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
}
