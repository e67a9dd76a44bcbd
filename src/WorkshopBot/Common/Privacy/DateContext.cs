using System.Text.RegularExpressions;

namespace WorkshopBot.Common.Privacy;

/// <summary>What stands around a date: the clause it sits in, and whether a person or an age is next to it.</summary>
internal static partial class DateContext
{
    private const int RegexTimeoutMs = 1000;

    /// <summary>Where the clause holding <paramref name="index"/> starts, looking back at most
    /// <paramref name="maxBack"/> characters: after a line break, ; ! ? or a full stop that ends a word.</summary>
    public static int ClauseStart(string text, int index, int maxBack)
    {
        var limit = Math.Max(0, index - maxBack);
        for (var i = index - 1; i >= limit; i--)
        {
            if (IsBreak(text, i))
            {
                return i + 1;
            }
        }

        return limit;
    }

    /// <summary>Where the clause holding <paramref name="index"/> ends, looking ahead at most
    /// <paramref name="maxAhead"/> characters.</summary>
    public static int ClauseEnd(string text, int index, int maxAhead)
    {
        var limit = Math.Min(text.Length, index + maxAhead);
        for (var i = index; i < limit; i++)
        {
            if (IsBreak(text, i))
            {
                return i;
            }
        }

        return limit;
    }

    /// <summary>True when an age or a relation in brackets follows the date: "12/05/2016 (8 years)",
    /// "02.03.1988 (mother)".</summary>
    public static bool IsFollowedByPerson(string text, int end) =>
        AgeAfter().IsMatch(text, end) || RelationInBracketsAfter().IsMatch(text, end);

    /// <summary>
    /// True when the date starting at <paramref name="start"/> is written right after a person or an age: a name
    /// ("Ellie-Mae Thornton 12.03.2019", "Tyler, 17/08/2016"), a pseudonym ("Baby C (3.4.24)", "YP1 (19/04/2007)",
    /// "Child H, 6, 20/07/2017"), a relation set off by a comma or a bracket ("The child (14/09/2019)"), or an age
    /// ("aged 4, 12/05/2020", "11 months, 08/05/2023"). Weeks are left out: "at 34 weeks" is a pregnancy.
    /// </summary>
    public static bool IsAfterPerson(
        string text, IReadOnlyList<TextWord> words, IReadOnlySet<int> nameEnds, int start)
    {
        var p = EventWords.LastWordEndingBy(words, start);
        if (p < 0 || !IsSeparator(text[words[p].End..start]))
        {
            return false;
        }

        var set = text[words[p].End..start].Any(c => c is ',' or '(' or ':' or '-' or '–');
        if (IsAgeEndingAt(words, p))
        {
            return true;
        }

        // "Child H, 6, 20/07/2017": a bare number between a pseudonym and the date is an age.
        if (IsSmallNumber(words[p]) && p > 0 && IsSeparator(text[words[p - 1].End..words[p].Start])
            && IsPersonAt(words, nameEnds, p - 1, true))
        {
            return true;
        }

        return IsPersonAt(words, nameEnds, p, set);
    }

    /// <summary>True when the date comes right after an agency or worker, as in a chronology: "GP 12/03/2024".</summary>
    public static bool IsAfterAgency(string text, IReadOnlyList<TextWord> words, int start)
    {
        var p = EventWords.LastWordEndingBy(words, start);
        return p >= 0 && IsSeparator(text[words[p].End..start]) && EventWords.IsAgency(words[p].Lower);
    }

    /// <summary>
    /// True when the table cell [<paramref name="start"/>, <paramref name="end"/>) ends with a person and holds no event
    /// word: a name ("Tyler"), a relation ("Baby", "Mother") or a pseudonym led by one ("Child A", "Sibling 2"). A case
    /// code alone ("C2", "Q1") is not enough in a cell, nor a plural ("Parents", "Children"): they head rows of counts
    /// ("| Q1 | 12 | 10 | 15 |", "| Parents | 12 | 10 | 15 |").
    /// </summary>
    public static bool IsPersonCell(IReadOnlyList<TextWord> words, IReadOnlySet<int> nameEnds, int start, int end)
    {
        var p = EventWords.LastWordEndingBy(words, end);
        if (p < 0 || words[p].Start < start || EventWords.LastEventEnd(words, start, end) >= 0 || IsPlural(words[p].Lower))
        {
            return false;
        }

        var ledByRelation = p > 0 && words[p - 1].Start >= start && NameVocabulary.RelationCues.Contains(words[p - 1].Lower);
        return (ledByRelation || !PseudonymCode().IsMatch(words[p].Base)) && IsPersonAt(words, nameEnds, p, setOff: true);
    }

