namespace WorkshopBot.Common.Privacy;

/// <summary>What comes before an alias cue: a person named just before it, and "known to us as".</summary>
internal static partial class NameFinder
{
    private const int MaxKnownToWords = 3;

    /// <summary>Whether someone is named just before a cue: "her brother, known as ...", "he is known as ...".</summary>
    private static bool PersonBefore(IReadOnlyList<TextWord> words, int cueStart)
    {
        for (var j = cueStart - 1; j >= 0 && j >= cueStart - 4; j--)
        {
            var lower = words[j].Lower;
            if (NameVocabulary.RelationCues.Contains(lower) || lower is "he" or "she" or "him" or "her" or "they" or "who"
                || (words[j].IsCapitalised && NameGazetteer.IsName(words[j].Base)))
            {
                return true;
            }

            if (lower is not ("also" or "was" or "is" or "be" or "being" or "now" or "commonly" or "sometimes" or "often"
                or "locally" or "widely" or "known" or "a" or "k"))
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>
    /// "known to us as jayden", "known to the family as Kayden", "known to school as ...": the index of "as" when at most
    /// three words stand between "known to" and it, or -1.
    /// </summary>
    private static int KnownToAs(IReadOnlyList<TextWord> words, int known)
    {
        for (var j = known + 2; j < words.Count && j <= known + 2 + MaxKnownToWords; j++)
        {
            if (words[j].Lower == "as")
            {
                return j > known + 2 ? j : -1;
            }
        }

        return -1;
    }
}
