using System.Collections.Frozen;

namespace WorkshopBot.Common.Privacy;

/// <summary>
/// Whether ten digits in groups other than 3-3-4 read as an NHS number. Two or three groups of three to seven digits
/// ("999470 1746", "9994 701 746") always do. Any other grouping ("99 94 70 17 46", "999 470 17 46",
/// "9 9 9 4 7 0 1 7 4 6") does unless it has the shape of something else: a phone number after "+" or "(0)"
/// ("+32 2 523 45 67"), a sum after a currency sign or in thousands ("£2 234 567 890", "2 234 567 890"), a date or
/// a time at the start ("12 03 24 10 38", "10 30 11 45 ..."), a year at the start ("2024-03-1234") or a date at the
/// end ("48 12 03 2024"). NHS numbers issued in England, Wales and Northern Ireland start with 3, 4, 6 or 7, so
/// the shapes at the start cost nothing there; the check digit still has to pass. Digits one or two at a time after a
/// word that introduces values ("scores 4 0 1 0 2 3 2 0 8 0", "grades were 3 2 2 ...") are those values, not a number.
/// </summary>
internal static class NhsGrouping
{
    // How many words before the digits a word introducing values may stand: "scores of the ten items were 4 0 1 ...".
    private const int ValueCueReach = 5;

    // How many characters before the digits those words may take.
    private const int ValueCueSpan = 80;

    // Words that introduce a list of values: scores, grades, ratings, marks, points.
    private static readonly FrozenSet<string> ValueWords = new[]
    {
        "score", "scores", "scored", "scoring", "grade", "grades", "graded", "grading", "rating", "ratings", "rated",
        "mark", "marks", "points", "results", "answers", "responses", "values", "readings", "tally",
        "tallies", "totals", "counts",
    }.ToFrozenSet(StringComparer.Ordinal);

    // Words that introduce a number, nearer to the digits than any value word: "NHS number 4 0 1 ..." is a number.
    private static readonly FrozenSet<string> NumberWords = new[]
    {
        "nhs", "number", "numbers", "no", "nos", "num", "patient", "chi", "id", "ref", "reference",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The digit groups of a candidate, in order: "99-94-70-17-46" gives 99, 94, 70, 17, 46.</summary>
    public static List<string> Groups(string candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        var groups = new List<string>();
        for (var i = 0; i < candidate.Length;)
        {
            var start = i;
            while (i < candidate.Length && char.IsAsciiDigit(candidate[i]))
            {
                i++;
            }

            if (i > start)
            {
                groups.Add(candidate[start..i]);
            }
            else
            {
                i++;
            }
        }

        return groups;
    }

    /// <summary>True when digit groups found at <paramref name="start"/> of the text may be an NHS number.</summary>
    public static bool MayBeNhsNumber(string text, int start, IReadOnlyList<string> groups)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(groups);
        if (groups.Count is 2 or 3 && groups.All(g => g.Length is >= 3 and <= 7))
        {
            return true;
        }

        return !AfterPhoneOrCurrencySign(text, start) && !IsThousands(groups) && !StartsWithDateTimeOrYear(groups)
            && !EndsWithDate(groups) && !IsListOfValues(text, start, groups);
    }

    // "scores 4 0 1 0 2 3 2 0 8 0", "The item scores were 4 0 1 ...": small values, one or two digits each, that a word
    // just before (within the sentence and a few words, with no word of a number nearer) says are scores or grades.
    private static bool IsListOfValues(string text, int start, IReadOnlyList<string> groups)
    {
        if (groups.Any(g => g.Length > 2))
        {
            return false;
        }

        // Bounded, so a long run of numbers and marks is not read back over for each number in it.
        var limit = Math.Max(0, start - ValueCueSpan);
        var end = start;
        for (var words = 0; words < ValueCueReach; words++)
        {
            while (end > limit && !char.IsLetter(text[end - 1]))
            {
                if (text[end - 1] is '.' or ';' or '!' or '?' or '\n')
                {
                    return false;
                }

                end--;
            }

            var from = end;
            while (from > limit && char.IsLetter(text[from - 1]))
            {
                from--;
            }

            if (from == end)
            {
                return false;
            }

            var word = text[from..end].ToLowerInvariant();
            if (ValueWords.Contains(word))
            {
                return true;
            }

            if (NumberWords.Contains(word))
            {
                return false;
            }

            end = from;
        }

        return false;
    }

    // "+32 2 523 45 67", "+44 (0) 77 ...", "£2 234 567 890": what comes before says what the digits are.
    private static bool AfterPhoneOrCurrencySign(string text, int start)
    {
        var i = start - 1;
        while (i >= 0 && i >= start - 2 && text[i] is ' ' or '\t')
        {
            i--;
        }

        return i >= 0 && (text[i] is '+' or '£' or '$' or '€'
            || (text[i] == ')' && i >= 2 && text[i - 1] == '0' && text[i - 2] == '('));
    }

    // "2 234 567 890": a count or a sum written with spaces between the thousands.
    private static bool IsThousands(IReadOnlyList<string> groups) =>
        groups[0].Length <= 3 && groups.Skip(1).All(g => g.Length == 3);

    // "12 03 24 10 38" (a date, then a time), "10 30 11 45 ...", "2024-03-1234" (a year, then a reference).
    private static bool StartsWithDateTimeOrYear(IReadOnlyList<string> groups)
    {
        if (groups[0].Length == 4 && Number(groups[0]) is >= 1900 and <= 2099)
        {
            return true;
        }

        if (groups[0].Length != 2 || groups[1].Length != 2)
        {
            return false;
        }

        var (first, second) = (Number(groups[0]), Number(groups[1]));
        return (first is >= 1 and <= 31 && second is >= 1 and <= 12) || (first <= 23 && second <= 59);
    }

    // "48 12 03 2024", "1232 12 03 24": a reference or a count, then a date.
    private static bool EndsWithDate(IReadOnlyList<string> groups)
    {
        if (groups.Count < 3)
        {
            return false;
        }

        var (day, month, year) = (groups[^3], groups[^2], groups[^1]);
        return day.Length <= 2 && month.Length <= 2 && year.Length is 2 or 4
            && Number(day) is >= 1 and <= 31 && Number(month) is >= 1 and <= 12;
    }

    private static int Number(string digits)
    {
        var value = 0;
        foreach (var c in digits)
        {
            value = (value * 10) + (c - '0');
        }

        return value;
    }
}
