using System.Text.RegularExpressions;

namespace WorkshopBot.Common.Privacy;

/// <summary>An NHS number's three groups with words or marks between them: "943 then 476 then 5919", "943, 476, 5919".</summary>
public sealed partial class IdentifierScanner
{
    /// <summary>
    /// Three groups of 3, 3 and 4 digits with a word that only joins them ("then", "and", "followed by", "dash") or
    /// marks ("943 (476) 5919", "943 .. 476 .. 5919", "943-476-" and a line break) between them. After an NHS label
    /// the groups are the number whatever the check digit ("NHS 485 then 777 then 3456"). Without one, the check digit
    /// must pass, and a last group that could be a year ("312, 456, 2024") is a list of figures, not a number.
    /// </summary>
    private static IEnumerable<IdentifierFinding> FindNhsNumbersWithFillers(string text)
    {
        foreach (Match m in NhsFillerPattern().Matches(text))
        {
            var digits = m.Groups["a"].Value + m.Groups["b"].Value + m.Groups["c"].Value;
            var labelled = IsNhsLabelled(text, m.Index);
            var year = int.Parse(m.Groups["c"].Value, System.Globalization.CultureInfo.InvariantCulture) is >= 1900 and <= 2099;
            if (digits[0] != '0' && (labelled || (NhsNumber.IsValid(digits) && !year))
                && NhsNeighbours.StandApart(text, m.Index, m.Index + m.Length))
            {
                yield return Finding(IdentifierKind.NhsNumber, m.Index, m.Value, "an NHS number");
            }
        }
    }

    // A bracket may open the first group: "(943) 476 5919".
    [GeneratedRegex(@"(?<![\w.,/\-])\(?(?<a>\d{3})(?:" + NhsFiller + @")(?<b>\d{3})(?:" + NhsFiller + @")(?<c>\d{4})(?![\w]|[.,/\-]\d)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, RegexTimeoutMs)]
    private static partial Regex NhsFillerPattern();

    // Marks (one to three: brackets, dots, commas, slashes, dashes, pluses, arrows...) and blanks, a line break, or a word
    // that only joins the groups, each with marks or blanks around it; something must stand between the groups.
    private const string NhsFillerMarks = @"[ \t]*(?:[()\[\]{}.,;:/\\|+*~=><_\-–—]{1,3}[ \t]*)?(?:\n[ \t]*)?";

    private const string NhsFiller = @"(?=[^\d])" + NhsFillerMarks
        + @"(?:(?:then|and|followed[ \t]+by|space|dash|hyphen|slash|stroke|dot|point|comma|next|plus)" + NhsFillerMarks + ")?";
}
