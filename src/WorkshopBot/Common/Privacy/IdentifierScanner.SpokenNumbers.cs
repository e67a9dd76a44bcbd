using System.Text;
using System.Text.RegularExpressions;

namespace WorkshopBot.Common.Privacy;

/// <summary>An NHS number or a phone number written as it is said: "nine four three, four seven six, five nine one nine".</summary>
public sealed partial class IdentifierScanner
{
    /// <summary>
    /// A run of digits and words for digits ("oh seven seven double oh nine...", "NHS nine four three 476 5919"), with
    /// blanks or one mark between them and at least one word among them, read as the digits it says: ten that pass the
    /// NHS check digit, or follow an NHS label, are an NHS number; eleven starting 01, 02, 03 or 07 a phone number.
    /// Nobody writes a count or a score that way, so the run is read whole.
    /// </summary>
    private IEnumerable<IdentifierFinding> FindSpokenNumbers(string text)
    {
        foreach (Match m in SpokenNumberPattern().Matches(text))
        {
            var digits = SpokenDigits(m.Value);
            if (digits.Length == 10 && digits[0] != '0' && (NhsNumber.IsValid(digits) || IsNhsLabelled(text, m.Index)))
            {
                yield return Finding(IdentifierKind.NhsNumber, m.Index, m.Value, "an NHS number");
            }
            else if (digits.Length == 11 && digits[0] == '0' && digits[1] is '1' or '2' or '3' or '7' && !_allowedPhones.Contains(digits))
            {
                yield return Finding(IdentifierKind.PhoneNumber, m.Index, m.Value, "a phone number");
            }
        }
    }

    private static string SpokenDigits(string run)
    {
        var digits = new StringBuilder(run.Length);
        var repeat = 1;
        foreach (Match piece in SpokenPiecePattern().Matches(run))
        {
            var value = piece.Value.ToLowerInvariant();
            if (value is "double" or "triple")
            {
                repeat = value == "double" ? 2 : 3;
                continue;
            }

            var digit = value is "oh" or "o" ? "0" : DigitWords.TryGetValue(value, out var d) ? d.ToString() : value;
            for (var n = 0; n < repeat; n++)
            {
                digits.Append(digit);
            }

            repeat = 1;
        }

        return digits.ToString();
    }

    private const string SpokenWord = @"(?:zero|nought|oh|one|two|three|four|five|six|seven|eight|nine)";

    private const string SpokenPiece = @"(?:(?:double|triple)[ \t]+)?(?:" + SpokenWord + @"|\d{1,4})";

    private const string SpokenGap = @"(?:[ \t]{1,2}|[ \t]{0,2}[,.\-–—/][ \t]{0,2})";

    // Pieces with at least one word for a digit among them, up to eleven pieces.
    [GeneratedRegex(@"(?<![\w\-])(?=(?:" + SpokenPiece + SpokenGap + @"){0,10}(?:double|triple|" + SpokenWord + @")\b)" + SpokenPiece
        + @"(?:" + SpokenGap + SpokenPiece + @"){1,10}(?![\w\-])",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, RegexTimeoutMs)]
    private static partial Regex SpokenNumberPattern();

    [GeneratedRegex(@"double|triple|" + SpokenWord + @"|\d{1,4}", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, RegexTimeoutMs)]
    private static partial Regex SpokenPiecePattern();
}
