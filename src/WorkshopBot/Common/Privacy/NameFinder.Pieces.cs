namespace WorkshopBot.Common.Privacy;

/// <summary>Names broken up inside a word ("Jay.den", "kay_den", "Jay-den") and a first name with an initial ("Aisha K.").</summary>
internal static partial class NameFinder
{
    // A name broken into more pieces than this is spelt out: see SpelledNames.
    private const int MaxBrokenPieces = 3;

    /// <summary>
    /// "Jay.den", "JAY.DEN", "kay_den", "Jay-den": two or three pieces of letters joined by a dot, an underscore or a hyphen
    /// (then of two letters or more each: "web-b" is no "Webb") with no space, that read together are a first name or
    /// surname that is no everyday word, while the pieces are not all names ("Ellie-Mae", "jane.smith" are read by the
    /// other rules). Nobody breaks a word so but to slip a name past the check; "e.g.", "i.e.", "s.17", "co-operate" and
    /// "follow-up" read together are no name. Links and e-mail addresses (a dot or an "@" around the pieces) are left to
    /// <see cref="LinkNames"/>.
    /// </summary>
    private static void BrokenNames(string text, IReadOnlyList<TextWord> words, List<(int Start, int End)> found)
    {
        for (var i = 0; i < words.Count; i++)
        {
            var end = i;
            while (end + 1 < words.Count && end - i + 1 < MaxBrokenPieces && !words[end].Possessive
                   && words[end + 1].Start == words[end].End + 1 && text[words[end].End] is '.' or '_')
            {
                end++;
            }

            // Most words are whole: nothing more is read for them.
            var hyphened = end == i && words[i].Base.Contains('-', StringComparison.Ordinal);
            if (end == i && !hyphened)
            {
                continue;
            }

            var pieces = words.Skip(i).Take(end - i + 1).ToList();
            var joined = string.Concat(pieces.Select(p => p.Base.Replace("-", string.Empty, StringComparison.Ordinal)));
            if ((end > i || words[i].Base.Split('-').All(p => p.Length >= 2)) && joined.Length >= MinSpeltLetters
                && joined.All(char.IsLetter) && IsWholeChunk(text, words[i].Start, words[end].End)
                && !pieces.All(p => p.Base.Split('-').All(NameGazetteer.IsName)) && NameGazetteer.IsDistinctName(joined))
            {
                found.Add((words[i].Start, words[end].BaseEnd));
            }

            i = end;
        }
    }

    /// <summary>Nothing but a space, a bracket, a quote or the end of a sentence either side: not part of a link or an address.</summary>
    private static bool IsWholeChunk(string text, int start, int end) =>
        (start == 0 || char.IsWhiteSpace(text[start - 1]) || text[start - 1] is '(' or '"' or '“' or '‘' or '\'')
        && (end == text.Length || char.IsWhiteSpace(text[end]) || text[end] is ',' or ';' or ':' or '!' or '?' or ')' or '"' or '”' or '’'
            || (text[end] == '.' && (end + 1 == text.Length || char.IsWhiteSpace(text[end + 1]))));

    /// <summary>
    /// "Aisha K.", "Aisha K attended", "AISHA K.", "Jayden R-S", "aisha k.": a first name that is no everyday word with the
    /// initial of a surname after it, as notes shorten a name. Not before the stop of another initial ("Chelsea F.C."), and
    /// in small letters only with its stop and never "a" or "i", which are words.
    /// </summary>
    private static void FirstNameAndInitial(string text, IReadOnlyList<TextWord> words, int i, List<(int, int)> found)
    {
        if (i + 1 >= words.Count)
        {
            return;
        }

        var (name, initial) = (words[i], words[i + 1]);
        if (!IsInitial(initial.Base) || initial.Start != name.End + 1 || text[name.End] != ' ' || name.Possessive || name.HasDigit
            || NameShapes.IsFunctionWord(name) || NameShapes.IsDomainWord(name) || !NameGazetteer.IsFirstName(name.Base)
            || NameGazetteer.IsEverydayWord(name.Base) || NameVocabulary.FirstNamesThatAreWords.Contains(name.Lower))
        {
            return;
        }

        var stop = initial.End < text.Length && text[initial.End] == '.';
        var abbreviation = stop && initial.End + 1 < text.Length && char.IsLetter(text[initial.End + 1]);
        var capital = char.IsUpper(initial.Base[0]);
        var typed = name.IsCapitalised ? capital
            : name.IsAllCaps ? capital && name.Base.Length >= 4
            : IsSmallLetters(name) && name.Base.Length >= 4 && !capital && stop && initial.Base is not ("a" or "i");
        if (typed && !abbreviation)
        {
            found.Add((name.Start, initial.BaseEnd));
        }
    }

    /// <summary>One letter, or two capitals joined by a hyphen, as a double-barrelled surname is shortened ("R-S").</summary>
    private static bool IsInitial(string word) =>
        (word.Length == 1 && char.IsLetter(word[0]))
        || (word.Length == 3 && char.IsUpper(word[0]) && word[1] == '-' && char.IsUpper(word[2]));
}
