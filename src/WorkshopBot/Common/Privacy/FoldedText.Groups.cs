using System.Globalization;

namespace WorkshopBot.Common.Privacy;

/// <summary>
/// A colon or a pipe between three groups of digits, read by the shape of the groups: "943:476:5919" and "01|02|2019"
/// are an NHS number and a date; "10:30", "14:05:30", "scored 3:5" and "2|3 agencies" are times, scores and counts.
/// </summary>
internal sealed partial class FoldedText
{
    // A group longer than a year or the last group of an NHS number is something else: "1234567:12:2019".
    private const int MaxGroupDigits = 4;

    // Three groups in all: at most two on one side of a separator.
    private const int MaxGroupsOnOneSide = 2;

    /// <summary>
    /// The separator a colon or pipe (or a look-alike: "∶", "：", "｜", "¦", "∣") at <paramref name="i"/> stands for,
    /// or null. It counts only between exactly three groups of digits joined by the same kind of separator, and only
    /// when the groups have the shape of an identifier:
    /// <list type="bullet">
    /// <item>3, 3 and 4 digits, an NHS number's grouping, also with a space or two around the separator
    /// ("943:476:5919", "943 | 476 | 5919"): read as a hyphen, and the check digit still decides;</item>
    /// <item>4, 2 and 2 digits, a year, a month and a day ("2019:02:01"): read as a hyphen;</item>
    /// <item>a day (1 to 31) and a month (1 to 12) of one or two digits, then a year of four digits, or of two when the
    /// day and month have two ("01:02:2019", "1|2|2019", "25:12:19"), with nothing around the separator: read as a
    /// slash. With colons, three groups that could be a time with seconds ("14:05:30", "01:02:19") are a time; with
    /// pipes, groups with another pipe before or after them are a table's cells ("|12|03|19|"), left as typed: a birth
    /// label in the table makes them a date there ("| DOB | 01 | 02 | 2019 |", see BirthDateFinder.Tables.cs).</item>
    /// </list>
    /// Each call reads a bounded number of characters around <paramref name="i"/>, so folding stays linear.
    /// </summary>
    private static string? GroupSeparatorAt(string original, int i)
    {
        var colon = IsColonLike(original[i]);
        if (!colon && !IsPipeLike(original[i]))
        {
            return null;
        }

        var (before, beforeEdge, beforeSpaced) = ReadGroups(original, i, -1, colon);
        var (after, afterEdge, afterSpaced) = ReadGroups(original, i, 1, colon);
        if (before is null || after is null || before.Count + after.Count != 3)
        {
            return null;
        }

        before.Reverse();
        var groups = before.Concat(after).ToList();
        if (groups[0].Length == 3 && groups[1].Length == 3 && groups[2].Length == 4)
        {
            return "-";
        }

        if (beforeSpaced || afterSpaced || (!colon && (beforeEdge || afterEdge)))
        {
            return null;
        }

        // Digits of any script ("٠١:٠٢:٢٠١٩"), read as the folded text reads them; int.Parse takes only 0-9.
        var values = groups.Select(g => g.Aggregate(0, (value, digit) => (value * 10) + (int)char.GetNumericValue(digit))).ToList();
        if (groups[0].Length == 4 && groups[1].Length == 2 && groups[2].Length == 2)
        {
            return IsDayAndMonth(values[2], values[1]) ? "-" : null;
        }

        var twoDigitYear = groups[2].Length == 2;
        var isDate = groups[0].Length <= 2 && groups[1].Length <= 2 && groups[2].Length is 2 or 4
            && IsDayAndMonth(values[0], values[1])
            && (!twoDigitYear || (groups[0].Length == 2 && groups[1].Length == 2));
        var isTime = colon && twoDigitYear && values[0] <= 23 && values[1] <= 59 && values[2] <= 59;
        return isDate && !isTime ? "/" : null;
    }

    /// <summary>
    /// The groups of digits on one side of the separator at <paramref name="i"/>, nearest first, each joined to the next
    /// by the same kind of separator; null when the separator has no digits on that side, or a group is too long, or
    /// there are more groups than three in all could hold. Edge: the last group read has a separator of the same kind
    /// beyond it with no digits after it ("|12|03|19|"). Spaced: a space stands next to a separator between two groups.
    /// </summary>
    private static (List<string>? Groups, bool Edge, bool Spaced) ReadGroups(string original, int i, int step, bool colon)
    {
        var groups = new List<string>();
        var spaced = false;

        // Spaces around a separator count only when a group follows it: "DOB: 01:02:2019" is not spaced.
        var pending = false;
        for (var at = i; ;)
        {
            var start = SkipSpaces(original, at + step, step, ref pending);
            var end = start;
            while (end >= 0 && end < original.Length && char.IsDigit(original[end]) && Math.Abs(end - start) <= MaxGroupDigits)
            {
                end += step;
            }

            var length = Math.Abs(end - start);
            if (length == 0)
            {
                return groups.Count == 0 ? (null, false, spaced) : (groups, true, spaced);
            }

            if (length > MaxGroupDigits || groups.Count == MaxGroupsOnOneSide)
            {
                return (null, false, spaced);
            }

            var (from, to) = step > 0 ? (start, end) : (end + 1, start + 1);
            groups.Add(string.Concat(original[from..to].Select(c => (char)('0' + CharUnicodeInfo.GetDecimalDigitValue(c)))));
            (spaced, pending) = (spaced || pending, false);
            var next = SkipSpaces(original, end, step, ref pending);
            if (next < 0 || next >= original.Length || !(colon ? IsColonLike(original[next]) : IsPipeLike(original[next])))
            {
                return (groups, false, spaced);
            }

            at = next;
        }
    }

    // The first index from i, going by step, after at most two spaces or invisible characters.
    private static int SkipSpaces(string original, int i, int step, ref bool spaced)
    {
        for (var n = 0; n < MaxSpacesAroundSeparator && i >= 0 && i < original.Length && IsSpaceAroundSeparator(original[i]); n++)
        {
            spaced |= char.IsWhiteSpace(original[i]);
            i += step;
        }

        return i;
    }

    private static bool IsDayAndMonth(int day, int month) => day is >= 1 and <= 31 && month is >= 1 and <= 12;

    private static bool IsColonLike(char c) => c is ':' or '\u2236' or '\uFF1A' or '\uFE55';

    /// <summary>A pipe or a look-alike: "|", "｜", "∣", "¦".</summary>
    internal static bool IsPipeLike(char c) => c is '|' or '\uFF5C' or '\u2223' or '\u00A6';

    /// <summary>True when a colon or pipe in <paramref name="original"/> is read as a separator (the fast path is off).</summary>
    private static bool HasGroupSeparator(string original)
    {
        for (var i = 0; i < original.Length; i++)
        {
            if (original[i] is ':' or '|' && GroupSeparatorAt(original, i) is not null)
            {
                return true;
            }
        }

        return false;
    }
}
