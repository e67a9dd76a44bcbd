using System.Text;

namespace WorkshopBot.Common.Privacy;

/// <summary>What stands between the groups of a number or a date, written another way: "943_476_5919", "01·02·2019".</summary>
internal sealed partial class FoldedText
{
    // Spaces or tabs a dot look-alike or a backslash may have on either side: "943 · 476 · 5919".
    private const int MaxSpacesAroundSeparator = 2;

    /// <summary>
    /// The separator at <paramref name="i"/> between two groups of digits, read as the one it stands for, and how many
    /// characters it takes; or (null, 0). A run of underscores right between two digits ("943_476_5919", "01_02_2019")
    /// is read as a hyphen; a dot look-alike (a middle dot, a bullet, the hyphenation point, a katakana or ideographic
    /// dot: "01·02·2019", "943•476•5919") as a full stop, and a backslash as a slash, also with a space or two around
    /// them. Anywhere else they are left as typed: "case_ref", "Agency · case". A colon or a pipe counts by the shape
    /// of the groups around it (<see cref="GroupSeparatorAt"/>).
    /// </summary>
    private static (string? Separator, int Length) DigitSeparatorAt(string original, int i)
    {
        if (GroupSeparatorAt(original, i) is { } group)
        {
            return (group, 1);
        }

        var c = original[i];
        if (c == '_')
        {
            var end = i;
            while (end < original.Length && original[end] == '_')
            {
                end++;
            }

            return i > 0 && char.IsDigit(original[i - 1]) && end < original.Length && char.IsDigit(original[end])
                ? ("-", end - i)
                : (null, 0);
        }

        var separator = c == '\\' ? "/" : IsDotLike(c) ? "." : null;
        return separator is not null && DigitBefore(original, i) && DigitAfter(original, i + 1) ? (separator, 1) : (null, 0);
    }

    private static bool IsDotLike(char c) =>
        c is '\u00B7' or '\u0387' or '\u2022' or '\u2219' or '\u22C5' or '\u2027' or '\u2E31' or '\u2E33' or '\u30FB'
            or '\uFF65' or '\u3002' or '\uFF61';

    private static bool DigitBefore(string original, int i)
    {
        for (var (j, spaces) = (i - 1, 0); j >= 0; j--)
        {
            if (!IsSpaceAroundSeparator(original[j]))
            {
                return char.IsDigit(original[j]);
            }

            if (++spaces > MaxSpacesAroundSeparator)
            {
                return false;
            }
        }

        return false;
    }

    private static bool DigitAfter(string original, int i)
    {
        for (var (j, spaces) = (i, 0); j < original.Length; j++)
        {
            if (!IsSpaceAroundSeparator(original[j]))
            {
                return char.IsDigit(original[j]);
            }

            if (++spaces > MaxSpacesAroundSeparator)
            {
                return false;
            }
        }

        return false;
    }

    // A space or tab, a no-break or thin space, or an invisible character: not a line break.
    private static bool IsSpaceAroundSeparator(char c) =>
        c is not ('\n' or '\r') && (char.IsWhiteSpace(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format);
}
