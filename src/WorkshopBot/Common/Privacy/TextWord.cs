namespace WorkshopBot.Common.Privacy;

/// <summary>
/// One word of free text: letters and digits, with apostrophes, hyphens and ampersands inside it ("O'Sullivan",
/// "Ellie-Mae", "A&amp;E"). A possessive "'s" stays part of the word but not of its <see cref="Base"/>.
/// </summary>
internal sealed record TextWord(int Start, int Length, string Base, bool Possessive)
{
    public int End => Start + Length;

    /// <summary>Where the word ends without its possessive "'s".</summary>
    public int BaseEnd => Start + Base.Length;

    public string Lower => Base.ToLowerInvariant();

    public bool HasDigit => Base.Any(char.IsDigit);

    public bool IsSingleLetter => Base.Length == 1 && char.IsLetter(Base[0]);

    /// <summary>Starts with a capital and has a small letter somewhere: "Aisha", "McDonald", "O'Neill".</summary>
    public bool IsCapitalised => char.IsUpper(Base[0]) && Base.Any(char.IsLower);

    /// <summary>Two or more letters, all capitals: "AISHA", "CSE".</summary>
    public bool IsAllCaps => Base.Count(char.IsLetter) >= 2 && !Base.Any(char.IsLower);

    public bool IsLowerCase => char.IsLower(Base[0]);

    /// <summary>Splits text into words in one pass.</summary>
    public static List<TextWord> Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = new List<TextWord>();
        var i = 0;
        while (i < text.Length)
        {
            if (!char.IsLetterOrDigit(text[i]))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < text.Length && (char.IsLetterOrDigit(text[i])
                       || (IsJoiner(text[i]) && i + 1 < text.Length && char.IsLetterOrDigit(text[i + 1]) && i > start)))
            {
                i++;
            }

            var length = i - start;
            var possessive = length > 2 && text[i - 1] is 's' or 'S' && text[i - 2] is '\'' or '’';
            words.Add(new TextWord(start, length, text.Substring(start, possessive ? length - 2 : length), possessive));
        }

        return words;
    }

    private static bool IsJoiner(char c) => c is '\'' or '’' or '-' or '&';
}
