using System.Collections.Frozen;

namespace WorkshopBot.Common.Privacy;

/// <summary>
/// A first name typed in capitals among words in small letters, with no cue before it: "JAYDEN attended A&amp;E",
/// "RYLEY-MAE was seen by the health visitor". Practitioners write acronyms (CSC, MASH, LADO, CAMHS, EHCP) and emphasis
/// (NOT, URGENT, NFA) in capitals too, so only a word that reads as a given name counts: a gazetteer first name that is
/// not also an everyday word, agency, role or tool, of four letters or more (a double name of six letters or more,
/// "AMY-LEE", "RYLEY-MAE"; three letters in capitals are as often an acronym: "ALI", "MIA", "SAM"), and not an acronym
/// spelt as a name ("ELSA", an emotional literacy support assistant; "ERIC", the continence charity); and the sentence
/// must make it a person: a verb of a person in small letters after it ("JAYDEN said", "RYLEY-MAE was seen"), or in
/// small letters before it a verb of seeing or asking ("saw JAYDEN", "visited KAYDEN"), a verb of speaking and "to"
/// ("spoke to JAYDEN"), or a relation and "and" ("mum and JAYDEN"), or a relation after "and" ("JAYDEN and mum"). Not
/// after "the", "a", "our" and the like ("the ELSA said"), nor after "St". A note typed wholly in capitals is read by
/// <see cref="SmallFirstName"/> (<see cref="IsInANoteInCapitals"/>).
/// </summary>
internal static partial class NameFinder
{
    // Acronyms of safeguarding practice spelt as a gazetteer first name.
    private static readonly FrozenSet<string> AcronymsSpeltAsNames = new[]
    {
        "elsa", "eric",
    }.ToFrozenSet(StringComparer.Ordinal);

    // Words before an acronym that make it a thing or a role: "the ELSA said", "our ELSA".
    private static readonly FrozenSet<string> Determiners = new[]
    {
        "the", "a", "an", "our", "their", "his", "her", "my", "your", "this", "that", "its", "each", "every", "any", "no",
        "st", "saint",
    }.ToFrozenSet(StringComparer.Ordinal);

    // Verbs in small letters before a first name in capitals that make it the person something was done to.
    private static readonly FrozenSet<string> CapitalNameObjectCues = new[]
    {
        "saw", "seen", "met", "told", "asked", "visited", "collected",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>"JAYDEN attended A&amp;E", "saw KAYDEN at home", "mum and RYLEY-MAE": see the summary of this file.</summary>
    private static void NameInCapitals(string text, IReadOnlyList<TextWord> words, int i, List<(int, int)> found)
    {
        var word = words[i];
        if (!IsFirstNameInCapitals(word))
        {
            return;
        }

        var before = i > 0 && IsPlainSpace(Gap(text, words, i - 1)) ? words[i - 1] : null;
        if (before is not null && Determiners.Contains(before.Lower))
        {
            return;
        }

        var after = i + 1 < words.Count && IsPlainSpace(Gap(text, words, i)) ? words[i + 1] : null;
        var beforeBefore = before is not null && i > 1 && IsPlainSpace(Gap(text, words, i - 2)) ? words[i - 2] : null;
        var subject = !word.Possessive && after is not null && IsSmallLetters(after) && SubjectVerbs.Contains(after.Base);
        var objectOf = before is not null && IsSmallLetters(before) && CapitalNameObjectCues.Contains(before.Base);
        var spokenTo = before is { Base: "to" } && beforeBefore is not null && IsSmallLetters(beforeBefore)
            && SpeakingVerbs.Contains(beforeBefore.Base);
        var relationBefore = before is { Lower: "and" or "&" } && beforeBefore is not null && !beforeBefore.IsAllCaps
            && !beforeBefore.Possessive && NameVocabulary.RelationCues.Contains(beforeBefore.Lower);
        var relationAfter = !word.Possessive && after is { Lower: "and" or "&" } && i + 2 < words.Count
            && IsPlainSpace(Gap(text, words, i + 1)) && !words[i + 2].IsAllCaps
            && NameVocabulary.RelationCues.Contains(words[i + 2].Lower);
        if (subject || objectOf || spokenTo || relationBefore || relationAfter)
        {
            found.Add((word.Start, word.BaseEnd));
        }
    }

    private static bool IsFirstNameInCapitals(TextWord word)
    {
        if (!word.IsAllCaps || word.HasDigit || NameShapes.IsFunctionWord(word) || NameShapes.IsDomainWord(word)
            || AcronymsSpeltAsNames.Contains(word.Lower) || !NameGazetteer.IsFirstName(word.Base)
            || NameGazetteer.IsEverydayWord(word.Base))
        {
            return false;
        }

        var letters = word.Base.Count(char.IsLetter);
        return word.Base.Contains('-', StringComparison.Ordinal) ? letters >= 6 : letters >= 4;
    }
}
