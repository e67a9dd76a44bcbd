namespace WorkshopBot.Common.Privacy;

/// <summary>Names typed in a hurry: a possessive without its apostrophe ("jaydens mum", "Kaydens dad").</summary>
internal static partial class NameFinder
{
    /// <summary>
    /// "jaydens mum", "Kaydens dad said": a first name of four letters or more that is no everyday word, with an "s" and
    /// no apostrophe, right before a relation. A surname may end in "s" ("Williams", "Roberts"), so the word itself must
    /// not be a name.
    /// </summary>
    private static void PossessiveWithoutApostrophe(string text, IReadOnlyList<TextWord> words, int i, List<(int, int)> found)
    {
        var word = words[i];
        if (i + 1 >= words.Count || word.Possessive || word.HasDigit || word.Base.Length < 5 || word.Base[^1] is not ('s' or 'S')
            || !IsPlainSpace(Gap(text, words, i)) || !NameVocabulary.RelationCues.Contains(words[i + 1].Lower)
            || NameGazetteer.IsName(word.Base) || NameShapes.IsFunctionWord(word) || NameShapes.IsDomainWord(word))
        {
            return;
        }

        var stem = word.Base[..^1];
        if (NameGazetteer.IsFirstName(stem) && !NameGazetteer.IsEverydayWord(stem)
            && !NameVocabulary.FirstNamesThatAreWords.Contains(stem.ToLowerInvariant()))
        {
            found.Add((word.Start, word.Start + stem.Length));
        }
    }
}
