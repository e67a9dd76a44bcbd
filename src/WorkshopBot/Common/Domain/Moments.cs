using System.Globalization;

namespace WorkshopBot.Common;

/// <summary>
/// How the bot writes a moment in a sentence: the date and the time as England's clocks showed them, saying which
/// (GMT or BST), the same on every machine whatever its culture or zone ("4 December 2026 at 14:05 GMT",
/// "4 June 2026 at 15:05 BST"). Cards and domain messages share it.
/// </summary>
public static class Moments
{
    public static string DateAndTime(DateTimeOffset at) =>
        EnglandTime.LocalOf(at).ToString("d MMMM yyyy 'at' HH:mm", CultureInfo.InvariantCulture) + " " + EnglandTime.ZoneName(at);

    public static string Time(DateTimeOffset at) =>
        EnglandTime.LocalOf(at).ToString("HH:mm", CultureInfo.InvariantCulture) + " " + EnglandTime.ZoneName(at);

    /// <summary>The day in England at a moment ("4 June 2026").</summary>
    public static string Day(DateTimeOffset at) => EnglandTime.DateOf(at).ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>A moment that may not have been recorded (stored by an older version): said so rather than left blank.</summary>
    public static string DateAndTime(DateTimeOffset? at) => at is { } moment ? DateAndTime(moment) : Unrecorded;

    public static string Time(DateTimeOffset? at) => at is { } moment ? Time(moment) : Unrecorded;

    public static string Day(DateTimeOffset? at) => at is { } moment ? Day(moment) : "an unrecorded date";

    private const string Unrecorded = "an unrecorded time";
}
