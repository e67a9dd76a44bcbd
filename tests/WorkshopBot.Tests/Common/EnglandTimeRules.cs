using WorkshopBot.Common;
using WorkshopBot.Tests.Audits.EndToEnd;

namespace WorkshopBot.Tests.Common;

/// <summary>
/// England's calendar and clock: GMT in winter, BST from the last Sunday of March 01:00 UTC to the last Sunday of
/// October 01:00 UTC, and the day changes at England's midnight, not UTC's. The built-in rule (for a machine without
/// tzdata) gives the same answers as the system's Europe/London zone.
/// </summary>
public sealed class EnglandTimeRules
{
    public static TheoryData<string> Zones() => EnglandTime.SystemZone is null ? ["built-in"] : ["built-in", "system"];

    [Theory]
    [MemberData(nameof(Zones))]
    public void TheClocksGoForwardAtOneUtcOnTheLastSundayOfMarch(string zone)
    {
        var tz = Zone(zone);

        Assert.Equal(Shown(Local(2026, 3, 29, 0, 59, 0)), Shown(EnglandTime.LocalOf(Utc(2026, 3, 29, 0, 59), tz)));
        Assert.Equal(Shown(Local(2026, 3, 29, 2, 0, 1)), Shown(EnglandTime.LocalOf(Utc(2026, 3, 29, 1, 0), tz)));
        Assert.Equal(Shown(Local(2026, 3, 28, 0, 30, 0)), Shown(EnglandTime.LocalOf(Utc(2026, 3, 28, 0, 30), tz)));
    }

    [Theory]
    [MemberData(nameof(Zones))]
    public void TheClocksGoBackAtOneUtcOnTheLastSundayOfOctober(string zone)
    {
        var tz = Zone(zone);

        Assert.Equal(Shown(Local(2026, 10, 25, 1, 59, 1)), Shown(EnglandTime.LocalOf(Utc(2026, 10, 25, 0, 59), tz)));
        Assert.Equal(Shown(Local(2026, 10, 25, 1, 0, 0)), Shown(EnglandTime.LocalOf(Utc(2026, 10, 25, 1, 0), tz)));
        Assert.Equal(Shown(Local(2026, 10, 25, 0, 30, 1)), Shown(EnglandTime.LocalOf(Utc(2026, 10, 24, 23, 30), tz)));
    }

    [Theory]
    [MemberData(nameof(Zones))]
    public void TheDayChangesAtEnglandsMidnight(string zone)
    {
        var tz = Zone(zone);

        Assert.Equal(new DateOnly(2026, 6, 1), EnglandTime.DateOf(Utc(2026, 5, 31, 23, 30), tz));
        Assert.Equal(new DateOnly(2026, 5, 31), EnglandTime.DateOf(Utc(2026, 5, 31, 22, 59), tz));
        Assert.Equal(new DateOnly(2026, 7, 1), EnglandTime.DateOf(Utc(2026, 6, 30, 23, 0), tz));
        Assert.Equal(new DateOnly(2026, 3, 28), EnglandTime.DateOf(Utc(2026, 3, 28, 23, 30), tz));
        Assert.Equal(new DateOnly(2026, 12, 31), EnglandTime.DateOf(Utc(2026, 12, 31, 23, 30), tz));
        Assert.Equal(new DateOnly(2027, 1, 1), EnglandTime.DateOf(Utc(2027, 1, 1, 0, 0), tz));
    }

    [Fact]
    public void TheBuiltInRuleAgreesWithTheSystemZoneHourByHour()
    {
        if (EnglandTime.SystemZone is not { } system)
        {
            return; // No tzdata on this machine: the built-in rule is the zone in use, tested above.
        }

        for (var at = Utc(2000, 1, 1, 0, 30); at.Year < 2040; at = at.AddHours(1))
        {
            Assert.Equal(Shown(EnglandTime.LocalOf(at, system)), Shown(EnglandTime.LocalOf(at, EnglandTime.BuiltIn)));
        }
    }

    [Fact]
    public void TodayIsEnglandsDateAndTheZoneIsNamed()
    {
        var clock = new AuditTestClock(Utc(2026, 5, 31, 23, 30));

        Assert.Equal(new DateOnly(2026, 6, 1), EnglandTime.Today(clock));
        Assert.Equal("BST", EnglandTime.ZoneName(clock.GetUtcNow()));
        Assert.Equal("GMT", EnglandTime.ZoneName(Utc(2026, 10, 25, 1, 0)));
        Assert.Equal("BST", EnglandTime.ZoneName(Utc(2026, 10, 25, 0, 59)));
        Assert.Equal("GMT", EnglandTime.ZoneName(Utc(2026, 3, 29, 0, 59)));
        Assert.Equal("BST", EnglandTime.ZoneName(Utc(2026, 3, 29, 1, 0)));
    }

    /// <summary>
    /// The time of day a date picked by a chair stands for is England's: returns due at 17:00 are due at 16:00 UTC in
    /// summer. In the hour the clocks skip the time is read as GMT; in the hour they repeat, as the first (BST).
    /// </summary>
    [Fact]
    public void AChosenDaysTimeIsEnglandsAndTheDayIsToldEitherWay()
    {
        Assert.Equal(Utc(2026, 6, 1, 16, 0), WorkshopBot.Audits.Domain.AuditDates.ReturnsDueOn(new(2026, 6, 1)));
        Assert.Equal(Utc(2026, 12, 1, 17, 0), WorkshopBot.Audits.Domain.AuditDates.ReturnsDueOn(new(2026, 12, 1)));
        Assert.Equal(Utc(2026, 7, 14, 9, 0), WorkshopBot.Audits.Domain.AuditDates.WorkshopOn(new(2026, 7, 14)));
        Assert.Equal(Utc(2026, 3, 29, 1, 30), EnglandTime.At(new(2026, 3, 29), new(1, 30)));
        Assert.Equal(Utc(2026, 10, 25, 0, 30), EnglandTime.At(new(2026, 10, 25), new(1, 30)));

        // An audit stored before kept 17:00 UTC: the same day in England all the same.
        Assert.True(WorkshopBot.Audits.Domain.AuditDates.SameDay(Utc(2026, 6, 1, 17, 0), new(2026, 6, 1)));
        Assert.False(WorkshopBot.Audits.Domain.AuditDates.SameDay(Utc(2026, 6, 1, 23, 30), new(2026, 6, 1)));
        Assert.False(WorkshopBot.Audits.Domain.AuditDates.SameDay(null, new(2026, 6, 1)));
    }

    private static TimeZoneInfo Zone(string name) => name == "system" ? EnglandTime.SystemZone! : EnglandTime.BuiltIn;

    private static DateTimeOffset Utc(int year, int month, int day, int hour, int minute) =>
        new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    /// <summary>What the clock shows and its offset (DateTimeOffset's own equality compares only the instant).</summary>
    private static (DateTime Clock, TimeSpan Offset) Shown(DateTimeOffset at) => (at.DateTime, at.Offset);

    /// <summary>England's clock time with its offset in hours (0 for GMT, 1 for BST).</summary>
    private static DateTimeOffset Local(int year, int month, int day, int hour, int minute, int offset) =>
        new(year, month, day, hour, minute, 0, TimeSpan.FromHours(offset));
}