    /// <summary>True for a pseudonymous case code: "C2", "YP1", "S3", "CH12".</summary>
    public static bool IsPseudonymCode(string word) => PseudonymCode().IsMatch(word);

    private static bool IsPersonAt(IReadOnlyList<TextWord> words, IReadOnlySet<int> nameEnds, int p, bool setOff)
    {
        var word = words[p];
        if (nameEnds.Contains(word.BaseEnd))
        {
            return true;
        }

        if (word.Possessive)
        {
            return false;
        }

        if (word.IsCapitalised && NameGazetteer.IsName(word.Base) && !NameShapes.IsFunctionWord(word)
            && !NameShapes.IsDomainWord(word))
        {
            return true;
        }

        if (PseudonymCode().IsMatch(word.Base))
        {
            return true;
        }

        var previous = p > 0 ? words[p - 1].Lower : string.Empty;
        if ((word.IsSingleLetter && char.IsUpper(word.Base[0]) || IsSmallNumber(word) || (word.IsAllCaps && word.Base.Length <= 3))
            && NameVocabulary.RelationCues.Contains(previous))
        {
            return true;
        }

        return setOff && NameVocabulary.RelationCues.Contains(word.Lower);
    }

    private static bool IsPlural(string lower) =>
        lower is "children" or "babies"
        || (lower.Length > 2 && lower[^1] == 's' && NameVocabulary.RelationCues.Contains(lower[..^1]));

    private static bool IsAgeEndingAt(IReadOnlyList<TextWord> words, int p)
    {
        var lower = words[p].Lower;
        if (IsSmallNumber(words[p]))
        {
            return p > 0 && words[p - 1].Lower is "aged" or "age";
        }

        if (lower is "old" && p > 1)
        {
            return words[p - 1].Lower is "years" or "year" or "months" or "month" && IsSmallNumber(words[p - 2]);
        }

        return lower is "years" or "year" or "yrs" or "yr" or "months" or "month" or "mths"
            && p > 0 && IsSmallNumber(words[p - 1]);
    }

    private static bool IsSmallNumber(TextWord word) => word.Base.Length <= 2 && word.Base.All(char.IsAsciiDigit);

    private static bool IsSeparator(string gap) =>
        gap.Length <= 4 && gap.All(c => c is ' ' or '\t' or ',' or ':' or '(' or '-' or '–' or '—');

    private static bool IsBreak(string text, int i) => text[i] switch
    {
        '\n' or ';' or '!' or '?' => true,
        '.' => i + 1 < text.Length && char.IsWhiteSpace(text[i + 1]) && i >= 3
            && char.IsLetter(text[i - 1]) && char.IsLetter(text[i - 2]) && char.IsLetter(text[i - 3]),
        _ => false,
    };

    [GeneratedRegex(@"\G[\s,]*[(\-–]?\s*(?:aged?\s+\d{1,2}\b|\d{1,2}\s*(?:years?|yrs?|months?|mths?)\b)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, RegexTimeoutMs)]
    private static partial Regex AgeAfter();

    [GeneratedRegex(@"\G\s*\((?:child|mother|father|mum|dad|baby|sibling|brother|sister|son|daughter|partner|stepfather"
        + @"|stepmother|carer|grandmother|grandfather|aunt|uncle|young person|yp)\)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, RegexTimeoutMs)]
    private static partial Regex RelationInBracketsAfter();

    // Pseudonymous case codes: C2, YP1, S3, CH12.
    [GeneratedRegex(@"^[A-Z]{1,3}\d{1,2}$", RegexOptions.CultureInvariant, RegexTimeoutMs)]
    private static partial Regex PseudonymCode();
}
