using System.Collections.Frozen;

namespace WorkshopBot.Common.Privacy;

/// <summary>
/// A first name typed in capitals among words in small letters, with no cue before it: "JAYDEN attended A&amp;E",
/// "RYLEY-MAE was seen by the health visitor". Practitioners write acronyms (CSC, MASH, LADO, CAMHS, EHCP) and emphasis
/// (NOT, URGENT, NFA) in capitals too, so only a word that reads as a given name counts: a gazetteer first name, or another
/// spelling of one ("RYLEY", see <see cref="NameGazetteer.IsFirstNameVariant"/>), that is not also an everyday word,
/// agency, role or tool, of four letters or more (a double name of six letters or more, "AMY-LEE", "RYLEY-MAE"), and not
/// an acronym spelt as a name ("ELSA", an emotional literacy support assistant; "ERIC", the continence charity; "SARA",
/// the spousal assault risk assessment); and the sentence must make it a person: a verb of a person in small letters after
/// it ("JAYDEN said", "RYLEY-MAE was seen", "JAYDEN cried", "KAYDEN went quiet"), or in small letters before it a verb
/// of seeing or asking or "with" ("saw JAYDEN", "visited KAYDEN", "seen with JAYDEN"), a verb of speaking and "to"
/// ("spoke to JAYDEN"), or a relation and "and" ("mum and JAYDEN"), or a relation after "and" ("JAYDEN and mum"). Not
/// after "the", "a", "our" and the like ("the ELSA said"), nor after "St". Names of two or three letters in capitals
/// ("ALI", "MIA", "SAM", "KAI") are as often acronyms, so only a relation and "and" makes them a person ("mum and KAI",
/// "KAI and dad"); the rules for a possessive before a relation and for an age read them too ("MIA's mum", "KAI (aged
/// 3)"). A note typed wholly in capitals is read by <see cref="SmallFirstName"/> (<see cref="IsInANoteInCapitals"/>).
/// </summary>
internal static partial class NameFinder
{
    // Acronyms of safeguarding practice spelt as a gazetteer first name.
    private static readonly FrozenSet<string> AcronymsSpeltAsNames = new[]
    {
        "elsa", "eric", "sara",
    }.ToFrozenSet(StringComparer.Ordinal);

