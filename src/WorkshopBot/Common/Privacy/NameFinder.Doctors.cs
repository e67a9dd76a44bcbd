namespace WorkshopBot.Common.Privacy;

/// <summary>A doctor named by the title: "Dr Patel", "Dr. O'Neill", "seen by dr patel".</summary>
internal static partial class NameFinder
{
    /// <summary>
    /// "Dr" or "Dr." right before a name is read as "Mr" and "Mrs" are (see <see cref="CueAt"/>), but more strictly,
    /// since audit notes also write "Dr" before a role or a document: only a space or a full stop may stand between
    /// them ("Dr (GP)" names a role), and a role, agency or document word is no name ("Dr Consultant", "Dr Letter").
    /// After a house number and a capitalised word it is a drive ("5 Mill Dr").
    /// </summary>
    private static void DoctorName(string text, IReadOnlyList<TextWord> words, int i, List<(int, int)> found)
    {
        var title = words[i];
        if (title.Lower != "dr" || title.Possessive || i + 1 >= words.Count || !IsTitleGap(Gap(text, words, i))
            || (i >= 2 && words[i - 2].HasDigit && words[i - 1].IsCapitalised))
        {
            return;
        }

        var name = words[i + 1];
        if (NameShapes.IsDomainWord(name) || NameVocabulary.DoctorNotes.Contains(name.Lower))
        {
            return;
        }

        var end = NameFrom(text, words, i + 1, Cue.Title, personBefore: false);
        if (end >= 0)
        {
            found.Add((name.Start, words[end].BaseEnd));
        }
    }

    /// <summary>Spaces or tabs, with a full stop before them or not, or a full stop alone ("Dr.Patel").</summary>
    private static bool IsTitleGap(string gap)
    {
        var rest = gap.StartsWith('.') ? gap[1..] : gap;
        return (rest.Length > 0 || gap.Length == 1) && rest.All(c => c is ' ' or '\t');
    }
}
