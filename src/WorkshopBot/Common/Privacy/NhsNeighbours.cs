using System.Globalization;

namespace WorkshopBot.Common.Privacy;

/// <summary>
/// Whether ten digits shaped as an NHS number (3-3-4 or unbroken) stand apart from the digits around them. Digits
/// joined to them by one mark ("12-943-476-5919", "2023/943 476 5919") are one reference, and the tail of a phone
/// number ("+44 161 496 0100", "0044 161 496 0100", "+44 (0) 161 496 0100", "+1 212 555 0123") is a phone number,
/// found as one where it is a UK number. But after one space a short number ("room 12 943 476 5919"), a whole UK
/// phone number ("07700 900123 943 476 5919") or another NHS number ends before them; before one space, a whole UK
/// phone number or NHS number starts after them. Any other run of digits one space away may run on into them
/// ("12 34 943 476 5919"), so they are not read alone.
/// </summary>
internal static class NhsNeighbours
{
    // How many digits a short number before an NHS number may have: a room, a bed, a count, a year.
    private const int ShortNumber = 4;

    // How many groups and characters a run of digits beside the number is read over, so the scan stays linear.
    private const int MaxGroups = 6;
    private const int MaxSpan = 40;

    /// <summary>True when the digits from <paramref name="start"/> to <paramref name="end"/> are read alone.</summary>
    public static bool StandApart(string text, int start, int end)
    {
        ArgumentNullException.ThrowIfNull(text);
        return ApartFromBefore(text, start) && ApartFromAfter(text, end);
    }

    private static bool ApartFromBefore(string text, int start)
    {
        var spaces = Blanks(text, start);
        var at = start - spaces;
        var mark = at > 0 && IsMark(text[at - 1]);
        if (mark)
        {
            if (spaces == 0 && at - 1 > 0 && char.IsAsciiDigit(text[at - 2]))
            {
                return false; // "12-943-476-5919", "2023/943 476 5919": one reference
            }

            at -= 1 + Blanks(text, at - 1);
        }

        if (at > 0 && text[at - 1] == ')')
        {
            // "+44 (0) 161 496 0100", "(+44) 161 496 0100": a phone number's code in brackets.
            var open = text.LastIndexOf('(', at - 1, Math.Min(at, 8));
            var inside = open < 0 ? string.Empty : text[(open + 1)..(at - 1)].Trim();
            return !(inside == "0" || inside.StartsWith('+') || inside.StartsWith("00", StringComparison.Ordinal));
        }

        if (at == 0 || !char.IsAsciiDigit(text[at - 1]))
        {
            return true;
        }

        var (groups, runStart) = GroupsBefore(text, at);
        var plus = PlusBefore(text, runStart);
        if (IsUkPhone(groups, plus))
        {
            return true;
        }

        var digits = string.Concat(groups);
        if (plus || digits.StartsWith("00", StringComparison.Ordinal) || digits is "44" or "0")
        {
            return false; // the country code or trunk prefix of a phone number
        }

        // Farther apart than one space ("12  943 476 5919", "12 - 943 476 5919") they are two numbers.
        return mark || spaces > 1
            || (groups.Count == 1 && groups[0].Length <= ShortNumber)
            || EndsWithNhsNumber(groups) || IsDate(groups);
    }

    private static bool ApartFromAfter(string text, int end)
    {
        if (end >= text.Length || end + 1 >= text.Length || !char.IsAsciiDigit(text[end + 1]))
        {
            return true;
        }

        if (IsMark(text[end]))
        {
            return false; // "943-476-5919-12"
        }

        if (text[end] is not (' ' or '\t'))
        {
            return true;
        }

        var groups = GroupsAfter(text, end + 1);
        return IsUkPhone(groups, plus: false) || (groups.Count == 3 && EndsWithNhsNumber(groups))
            || (groups.Count == 1 && EndsWithNhsNumber(groups));
    }

    // "07700 900123", "0161 496 0100", "+44 7700 900123": a whole UK number.
    private static bool IsUkPhone(IReadOnlyList<string> groups, bool plus)
    {
        var digits = string.Concat(groups);
        return plus ? digits.Length == 12 && digits.StartsWith("44", StringComparison.Ordinal)
            : digits.Length == 11 && digits[0] == '0';
    }

    // "943 476 5919", "9434765919" at the end of the run: a whole NHS number of its own.
    private static bool EndsWithNhsNumber(IReadOnlyList<string> groups) =>
        (groups.Count >= 3 && groups[^3].Length == 3 && groups[^2].Length == 3 && groups[^1].Length == 4
            && NhsNumber.IsValid(groups[^3] + groups[^2] + groups[^1]))
        || (groups.Count >= 1 && groups[^1].Length == 10 && NhsNumber.IsValid(groups[^1]));

    // "12-03-2019", "2019-03-12": a date, which ends where it is written in full.
    private static bool IsDate(IReadOnlyList<string> groups)
    {
        if (groups.Count != 3)
        {
            return false;
        }

        var (day, month, year) = groups[0].Length == 4 ? (groups[2], groups[1], groups[0]) : (groups[0], groups[1], groups[2]);
        return day.Length <= 2 && month.Length <= 2 && year.Length is 2 or 4
            && int.Parse(day, CultureInfo.InvariantCulture) is >= 1 and <= 31
            && int.Parse(month, CultureInfo.InvariantCulture) is >= 1 and <= 12;
    }

    // The groups of digits that end at `end`, split by a space or two, a tab or a hyphen or dash, and where they start.
    private static (List<string> Groups, int Start) GroupsBefore(string text, int end)
    {
        var groups = new List<string>();
        var limit = Math.Max(0, end - MaxSpan);
        var at = end;
        var from = at;
        while (groups.Count < MaxGroups)
        {
            from = at;
            while (from > limit && char.IsAsciiDigit(text[from - 1]))
            {
                from--;
            }

            groups.Insert(0, text[from..at]);
            var gap = from;
            while (gap > limit && from - gap < 2 && text[gap - 1] is ' ' or '\t' or '-' or '–' or '—')
            {
                gap--;
            }

            if (gap == from || gap == limit || !char.IsAsciiDigit(text[gap - 1]))
            {
                return (groups, from);
            }

            at = gap;
        }

        return (groups, from);
    }

    private static List<string> GroupsAfter(string text, int start)
    {
        var groups = new List<string>();
        var limit = Math.Min(text.Length, start + MaxSpan);
        var at = start;
        while (groups.Count < MaxGroups)
        {
            var to = at;
            while (to < limit && char.IsAsciiDigit(text[to]))
            {
                to++;
            }

            groups.Add(text[at..to]);
            var gap = to;
            while (gap < limit && gap - to < 2 && text[gap] is ' ' or '\t' or '-' or '–' or '—')
            {
                gap++;
            }

            if (gap == to || gap == limit || !char.IsAsciiDigit(text[gap]))
            {
                return groups;
            }

            at = gap;
        }

        return groups;
    }

    // "+44 161", "+ 44 161": a plus, a space or none, then the run.
    private static bool PlusBefore(string text, int runStart)
    {
        var at = runStart - (runStart > 0 && text[runStart - 1] == ' ' ? 1 : 0);
        return at > 0 && text[at - 1] == '+';
    }

    private static int Blanks(string text, int at)
    {
        var count = 0;
        while (at - count > 0 && count < 2 && text[at - count - 1] is ' ' or '\t')
        {
            count++;
        }

        return count;
    }

    private static bool IsMark(char c) => c is '-' or '–' or '—' or '.' or '/';
}
