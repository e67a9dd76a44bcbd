using System.Text.RegularExpressions;

namespace WorkshopBot.Common.Privacy;

/// <summary>The NHS number rules: ten digits with a valid check digit, or any ten digits right after an NHS label.</summary>
public sealed partial class IdentifierScanner
{
    private static IEnumerable<IdentifierFinding> FindNhsNumbers(string text)
    {
        foreach (Match m in NhsPattern().Matches(text))
        {
            // Both separators or neither: "999 470 1746", "9994701746"; other groupings are read below.
            var digits = string.Concat(m.Value.Where(char.IsAsciiDigit));
            if ((m.Groups["s1"].Length == 0) == (m.Groups["s2"].Length == 0) && (NhsNumber.IsValid(digits) || IsNhsLabelled(text, m.Index))
                && NhsNeighbours.StandApart(text, m.Index, m.Index + m.Length))
            {
                yield return Finding(IdentifierKind.NhsNumber, m.Index, m.Value, "an NHS number");
            }
        }

        // Ten digits grouped another way ("999470 1746", "9994 701 746", "99 94 70 17 46"), unless the grouping is
        // the shape of something else (see NhsGrouping). A ten-digit phone number ("016977 1237", "0808 300121") has
        // such a shape too, and an NHS number never starts with 0, so one that does is left alone.
        foreach (Match m in NhsGroupsPattern().Matches(text))
        {
            var groups = NhsGrouping.Groups(m.Value);
            var digits = string.Concat(groups);
            if (digits.Length == 10 && digits[0] != '0' && (NhsNumber.IsValid(digits) || IsNhsLabelled(text, m.Index))
                && NhsGrouping.MayBeNhsNumber(text, m.Index, groups) && NhsNeighbours.StandApart(text, m.Index, m.Index + m.Length))
            {
                yield return Finding(IdentifierKind.NhsNumber, m.Index, m.Value, "an NHS number");
            }
        }
    }

    /// <summary>
    /// True when an NHS label stands right before the digits at <paramref name="start"/> ("NHS 943...", "NHS number: ...",
    /// "NHS no. ..."): ten digits there are the child's NHS number even with a wrong check digit, since a number with one
    /// digit mistyped still identifies the child. Without the label a wrong check digit makes ten digits something else.
    /// </summary>
    private static bool IsNhsLabelled(string text, int start)
    {
        var from = Math.Max(0, start - NhsLabelWindow);
        return NhsLabelPattern().IsMatch(text.AsSpan(from, start - from));
    }

    private const int NhsLabelWindow = 32;

    // Ten digits, either unbroken or in 3-3-4 groups, not inside a longer run of digits; whether digits a space or a mark
    // away are part of the same number is read in the code (NhsNeighbours). A separator is a space, a hyphen or dash, a
    // dot or a slash, with spaces around it, or a line break; a number may also break across a line.
    [GeneratedRegex(@"(?<!\d)\d(?:\n?\d){2}(?<s1>" + NhsSeparator + @")\d(?:\n?\d){2}(?<s2>" + NhsSeparator
        + @")\d(?:\n?\d){3}(?!\d)",
        RegexOptions.CultureInvariant, RegexTimeoutMs)]
    private static partial Regex NhsPattern();

    // "NHS", "NHS no", "NHS No.:", "NHS number is", "NHS#", right before the digits.
    [GeneratedRegex(@"\bNHS(?:[ \t.]*(?:numbers?|num|nos?)\b\.?)?(?:[ \t]*(?:is|was)\b)?[ \t:#.=\-–—]*$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, RegexTimeoutMs)]
    private static partial Regex NhsLabelPattern();

    // A comma with no space ("943,476,5919") too: a thousands separator never leaves four digits at the end.
    private const string NhsSeparator = @"(?:[ \t]{0,2}(?:[\-–—./\n][ \t]{0,2})?|,)";

    // Two to ten groups of one to nine digits, not part of a longer run of groups; the code keeps ten digits.
    // Groups are split by spaces or tabs, or by a hyphen, dash or line break with spaces around it; a dot or a slash
    // between odd groups is a decimal, a reference or an address ("2023/045/1234", "10.120.200.31"), so it splits
    // only 3-3-4 above.
    [GeneratedRegex(@"(?<!\d[ \t\-–—./]?)\d{1,9}(?:" + NhsGroupSeparator + @"\d{1,9}){1,9}(?![ \t\-–—./]?\d)",
        RegexOptions.CultureInvariant, RegexTimeoutMs)]
    private static partial Regex NhsGroupsPattern();

    private const string NhsGroupSeparator = @"(?:[ \t]{1,2}|[ \t]{0,2}[\-–—\n][ \t]{0,2})";
}
