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

    /// <summary>Every first name, as a comparison key (lower case, no accents or apostrophes).</summary>
    public static IReadOnlyCollection<string> FirstNameKeys => First;

    /// <summary>Every surname, as a comparison key (lower case, no accents or apostrophes).</summary>
    public static IReadOnlyCollection<string> SurnameKeys => Last;

    public static bool IsFirstName(string word) => Matches(word, First);

    public static bool IsSurname(string word) => Matches(word, Last);

    /// <summary>True when the word (or, for a hyphenated word, every part of it) is a first name or a surname.</summary>
    public static bool IsName(string word) => IsFirstName(word) || IsSurname(word);

    /// <summary>True when the word is also an everyday English word, month, place or title ("Grace", "Will",
    /// "Brown", "May"); a hyphenated word is everyday only when every part is.</summary>
    public static bool IsEverydayWord(string word) => AllParts(word, p => Words.Contains(p));

    /// <summary>True for a name the gazetteer holds and that is not also an everyday word.</summary>
    public static bool IsDistinctName(string word) => IsName(word) && !IsEverydayWord(word);

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
