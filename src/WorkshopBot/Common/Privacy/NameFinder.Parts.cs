namespace WorkshopBot.Common.Privacy;

/// <summary>The parts of a joined word or a link that are names, and the runs of them joined together.</summary>
internal static partial class NameFinder
{
    /// <summary>Whether one part of a joined word or a link is a name: a distinct one ("jane", not "will") when
    /// typed in small letters, and never a function, agency or role word.</summary>
    private static bool IsNamePart(TextWord part, bool typedSmall) =>
        !part.HasDigit && !NameShapes.IsFunctionWord(part) && !NameShapes.IsDomainWord(part)
        && (typedSmall ? NameGazetteer.IsDistinctName(part.Base)
            : NameGazetteer.IsName(part.Base) || NameShapes.IsSurnameShape(part.Base));

    /// <summary>Whether the part of a joined word starting at <paramref name="at"/> is read with a capital: it has one,
    /// or its small letters are a name in the gazetteer ("jane" of "jane.smith") or the head of an organisation
    /// ("school" of "ellen_wilkinson_school"), but not a report or a review, which is about the person.</summary>
    private static bool IsCapitalisedAt(string text, int at)
    {
        var end = at;
        while (end < text.Length && char.IsLower(text[end]))
        {
            end++;
        }

        var part = text[at..end];
        return end == at || NameGazetteer.IsName(part)
            || (NameVocabulary.InstitutionHeads.Contains(part) && !DocumentWords.Contains(part));
    }

    /// <summary>For each word of the reading, the first and last word of the run of name parts joined to it in one
    /// word of the text ("Jane", "Smith" and "Jones" in "JaneSmithJones"), or the word itself.</summary>
    private static (int First, int Last)[] Runs(string text, List<(int Start, int End)> chunks, List<TextWord> words, int[] map)
    {
        // A part is joined to the one before when nothing, or one dot or underscore, stands between them.
        var joined = new bool[words.Count + 1];
        var previousIsPart = false;
        for (var i = 0; i < words.Count; i++)
        {
            var at = map[words[i].Start];
            var part = InChunk(chunks, at) && IsNamePart(words[i], char.IsLower(text[at]));
            var gap = i > 0 ? at - map[words[i - 1].End - 1] : 0;
            joined[i] = part && previousIsPart && !words[i - 1].Possessive
                && (gap == 1 || (gap == 2 && text[at - 1] is '.' or '_'));
            previousIsPart = part;
        }

        var runs = new (int First, int Last)[words.Count];
        for (var i = 0; i < words.Count; i++)
        {
            runs[i].First = joined[i] ? runs[i - 1].First : i;
        }

        for (var i = words.Count - 1; i >= 0; i--)
        {
            runs[i].Last = joined[i + 1] ? runs[i + 1].Last : i;
        }

        return runs;
    }

    /// <summary>A name found in the reading, widened to the whole run of name parts joined to its first and last
    /// word: "JaneSmithJones" reads "Jane Smith Jones", where the rules find "Jane Smith".</summary>
    private static (int Start, int End) Widen(List<TextWord> words, (int First, int Last)[] runs, (int Start, int End) name)
    {
        var (first, last) = (LastStartingBy(words, name.Start), LastStartingBy(words, name.End - 1));
        return (words[runs[first].First].Start, runs[last].Last == last ? name.End : words[runs[last].Last].BaseEnd);
    }
}
