namespace WorkshopBot.Common;

/// <summary>
/// England's calendar and clock (Europe/London): GMT in winter, BST (UTC+1) from the last Sunday of March at 01:00 UTC
/// to the last Sunday of October at 01:00 UTC. The dates people see and type ("today", a due date, the day an audit was
/// held, the quarter it counts in) are England's; stored instants stay in UTC. Where the machine has no time zone data
/// (a container image without tzdata), a built-in rule with the same changes gives the same answers.
/// </summary>
public static class EnglandTime
{
    /// <summary>The UK's rule as it has stood since 1996, for a machine without time zone data.</summary>
    internal static TimeZoneInfo BuiltIn { get; } = CreateBuiltIn();

    /// <summary>The system's Europe/London zone, or null where the machine has no time zone data.</summary>
    internal static TimeZoneInfo? SystemZone { get; } =
        TimeZoneInfo.TryFindSystemTimeZoneById("Europe/London", out var zone) ? zone : null;

    /// <summary>The zone the bot uses: the system's where it has one, otherwise the built-in rule.</summary>
    public static TimeZoneInfo Zone { get; } = SystemZone ?? BuiltIn;

    /// <summary>Today's date in England.</summary>
    public static DateOnly Today(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return DateOf(time.GetUtcNow());
    }

    /// <summary>The date in England at <paramref name="at"/>.</summary>
    public static DateOnly DateOf(DateTimeOffset at) => DateOf(at, Zone);

    /// <summary>The same moment as England's clocks showed it (offset +00:00 or +01:00).</summary>
    public static DateTimeOffset LocalOf(DateTimeOffset at) => LocalOf(at, Zone);

    /// <summary>
    /// The moment England's clocks show <paramref name="time"/> on <paramref name="date"/>. In the hour the clocks skip (late
    /// March, 01:00 to 02:00) the time is read as GMT; in the hour they repeat (late October) as the first of the two.
    /// </summary>
    public static DateTimeOffset At(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        var offset = Zone.IsInvalidTime(local) ? TimeSpan.Zero
            : Zone.IsAmbiguousTime(local) ? Zone.GetAmbiguousTimeOffsets(local).Max()
            : Zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    /// <summary>"BST" while England's clocks are an hour ahead of UTC, otherwise "GMT".</summary>
    public static string ZoneName(DateTimeOffset at) => LocalOf(at).Offset == TimeSpan.Zero ? "GMT" : "BST";

    internal static DateOnly DateOf(DateTimeOffset at, TimeZoneInfo zone) => DateOnly.FromDateTime(LocalOf(at, zone).DateTime);

    internal static DateTimeOffset LocalOf(DateTimeOffset at, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(at, zone);

    private static TimeZoneInfo CreateBuiltIn()
    {
        // Times of day are the clocks' before each change: 01:00 GMT forward to 02:00 BST, 02:00 BST back to 01:00 GMT.
        var start = TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 1, 0, 0), 3, 5, DayOfWeek.Sunday);
        var end = TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 2, 0, 0), 10, 5, DayOfWeek.Sunday);
        var rule = TimeZoneInfo.AdjustmentRule.CreateAdjustmentRule(
            new DateTime(1996, 1, 1), DateTime.MaxValue.Date, TimeSpan.FromHours(1), start, end);
        return TimeZoneInfo.CreateCustomTimeZone("Europe/London (built-in)", TimeSpan.Zero, "England (GMT/BST)", "GMT", "BST", [rule]);
    }
}