    // Words before an acronym that make it a thing or a role: "the ELSA said", "our ELSA". Not "that", far more often the
    // start of what someone said ("school said that JAYDEN was hungry") than a word pointing at a thing.
    /// <summary>
    /// The UK's laws and schemes known by the first name of the person they are named after, as written in capitals
    /// before "law" ("CLARE'S LAW"): the disclosure schemes, and laws on children, families and housing that safeguarding
    /// notes cite. Any other first name before "law" is read as a name like anywhere else.
    /// </summary>
    private static readonly FrozenSet<string> LawsNamedAfterAPerson = new[]
    {
        "clare", "sarah", "helen", "jade", "awaab", "harper", "martyn", "natasha", "owen", "zach", "finn", "lucy", "tony",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> Determiners = new[]
    {
        "the", "a", "an", "our", "their", "his", "her", "my", "your", "this", "its", "each", "every", "any", "no",
        "st", "saint",
    }.ToFrozenSet(StringComparer.Ordinal);

    // Verbs in small letters before a first name in capitals that make it the person something was done to.
    private static readonly FrozenSet<string> CapitalNameObjectCues = new[]
    {
        "saw", "seen", "met", "told", "asked", "visited", "collected", "with",
    }.ToFrozenSet(StringComparer.Ordinal);

    // Verbs in small letters after a first name in capitals, besides the subject verbs and the past tenses in "-ed", that
    // make it a person: "KAYDEN went quiet", "JAYDEN says".
    private static readonly FrozenSet<string> CapitalNameSubjectVerbs = new[]
    {
        "went", "came", "ran", "left", "got", "gave", "took", "felt", "spoke", "wrote", "sat", "slept", "ate", "hid", "fell",
        "made", "knew", "thought", "became", "began", "kept", "stood", "says", "tells", "wants", "seems", "likes", "loves",
        "hates", "lives", "goes", "gets", "cries", "would", "could", "does", "doesn't", "didn't", "wasn't", "isn't",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>"JAYDEN attended A&amp;E", "saw KAYDEN at home", "mum and RYLEY-MAE": see the summary of this file.</summary>
    private static void NameInCapitals(string text, IReadOnlyList<TextWord> words, int i, List<(int, int)> found)
    {
        var word = words[i];
        var shortName = IsShortFirstNameInCapitals(word);
        if (!shortName && !IsFirstNameInCapitals(word))
        {
            return;
        }

        var before = i > 0 && IsPlainSpace(Gap(text, words, i - 1)) ? words[i - 1] : null;
        if (before is not null && Determiners.Contains(before.Lower))
        {
            return;
        }

        var after = i + 1 < words.Count && IsPlainSpace(Gap(text, words, i)) ? words[i + 1] : null;
        if (word.Possessive && after is { Lower: "law" or "laws" } && LawsNamedAfterAPerson.Contains(word.Lower))
        {
            // "helped with CLARE'S LAW", "a SARAH'S LAW disclosure": a disclosure scheme named after someone, not a person.
            // Only the laws known by a first name: "with JAYDEN'S LAW homework" is still a child's name.
            return;
        }

        var beforeBefore = before is not null && i > 1 && IsPlainSpace(Gap(text, words, i - 2)) ? words[i - 2] : null;
        var relationBefore = before is { Lower: "and" or "&" } && beforeBefore is not null && !beforeBefore.IsAllCaps
            && !beforeBefore.Possessive && NameVocabulary.RelationCues.Contains(beforeBefore.Lower);
        var relationAfter = !word.Possessive && after is { Lower: "and" or "&" } && i + 2 < words.Count
            && IsPlainSpace(Gap(text, words, i + 1)) && !words[i + 2].IsAllCaps
            && NameVocabulary.RelationCues.Contains(words[i + 2].Lower);
        if (shortName)
        {
            if (relationBefore || relationAfter)
            {
                found.Add((word.Start, word.BaseEnd));
            }

            return;
        }

        var subject = !word.Possessive && after is not null && IsSmallLetters(after) && IsVerbOfAPerson(after.Base);
        var objectOf = before is not null && IsSmallLetters(before) && CapitalNameObjectCues.Contains(before.Base);
        var spokenTo = before is { Base: "to" } && beforeBefore is not null && IsSmallLetters(beforeBefore)
            && SpeakingVerbs.Contains(beforeBefore.Base);
        if (subject || objectOf || spokenTo || relationBefore || relationAfter)
        {
            found.Add((word.Start, word.BaseEnd));
        }
    }

    // "said", "went", "cried", "refused": a verb whose subject is a person.
    private static bool IsVerbOfAPerson(string verb) =>
        SubjectVerbs.Contains(verb) || CapitalNameSubjectVerbs.Contains(verb)
        || (verb.Length >= 5 && verb.EndsWith("ed", StringComparison.Ordinal) && verb.All(char.IsAsciiLetterLower));

    private static bool IsFirstNameInCapitals(TextWord word)
    {
        if (!IsNameInCapitalsShape(word) || !(NameGazetteer.IsFirstName(word.Base) || NameGazetteer.IsFirstNameVariant(word.Base)))
        {
            return false;
        }

        var letters = word.Base.Count(char.IsLetter);
        return word.Base.Contains('-', StringComparison.Ordinal) ? letters >= 6 : letters >= 4;
    }

    // "KAI", "MIA", "ALI": a first name of two or three letters in capitals, with no hyphen.
    private static bool IsShortFirstNameInCapitals(TextWord word) =>
        word.Base.Length is 2 or 3 && word.Base.All(char.IsAsciiLetterUpper) && IsNameInCapitalsShape(word)
        && NameGazetteer.IsFirstName(word.Base);

    private static bool IsNameInCapitalsShape(TextWord word) =>
        word.IsAllCaps && !word.HasDigit && !NameShapes.IsFunctionWord(word) && !NameShapes.IsDomainWord(word)
        && !AcronymsSpeltAsNames.Contains(word.Lower) && !NameGazetteer.IsEverydayWord(word.Base);
}
