namespace WorkshopBot.Common.Privacy;

/// <summary>Names typed with digits for letters: "j4yden", "Ol1via", "5OPHIE".</summary>
public sealed partial class IdentifierScanner
{
    /// <summary>
    /// The names in <paramref name="folded"/> read with its digits as letters (see <see cref="FoldedText.DigitsAsLetters"/>),
    /// each over a word so written: one a rule finds there ("the child j4yden was seen", "5ophie told her teacher"), or such
    /// a word that reads on its own as a first name or surname that is no everyday word ("spoke to j4yden"). Nobody writes
    /// a name that way but to slip it past this check. The findings show the text as typed.
    /// </summary>
    private static IEnumerable<IdentifierFinding> FindNamesTypedWithDigits(string folded)
    {
        var numbered = FindNamesWithNumbers(folded);
        if (FoldedText.DigitsAsLetters(folded) is not { } lettered)
        {
            return numbered;
        }

        var words = TextWord.Split(lettered);
        var written = words.Where(w => !lettered.AsSpan(w.Start, w.Length).SequenceEqual(folded.AsSpan(w.Start, w.Length))).ToList();
        var inWritten = new bool[lettered.Length];
        written.ForEach(w => inWritten.AsSpan(w.Start, w.Length).Fill(true));
        var alone = written.Where(w => w.Base.Length >= 3 && !NameShapes.IsFunctionWord(w) && !NameShapes.IsDomainWord(w)
            && NameGazetteer.IsDistinctName(w.Base)).Select(w => (w.Start, End: w.BaseEnd));
        return NameFinder.Find(lettered, words)
            .Where(n => inWritten.AsSpan(n.Start, n.End - n.Start).Contains(true))
            .Concat(alone)
            .Select(n => Finding(IdentifierKind.PersonName, n.Start, folded[n.Start..n.End], "a person's name"))
            .Concat(numbered);
    }

    /// <summary>
    /// "jayden2", "kayden123", "Olivia2019": a first name or surname of four letters or more that is no everyday word, with
    /// digits after it, as a username or a handle is made. A pseudonym ("Child1", "Boy2", "Twin1") is no such name.
    /// </summary>
    private static IEnumerable<IdentifierFinding> FindNamesWithNumbers(string folded)
    {
        foreach (var word in TextWord.Split(folded))
        {
            var letters = word.Base.TrimEnd("0123456789".ToCharArray());
            if (letters.Length >= 4 && letters.Length < word.Base.Length && letters.All(char.IsLetter)
                && NameGazetteer.IsDistinctName(letters) && !NameShapes.IsDomainWord(word with { Base = letters }))
            {
                yield return Finding(IdentifierKind.PersonName, word.Start, word.Base, "a person's name");
            }
        }
    }
}
