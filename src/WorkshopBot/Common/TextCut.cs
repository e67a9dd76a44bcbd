using System.Globalization;

namespace WorkshopBot.Common;

/// <summary>
/// Text cut to a length to be shown, never inside one character as people see it: not between the two halves of a surrogate
/// pair (half of one is no text, shown as "�" once the card's JSON, the page's HTML or the file's XML is read), nor between the
/// parts of a flag, an emoji joined from several ("family", a skin tone) or a letter and its accent, which would show as
/// other characters. One rule for every cut of text people see (CardKit.Shorten uses it too); the caller adds its "..." or "…".
/// </summary>
public static class TextCut
{
    /// <summary>
    /// How far back a cut goes to keep one character whole, at most: past it (a letter stacked with dozens of marks), the cut
    /// keeps only surrogate pairs whole.
    /// </summary>
    private const int MaxBack = 32;

    /// <summary>
    /// The longest start of <paramref name="text"/> no longer than <paramref name="length"/> characters that ends where a
    /// character people see ends; the text as it is when it is no longer.
    /// </summary>
    public static string Prefix(string text, int length)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (text.Length <= length)
        {
            return text;
        }

        var end = 0;
        while (end < length)
        {
            var next = end + StringInfo.GetNextTextElementLength(text, end);
            if (next > length)
            {
                break;
            }

            end = next;
        }

        if (length - end > MaxBack)
        {
            end = length > 0 && char.IsHighSurrogate(text[length - 1]) ? length - 1 : length;
        }

        return text[..end];
    }
}
