using System.Collections.Frozen;

namespace WorkshopBot.Common.Privacy;

/// <summary>
/// A first name without a cue before it, where the sentence still shows it is a person: as the subject of a verb that
/// reports what a person did or what was done to them ("Jayden told his teacher", "Hodan was seen by the GP"), after a
/// relation and "and" ("saw mum and Jayden"), or beside a case reference ("C1 (Ayesha)", "Child 1 Ayesha", "Case 1:
/// Ayesha"). Only a gazetteer first name that is not also an everyday word counts ("Grace was", "Summer was" are left
/// alone), and only capitalised, as a name is written. Measured on the published audits and the corpus, such a name
/// before these verbs is always a person, so it is flagged, and may be confirmed.
/// </summary>
internal static partial class NameFinder
{
    // Verbs that follow a person as the subject of a sentence in audit notes.
    private static readonly FrozenSet<string> SubjectVerbs = new[]
    {
        "said", "told", "was", "is", "has", "had", "disclosed", "reported", "attended", "stated", "presented", "missed",
        "did", "lived",
    }.ToFrozenSet(StringComparer.Ordinal);

    // Words that with a number or a capital letter make a case reference: "Child 1", "Case 2", "Sibling B".
    private static readonly FrozenSet<string> ReferenceWords = new[]
    {
        "child", "case", "sibling", "baby", "yp",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The rules of this file and its neighbours for a name with no cue word before it.</summary>
    private static void NamesWithoutCue(string text, IReadOnlyList<TextWord> words, int i, List<(int, int)> found)
    {
        NameAsSubject(text, words, i, found);
        NameAfterRelationAnd(text, words, i, found);
        NameAfterCaseReference(text, words, i, found);
        InitialAndSurnameAsSubject(text, words, i, found);
        NameBeforeApposition(text, words, i, found);
        SmallFirstName(text, words, i, found);
        PossessiveWithoutApostrophe(text, words, i, found);
        FirstNameAndInitial(text, words, i, found);
        NameInCapitals(text, words, i, found);
    }

    /// <summary>"Jayden told his teacher", "Ella-Rose was seen", "Then Mohammed was not brought".</summary>
    private static void NameAsSubject(string text, IReadOnlyList<TextWord> words, int i, List<(int, int)> found)
    {
        var word = words[i];
        if (i + 1 >= words.Count || !IsDistinctFirstName(word) || !SubjectVerbs.Contains(words[i + 1].Base)
            || !IsPlainSpace(Gap(text, words, i)))
        {
            return;
        }

        // "St Mary", "the Alexandra" (a hospital), "Queen Elizabeth", "Royal Alexandra": a place or an organisation.
        // Another capitalised word right before is read as part of the same name only when it is a name itself.
        var start = i;
        if (i > 0)
        {
            var before = words[i - 1];
            var joined = IsPlainSpace(Gap(text, words, i - 1));
            if (before.Lower is "st" or "saint" || (joined && before.Lower == "the"))
            {
                return;
            }

            if (joined && before.IsCapitalised && !NameShapes.IsFunctionWord(before))
            {
                if (before.Possessive || NameShapes.IsDomainWord(before) || !NameGazetteer.IsName(before.Base)
                    || (i > 1 && words[i - 2].Lower is "st" or "saint" or "the"))
                {
                    return;
                }

                // "Ella Mae was" is one name; "Little Jayden was" is a pet form and a name.
                start = NameGazetteer.IsEverydayWord(before.Base) ? i : i - 1;
            }
        }

        found.Add((words[start].Start, word.BaseEnd));
    }

    /// <summary>"The HV saw mum and Jayden": a first name joined by "and" to a relation.</summary>
    private static void NameAfterRelationAnd(string text, IReadOnlyList<TextWord> words, int i, List<(int, int)> found)
    {
        if (i + 2 >= words.Count || words[i].Possessive || !NameVocabulary.RelationCues.Contains(words[i].Lower)
            || words[i + 1].Lower is not ("and" or "&") || !IsPlainSpace(Gap(text, words, i))
            || !IsPlainSpace(Gap(text, words, i + 1)) || !IsDistinctFirstName(words[i + 2]))
        {
            return;
        }

        var end = NameFrom(text, words, i + 2, Cue.Naming, personBefore: false);
        if (end >= 0)
        {
            found.Add((words[i + 2].Start, words[end].BaseEnd));
        }
    }

    /// <summary>
    /// "C1 (Ayesha)", "C1 - Ayesha -", "C1 Ayesha", "Case 1: Ayesha", "Child 1 Ayesha": a name beside a case reference,
    /// after a code ("C1", "YP2") or after "Child 1", "Case 2", with a bracket, a dash, a colon or only a space between.
    /// </summary>
    private static void NameAfterCaseReference(string text, IReadOnlyList<TextWord> words, int i, List<(int, int)> found)
    {
        var code = DateContext.IsPseudonymCode(words[i].Base);
        var reference = code ? i
            : ReferenceWords.Contains(words[i].Lower) && i + 1 < words.Count && IsPlainSpace(Gap(text, words, i))
              && (IsSmallNumber(words[i + 1]) || (words[i + 1].IsSingleLetter && char.IsUpper(words[i + 1].Base[0]))) ? i + 1
            : -1;
        if (reference < 0 || reference + 1 >= words.Count || words[reference].Possessive)
        {
            return;
        }

        // A code needs no mark before the name ("C1 Ayesha", "YP2 Jayden went missing"): only a first name that is no
        // everyday word counts, so a grade or a rating beside it ("C1 Good", "C2 Amber") is still none.
        var gap = Gap(text, words, reference);
        if (!IsCueSeparator(gap) || gap.Contains('\t', StringComparison.Ordinal) || !IsDistinctFirstName(words[reference + 1]))
        {
            return;
        }

        var end = NameFrom(text, words, reference + 1, Cue.Naming, personBefore: false);
        if (end >= 0)
        {
            found.Add((words[reference + 1].Start, words[end].BaseEnd));
        }
    }

    /// <summary>"A Khan attended the ICPC", "J. Smith attended school": an initial and a surname as the subject.</summary>
    private static void InitialAndSurnameAsSubject(string text, IReadOnlyList<TextWord> words, int i, List<(int, int)> found)
    {
        var (initial, surname) = (words[i], i + 2 < words.Count ? words[i + 1] : null);
        if (surname is null || !initial.IsSingleLetter || !char.IsUpper(initial.Base[0]) || Gap(text, words, i) is not (" " or ". ")
            || !surname.IsCapitalised || surname.Possessive || NameShapes.IsFunctionWord(surname) || NameShapes.IsDomainWord(surname)
            || !NameGazetteer.IsSurname(surname.Base) || NameGazetteer.IsEverydayWord(surname.Base)
            || !SubjectVerbs.Contains(words[i + 2].Base) || !IsPlainSpace(Gap(text, words, i + 1)))
        {
            return;
        }

        found.Add((initial.Start, surname.BaseEnd));
    }

    private static bool IsDistinctFirstName(TextWord word) =>
        word.IsCapitalised && !word.Possessive && !NameShapes.IsFunctionWord(word) && !NameShapes.IsDomainWord(word)
        && NameGazetteer.IsFirstName(word.Base) && !NameGazetteer.IsEverydayWord(word.Base);

    private static bool IsSmallNumber(TextWord word) => word.Base.Length <= 2 && word.Base.All(char.IsAsciiDigit);

    private static bool IsPlainSpace(string gap) => gap.Length > 0 && gap.All(c => c == ' ');
}
