using System.Collections.Frozen;

namespace WorkshopBot.Common.Privacy;

/// <summary>
/// "Little Jayden", "young Amelia", "wee Kayden", "lil jayden", "our Kyle": a child called by a pet form, or as a family
/// says "our" before a name in the North. The word is an adjective far more often
/// than a cue ("Little progress", "Young Carers", "Little Acorns Nursery", "Little Miss Sunshine"), so it introduces
/// only a first name from the gazetteer that is not also an everyday word ("Little Hope", "Young Will" are left alone),
/// right after it; an organisation's name ("Little Jayden Nursery") is still an organisation (see NameFrom), and after
/// "in", "at", "to", "from" or "near" a capitalised "Little" starts a place ("moved to Little Stanley").
/// </summary>
internal static partial class NameFinder
{
    private static readonly FrozenSet<string> PetForms =
        new[] { "little", "lil", "young", "wee", "bubba", "our" }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> PlaceCues =
        new[] { "in", "at", "to", "from", "near", "of", "into" }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Whether word <paramref name="i"/> is a pet form right before a first name: "Little Jayden".</summary>
    private static bool IsPetFormCue(string text, IReadOnlyList<TextWord> words, int i)
    {
        if (!PetForms.Contains(words[i].Lower) || words[i].Possessive || i + 1 >= words.Count || !IsSpace(text, words, i)
            || (words[i].IsCapitalised && i > 0 && PlaceCues.Contains(words[i - 1].Lower)))
        {
            return false;
        }

        var name = words[i + 1].Base;
        return NameGazetteer.IsFirstName(name) && !NameGazetteer.IsEverydayWord(name);
    }
}
