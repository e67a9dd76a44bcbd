namespace WorkshopBot.Common;

/// <summary>
/// Text cut to a length to be shown, never between the two halves of a character written as a surrogate pair (an emoji,
/// for one): half of one is no text, and is shown as "�" once the card's JSON, the page's HTML or the file's XML is read.
/// One rule for every cut of text people see (CardKit.Shorten uses it too); the caller adds its "..." or "…".
/// </summary>
public static class TextCut
{
    /// <summary>
    /// The first <paramref name="length"/> characters of <paramref name="text"/>, or one fewer when the last of them would be
    /// the first half of a surrogate pair; the text as it is when it is no longer.
    /// </summary>
    public static string Prefix(string text, int length)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (text.Length <= length)
        {
            return text;
        }

        return text[..(length > 0 && char.IsHighSurrogate(text[length - 1]) ? length - 1 : length)];
    }
}
