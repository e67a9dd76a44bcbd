using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace WorkshopBot.Common.Privacy;

/// <summary>A postcode typed in pieces or spelt out: "S W one A, one A A", "SW1A   1AA", "S-W-1-A 1-A-A".</summary>
public sealed partial class IdentifierScanner
{
    // A postcode has at most seven letters and digits, so at most seven pieces.
    private const int MaxPostcodePieces = 7;

    private static readonly FrozenDictionary<string, char> DigitWords = new Dictionary<string, char>(StringComparer.OrdinalIgnoreCase)
    {
        ["zero"] = '0', ["nought"] = '0', ["one"] = '1', ["two"] = '2', ["three"] = '3', ["four"] = '4', ["five"] = '5',
        ["six"] = '6', ["seven"] = '7', ["eight"] = '8', ["nine"] = '9',
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Pieces of letters and digits, or digits written as words, with blanks or one mark (a comma, a dot, a dash, a slash)
    /// between them, that together are a whole postcode: spelt out, with a word for a digit or two pieces or more of one
    /// character, or its two halves with wide blanks between. The letters of the pieces are in one case, as a postcode is
    /// typed ("S W 1 A 1 A A", "s w 1 a 1 a a"); a word for a digit may be in any case.
    /// </summary>
    private static IEnumerable<IdentifierFinding> FindPostcodesInPieces(string text)
    {
        var pieces = PostcodePiecePattern().Matches(text);
        for (var first = 0; first < pieces.Count; first++)
        {
            var joined = new System.Text.StringBuilder(MaxPostcodePieces);
            var (upper, lower, single, words) = (false, false, 0, 0);
            for (var last = first; last < pieces.Count && last - first < MaxPostcodePieces; last++)
            {
                var piece = pieces[last];
                if (last > first && !JoinsPostcodePieces(text, pieces[last - 1], piece))
                {
                    break;
                }

                single += IsSinglePiece(piece.Value) ? 1 : 0;
                if (DigitWords.TryGetValue(piece.Value, out var digit))
                {
                    joined.Append(digit);
                    words++;
                }
                else
                {
                    joined.Append(piece.Value);
                    upper |= piece.Value.Any(char.IsAsciiLetterUpper);
                    lower |= piece.Value.Any(char.IsAsciiLetterLower);
                }

                if (joined.Length > MaxPostcodePieces)
                {
                    break;
                }

                if (last > first && !(upper && lower) && joined.Length >= 5 && IsWholePostcode(joined.ToString())
                    && (single >= 2 || words > 0 || (last == first + 1 && IsOutwardAndInward(pieces[first].Value, piece.Value))))
                {
                    var value = text[pieces[first].Index..(piece.Index + piece.Length)];
                    yield return Finding(IdentifierKind.Postcode, pieces[first].Index, value, "a postcode");
                    break;
                }
            }
        }
    }

    // Two pieces are a postcode only as its two halves with wide blanks between ("SW1A    1AA"): "on 11th" is no "ON1 1TH".
    private static bool IsOutwardAndInward(string outward, string inward) => IsWholePostcode($"{outward} {inward}");

    private static bool IsWholePostcode(string value) => PostcodePattern().Match(value) is { Success: true } m && m.Length == value.Length;

    /// <summary>
    /// Blanks join two pieces; so does a mark when one of the pieces is a single character or a word for a digit ("S W one
    /// A, one A A"): "C1, 2nd" and "room B2. 1ST" are a pseudonym, a room and an ordinal.
    /// </summary>
    private static bool JoinsPostcodePieces(string text, Match before, Match after)
    {
        var gap = text.AsSpan(before.Index + before.Length, after.Index - before.Index - before.Length);
        return PostcodePieceGapPattern().IsMatch(gap)
            && (gap.Trim(" \t").IsEmpty || IsSinglePiece(before.Value) || IsSinglePiece(after.Value));
    }

    private static bool IsSinglePiece(string piece) => piece.Length == 1 || DigitWords.ContainsKey(piece);

    // A piece: up to four letters and digits, or a word for a digit, standing alone.
    [GeneratedRegex(@"(?<![\w'’])(?:[A-Za-z0-9]{1,4}|zero|nought|one|two|three|four|five|six|seven|eight|nine)(?![\w'’])",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, RegexTimeoutMs)]
    private static partial Regex PostcodePiecePattern();

    // Between two pieces: blanks, or one mark with blanks around it.
    [GeneratedRegex(@"^(?:[ \t]{1,4}|[ \t]{0,2}[,.\-–—/][ \t]{0,2})$", RegexOptions.CultureInvariant, RegexTimeoutMs)]
    private static partial Regex PostcodePieceGapPattern();
}
