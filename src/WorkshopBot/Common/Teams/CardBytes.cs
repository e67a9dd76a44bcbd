using System.Text.Json;
using WorkshopBot.Cards;

namespace WorkshopBot.Common.Teams;

/// <summary>
/// Text measured as a card carries it: the UTF-8 bytes of its JSON string as <see cref="AdaptiveCardJson"/> writes it. A
/// character is not a byte: an emoji is written <c>\uD83D\uDC4D</c> (12 bytes for its 2 UTF-16 characters), a Bengali
/// letter takes 3 bytes, and a <c>*</c> escaped for Markdown is <c>\\*</c> (3 bytes), so a limit counted in characters
/// does not keep a card within Teams' limit (<see cref="CardKit.MaxCardBytes"/>).
/// </summary>
public static class CardBytes
{
    /// <summary>What ends a text that was shortened.</summary>
    public const string Ellipsis = "…";

    /// <summary>
    /// The most bytes one UTF-16 character takes on a card: 6 when written as <c>\uXXXX</c>; ASCII markup escaped for
    /// Markdown takes 3 (<c>*</c> is written <c>\\*</c>) or 4 (a backslash).
    /// </summary>
    private const int MostPerCharacter = 6;

    public static int Of(string text) =>
        JsonEncodedText.Encode(text, AdaptiveCardJson.Options.Encoder).EncodedUtf8Bytes.Length;

    /// <summary>
    /// <paramref name="text"/> as <paramref name="shown"/> puts it on a card, or, when that takes more than
    /// <paramref name="maxBytes"/>, its longest start that, shown and ended with "…", takes no more. The cut is made in the
    /// text before it is shown, where a character people see ends (<see cref="TextCut"/>), so it never splits a surrogate
    /// pair or an escape.
    /// </summary>
    public static string Cut(string text, int maxBytes, Func<string, string> shown)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(shown);
        var whole = shown(text);
        if ((long)text.Length * MostPerCharacter <= maxBytes || Of(whole) <= maxBytes)
        {
            return whole;
        }

        string At(int length) => shown(TextCut.Prefix(text, length).TrimEnd() + Ellipsis);
        var (low, high) = (0, text.Length - 1);
        while (low < high)
        {
            var middle = (low + high + 1) / 2;
            (low, high) = Of(At(middle)) <= maxBytes ? (middle, high) : (low, middle - 1);
        }

        return At(low);
    }
}
