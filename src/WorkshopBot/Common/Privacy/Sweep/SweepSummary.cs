using System.Collections;
using System.Globalization;

namespace WorkshopBot.Common.Privacy.Sweep;

/// <summary>
/// The state of the sweep's summary log line (event 3301): the same structured fields as ever (Scanned, Changed, NhsNumbers,
/// Postcodes, DatesOfBirth, NotChecked, Unreadable, Milliseconds, and the template as <c>{OriginalFormat}</c>), with a
/// message whose nouns agree with their counts ("1 postcode", "2 postcodes"), which a logging template cannot do.
/// </summary>
internal readonly struct SweepSummary(
    int scanned, int changed, int nhsNumbers, int postcodes, int datesOfBirth, int notChecked, int unreadable, long milliseconds)
    : IReadOnlyList<KeyValuePair<string, object?>>
{
    public static readonly EventId Event = new(3301, "LogSwept");

    /// <summary>The template the fields come from, unchanged, for sinks that group lines by it.</summary>
    public const string Template = "Identifier sweep: {Scanned} objects scanned, {Changed} changed ({NhsNumbers} NHS numbers, "
        + "{Postcodes} postcodes, {DatesOfBirth} dates of birth removed), {NotChecked} not checked, {Unreadable} not readable, "
        + "in {Milliseconds} ms";

    public int Count => 9;

    public KeyValuePair<string, object?> this[int index] => index switch
    {
        0 => new("Scanned", scanned),
        1 => new("Changed", changed),
        2 => new("NhsNumbers", nhsNumbers),
        3 => new("Postcodes", postcodes),
        4 => new("DatesOfBirth", datesOfBirth),
        5 => new("NotChecked", notChecked),
        6 => new("Unreadable", unreadable),
        7 => new("Milliseconds", milliseconds),
        8 => new("{OriginalFormat}", Template),
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };

    public static string Format(SweepSummary summary, Exception? exception) => summary.ToString();

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"Identifier sweep: {Counted(scanned, "object")} scanned, {changed} changed ({Counted(nhsNumbers, "NHS number")}, "
        + $"{Counted(postcodes, "postcode")}, {Counted(datesOfBirth, "date of birth", "dates of birth")} removed), "
        + $"{notChecked} not checked, {unreadable} not readable, in {milliseconds} ms");

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static string Counted(long count, string singular, string? plural = null) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {(count == 1 ? singular : plural ?? singular + "s")}");
}
