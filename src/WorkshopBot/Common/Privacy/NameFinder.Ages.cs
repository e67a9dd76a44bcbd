using System.Text.RegularExpressions;

namespace WorkshopBot.Common.Privacy;

/// <summary>A first name followed by an age: "Tom (4)", "Tyrese (15 yrs)", "Jayden (age 10)", "Amelia, 3, was", "Kacper aged 7",
/// "Jayden 10yo".</summary>
internal static partial class NameFinder
{
    private const int AgeRegexTimeoutMs = 1000;
    private const string AgeUnit = @"(?:\s*(?:y|yrs?|years?|yo|y/o|m|mths?|months?|wks?|weeks?)(?:\s+old)?)?";

    /// <summary>A gazetteer first name with an age right after it, in brackets, set off by commas or after "aged". In
    /// brackets any first name counts ("Grace (4)"); otherwise only one that is not also an everyday word, so "Will, 4,"
    /// is left alone. Earlier capitalised names join it ("Amelia Rose (4)"), and so does an initial after it ("Tom S (4)").
/// </summary>
    private static void NameBeforeAge(string text, IReadOnlyList<TextWord> words, int i, List<(int, int)> found)
    {
        // "Tom S (4)", "Tom S. (4)": the initial of a surname after the first name.
        var initial = words[i].IsSingleLetter && char.IsUpper(words[i].Base[0]) && i > 0 && IsSpace(text, words, i - 1);
        var end = words[i];
        i = initial ? i - 1 : i;
        var word = words[i];
        if (word.Possessive || NameShapes.IsFunctionWord(word) || NameShapes.IsDomainWord(word)
            || !(word.IsCapitalised && NameGazetteer.IsFirstName(word.Base)
                 || (word.IsAllCaps || IsSmallLetters(word)) && word.Base.Length >= 3 && NameGazetteer.IsDistinctName(word.Base))
            || word.Lower is "april" or "may" or "june" or "august" || (i > 0 && words[i - 1].Lower is "st" or "saint"))
        {
            return;
        }

        var after = text.AsSpan(end.BaseEnd);
        var bracketed = BracketedAgePattern().IsMatch(after);
        // A name that is also a word ("Grace", "Summer") needs a verb of a person after the age: "Grace, 7, was seen".
        if (!bracketed && !(NameGazetteer.IsDistinctName(word.Base) ? SetOffAgePattern() : SetOffAgeThenVerbPattern()).IsMatch(after))
        {
            return;
        }

        var start = i;
        while (start > 0 && i - start < 2 && words[start - 1].IsCapitalised == word.IsCapitalised
               && Gap(text, words, start - 1) == " " && !NameShapes.IsFunctionWord(words[start - 1])
               && !NameShapes.IsDomainWord(words[start - 1]) && NameGazetteer.IsName(words[start - 1].Base))
        {
            start--;
        }

        found.Add((words[start].Start, end.BaseEnd));
    }

    [GeneratedRegex(@"^\.?\s?\(\s*(?:aged?:?\s*)?\d{1,2}" + AgeUnit + @"\s*\)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant,
        AgeRegexTimeoutMs)]
    private static partial Regex BracketedAgePattern();

    [GeneratedRegex(@"^(?:,\s?\d{1,2}" + AgeUnit + @"\s?(?:[,;)]|\.(?!\d)|$)|,?\s+(?:aged?|age:)\s*\d{1,2}\b"
        + @"|\s+\d{1,2}\s?(?:yo|y/o|yrs?\s+old|years?\s+old)\b)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, AgeRegexTimeoutMs)]
    private static partial Regex SetOffAgePattern();

    [GeneratedRegex(@"^(?:,\s?\d{1,2}" + AgeUnit + @"\s?,|,?\s+aged?\s*\d{1,2}" + AgeUnit + @",?)\s+(?:said|told|was|is|has|had"
        + @"|disclosed|reported|attended|stated|presented|missed|did|lived)\b", RegexOptions.CultureInvariant, AgeRegexTimeoutMs)]
    private static partial Regex SetOffAgeThenVerbPattern();
}
