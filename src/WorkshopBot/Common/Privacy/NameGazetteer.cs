using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace WorkshopBot.Common.Privacy;

/// <summary>
/// Look-ups over the compiled name tables (<see cref="NameGazetteerData"/>). Words are compared by a key that
/// ignores case, accents and apostrophes, so "O'Sullivan", "OSULLIVAN" and "o’sullivan" are the same name, and
/// "Zoë" is "Zoe". Immutable and shared.
/// </summary>
internal static class NameGazetteer
{
    private static readonly FrozenSet<string> First = Parse(NameGazetteerData.FirstNames);
    private static readonly FrozenSet<string> Last = Parse(NameGazetteerData.Surnames);
    private static readonly FrozenSet<string> Words = Parse(NameGazetteerData.EverydayWords);
    private static readonly FrozenSet<string> Public = ParseFullNames(NameGazetteerData.PublicNames);
    private static readonly FrozenSet<string> Shops = ParseFullNames(NameGazetteerData.ShopNames);
    private static readonly FrozenSet<string> FirstVariants = First.Where(n => !Words.Contains(n) && n.Length >= MinVariantLength)
        .Select(VariantKey).ToFrozenSet(StringComparer.Ordinal);

    // Shorter names have too many neighbours among everyday words.
    private const int MinVariantLength = 4;

    /// <summary>Every first name, as a comparison key (lower case, no accents or apostrophes).</summary>
    public static IReadOnlyCollection<string> FirstNameKeys => First;

    /// <summary>Every surname, as a comparison key (lower case, no accents or apostrophes).</summary>
    public static IReadOnlyCollection<string> SurnameKeys => Last;

    /// <summary>
    /// True for a first name the gazetteer holds, or a double first name of such names where one part or more is another
    /// spelling of one (<see cref="IsFirstNameVariant"/>): "Ryley-Mae", "ryley-mae", "Kaydn-Lee".
    /// </summary>
    public static bool IsFirstName(string word) => Matches(word, First) || IsDoubleNameWithVariant(word);

    public static bool IsSurname(string word) => Matches(word, Last);

    /// <summary>True when the word (or, for a hyphenated word, every part of it) is a first name or a surname.</summary>
    public static bool IsName(string word) => IsFirstName(word) || IsSurname(word);

    /// <summary>True when the word is also an everyday English word, month, place or title ("Grace", "Will",
    /// "Brown", "May"); a hyphenated word is everyday only when every part is.</summary>
    public static bool IsEverydayWord(string word) => AllParts(word, p => Words.Contains(p));

    /// <summary>True for a name the gazetteer holds and that is not also an everyday word.</summary>
    public static bool IsDistinctName(string word) => IsName(word) && !IsEverydayWord(word);

    /// <summary>
    /// True for a spelling with a "y" inside it of a first name that the gazetteer does not hold, of four letters or more:
    /// "Ryley" (Riley), "Kaydn" (Kayden), "Mykah". Spellings are compared by <see cref="VariantKey"/>; a name that is
    /// also an everyday word has no variants, and a word the gazetteer holds is not a variant. Without a "y" inside, an
    /// everyday word often reads as a name spelt another way ("line" as "Lynne", "rosy" as "Rosie", "ally" as "Ali");
    /// new spellings of names mostly put one there ("Jaydn", "Kaylee", "Mylo"), which English words seldom do, and never
    /// with the endings that mark a word (see <see cref="NameShapes.LooksLikeName"/>: "lying", "player").
    /// </summary>
    public static bool IsFirstNameVariant(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        var key = Key(word);
        return key.Length >= MinVariantLength && key.All(char.IsAsciiLetterLower) && key.AsSpan(0, key.Length - 1).Contains('y')
            && !key.EndsWith("ing", StringComparison.Ordinal) && !First.Contains(key) && !Last.Contains(key) && !Words.Contains(key)
            && NameShapes.LooksLikeName(char.ToUpperInvariant(key[0]) + key[1..]) && FirstVariants.Contains(VariantKey(key));
    }

    /// <summary>
    /// A key that spellings of one name share: "ph" is "f", "c" and "ck" are "k", "y" and "igh" are "i", a doubled letter
    /// is one, an "h" after a final vowel goes, a final "ie", "ee", "ei" or "ea" is "i", and "en", "an", "on" or "in" at
    /// the end after a consonant are "n": "Riley", "Ryley", "Ryleigh" are "rili"; "Kayden", "Kaydn", "Caiden" "kaidn".
    /// </summary>
    private static string VariantKey(string key)
    {
        var k = key.Replace("ph", "f", StringComparison.Ordinal).Replace("ck", "k", StringComparison.Ordinal).Replace('c', 'k')
            .Replace("eigh", "i", StringComparison.Ordinal).Replace("igh", "i", StringComparison.Ordinal).Replace('y', 'i');
        k = k.Length > 3 && k[^1] == 'h' && IsVowel(k[^2]) ? k[..^1] : k;
        k = k.Length > 3 && k[^1] is 'e' or 'i' or 'a' && k[^2] is 'i' or 'e' && !(k[^2] == 'i' && k[^1] == 'a') ? k[..^2] + "i" : k;
        var single = new StringBuilder(k.Length);
        foreach (var c in k)
        {
            if (single.Length == 0 || single[^1] != c)
            {
                single.Append(c);
            }
        }

        k = single.ToString();
        return k.Length > 4 && k[^1] == 'n' && k[^2] is 'a' or 'e' or 'o' or 'i' && !IsVowel(k[^3]) ? k[..^2] + "n" : k;
    }

    private static bool IsDoubleNameWithVariant(string word)
    {
        if (!word.Contains('-', StringComparison.Ordinal))
        {
            return false;
        }

        var parts = Key(word).Split('-');
        return parts.Length is 2 or 3 && parts.All(p => First.Contains(p) || IsFirstNameVariant(p)) && parts.Any(First.Contains)
            && !parts.All(First.Contains);
    }

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u';

    /// <summary>True for a full name that is public and cited as learning ("Arthur Labinjo-Hughes").</summary>
    public static bool IsPublicName(IEnumerable<string> words) =>
        Public.Contains(string.Join(' ', words.Select(Key)));

    /// <summary>True for a shop or brand named after a person ("John Lewis").</summary>
    public static bool IsShopName(IEnumerable<string> words) =>
        Shops.Contains(string.Join(' ', words.Select(Key)));

    /// <summary>The comparison key: lower case, accents and apostrophes removed.</summary>
    public static string Key(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        var decomposed = word.Normalize(NormalizationForm.FormD);
        var key = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark || c is '\'' or '’' or '‘' or '`')
            {
                continue;
            }

            key.Append(c switch
            {
                'ł' or 'Ł' => 'l',
                'ı' => 'i',
                'ø' or 'Ø' => 'o',
                'đ' or 'Đ' => 'd',
                _ => char.ToLowerInvariant(c),
            });
        }

        return key.ToString();
    }

    private static bool Matches(string word, FrozenSet<string> set)
    {
        var key = Key(word);
        return set.Contains(key) || (key.Contains('-', StringComparison.Ordinal) && AllParts(key, set.Contains));
    }

    private static bool AllParts(string word, Func<string, bool> test)
    {
        var parts = Key(word).Split('-', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length > 0 && parts.All(test);
    }

    private static FrozenSet<string> Parse(string table) =>
        table.Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .SelectMany(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(Key)
            .ToFrozenSet(StringComparer.Ordinal);

    private static FrozenSet<string> ParseFullNames(string table) =>
        table.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(n => string.Join(' ', n.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Key)))
            .ToFrozenSet(StringComparer.Ordinal);
}
