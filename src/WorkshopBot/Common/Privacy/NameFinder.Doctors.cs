namespace WorkshopBot.Common.Privacy;

/// <summary>A doctor named by the title: "Dr Patel", "Dr. O'Neill", "seen by dr patel", "Drs Patel and Khan"; and the
/// people a plural title lists: "Messrs Smith and Jones".</summary>
internal static partial class NameFinder
{
    /// <summary>
    /// "Dr" or "Dr." right before a name is read as "Mr" and "Mrs" are (see <see cref="CueAt"/>), but more strictly,
    /// since audit notes also write "Dr" before a role or a document: only a space or a full stop may stand between
    /// them ("Dr (GP)" names a role), and a role, agency or document word is no name ("Dr Consultant", "Dr Letter"),
    /// nor a brand named like a doctor ("Dr Martens", see <see cref="NameVocabulary.DoctorBrands"/>).
    /// After a house number and a capitalised word it is a drive ("5 Mill Dr"). "Drs" names each doctor of a list:
    /// "Drs Patel and Khan", "Drs Patel, Okafor &amp; Khan"; so do the other plural titles, "Messrs Smith and Jones",
    /// "Mmes Kaur &amp; Begum" (see <see cref="NameVocabulary.PluralTitles"/>).
    /// </summary>
    private static void DoctorName(string text, IReadOnlyList<TextWord> words, int i, List<(int, int)> found)
    {
        var title = words[i];
        var plural = title.Lower == "drs" || NameVocabulary.PluralTitles.Contains(title.Lower);
        if ((title.Lower != "dr" && !plural) || title.Possessive || i + 1 >= words.Count || !IsTitleGap(Gap(text, words, i))
            || (title.Lower == "dr" && i >= 2 && words[i - 2].HasDigit && words[i - 1].IsCapitalised))
        {
            return;
        }

        var name = words[i + 1];
        if (NameShapes.IsDomainWord(name) || NameVocabulary.DoctorNotes.Contains(name.Lower)
            || (title.Lower == "dr" && NameVocabulary.DoctorBrands.Contains(name.Lower)))
        {
            return;
        }

        for (var (at, listed) = (i + 1, 0); at < words.Count && listed < MaxListedNames; listed++)
        {
            var end = NameFrom(text, words, at, Cue.Title, personBefore: false);
            if (end < 0)
            {
                return;
            }

            found.Add((words[at].Start, words[end].BaseEnd));
            at = plural ? NextListed(text, words, end) : -1;
            if (at < 0)
            {
                return;
            }
        }
    }

    /// <summary>The first word of the next name of a list ("Patel, Okafor and Khan"), or -1.</summary>
    private static int NextListed(string text, IReadOnlyList<TextWord> words, int end)
    {
        if (end + 1 >= words.Count || words[end].Possessive)
        {
            return -1;
        }

        var gap = Gap(text, words, end).Trim();
        return gap is "," or "&" ? end + 1
            : gap.Length == 0 && words[end + 1].Lower == "and" && end + 2 < words.Count && IsSpace(text, words, end + 1) ? end + 2
            : -1;
    }

    /// <summary>Spaces or tabs, with a full stop before them or not, or a full stop alone ("Dr.Patel").</summary>
    private static bool IsTitleGap(string gap)
    {
        var rest = gap.StartsWith('.') ? gap[1..] : gap;
        return (rest.Length > 0 || gap.Length == 1) && rest.All(c => c is ' ' or '\t');
    }
}
