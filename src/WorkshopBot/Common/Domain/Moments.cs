using System.Globalization;

namespace WorkshopBot.Common;

/// <summary>
/// How the bot writes a moment in a sentence: the date and the time in UTC, saying so, the same on every machine
/// whatever its culture ("4 December 2026 at 14:05 UTC"). Cards and domain messages share it.
/// </summary>
public static class Moments
{
    public static string DateAndTime(DateTimeOffset at) =>
        at.ToUniversalTime().ToString("d MMMM yyyy 'at' HH:mm 'UTC'", CultureInfo.InvariantCulture);

    public static string Time(DateTimeOffset at) => at.ToUniversalTime().ToString("HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>A moment that may not have been recorded (stored by an older version): said so rather than left blank.</summary>
    public static string DateAndTime(DateTimeOffset? at) => at is { } moment ? DateAndTime(moment) : Unrecorded;

    public static string Time(DateTimeOffset? at) => at is { } moment ? Time(moment) : Unrecorded;

    private const string Unrecorded = "an unrecorded time";
}
