using System.Collections.Frozen;

namespace WorkshopBot.Common.Privacy;

/// <summary>
/// First names the way hurried notes write them: set off by a description of the person ("Ayesha, the eldest, told
/// the teacher", "Ayesha (the middle child) said", "Kayden, who is 4, was") and typed in small letters beside a verb
/// or a relation ("jayden said he was hungry", "seen with ayesha and mum").
/// </summary>
internal static partial class NameFinder
{
    // Words that, inside a description set off after a name, say it describes a child: "the eldest", "the middle one".
    private static readonly FrozenSet<string> PersonDescriptions = new[]
    {
        "eldest", "oldest", "youngest", "middle", "older", "younger", "elder", "twin",
    }.ToFrozenSet(StringComparer.Ordinal);

    // Words that open such a description: "the eldest", "a quiet child", "her older sister", "who is 4".
    private static readonly FrozenSet<string> DescriptionOpenings = new[]
    {
        "the", "a", "an", "her", "his", "their", "who", "mum's", "dad's", "mother's", "father's",
    }.ToFrozenSet(StringComparer.Ordinal);

    // Words before a first name in small letters that make it the person something was done with or to.
    private static readonly FrozenSet<string> SmallNameObjectCues = new[]
    {
        "with", "saw", "seen", "met", "told", "asked", "visited", "collected",
    }.ToFrozenSet(StringComparer.Ordinal);

    // Verbs of seeing someone: with a place after the name they make a name that is also a word a person.
    private static readonly FrozenSet<string> SeeingCues = new[]
    {
        "saw", "seen", "met", "visited", "collected",
    }.ToFrozenSet(StringComparer.Ordinal);

    // Verbs of speaking before "to" and a first name: "spoke to kayden", "talked to eli".
    private static readonly FrozenSet<string> SpeakingVerbs = new[]
    {
        "spoke", "speak", "speaks", "spoken", "speaking", "talked", "talk", "talks", "talking", "chatted", "explained",
        "listened", "said", "wrote", "waved",
    }.ToFrozenSet(StringComparer.Ordinal);

    // Places where a child is seen: "saw grace at school".
    private static readonly FrozenSet<string> ChildPlaces = new[]
    {
        "school", "home", "nursery", "college", "clinic", "preschool", "pre-school", "playgroup", "hospital", "surgery",
    }.ToFrozenSet(StringComparer.Ordinal);

    private const int MaxDescriptionWords = 5;

    /// <summary>
    /// "Ayesha, the eldest, told", "Ayesha (the middle child) said", "Kayden, who is 4, was": a capitalised first name
    /// set off by a description of a child or a relation. A name that is also a word ("Grace", "Will") needs a verb of a
    /// person after the description as well ("Grace, the eldest, told"), as after an age; "Kingston (the hospital)"
    /// or "Jordan, the country of origin," describe no person.
    /// </summary>
    private static void NameBeforeApposition(string text, IReadOnlyList<TextWord> words, int i, List<(int, int)> found)
    {
        var word = words[i];
        var open = Gap(text, words, i).Trim();
        if (i + 2 >= words.Count || open is not ("," or "(") || !word.IsCapitalised || word.Possessive
            || NameShapes.IsFunctionWord(word) || NameShapes.IsDomainWord(word) || !NameGazetteer.IsFirstName(word.Base)
            || (i > 0 && words[i - 1].Lower is "st" or "saint" or "the")
            || !DescriptionOpenings.Contains(words[i + 1].Possessive ? words[i + 1].Lower + "'s" : words[i + 1].Lower))
        {
            return;
        }

        var who = words[i + 1].Lower == "who";
        var person = who;
        var close = open == "," ? ',' : ')';
        var end = -1;
        for (var j = i + 1; j < words.Count && j <= i + MaxDescriptionWords && end < 0; j++)
        {
            var lower = words[j].Lower;
            person |= PersonDescriptions.Contains(lower) || NameVocabulary.RelationCues.Contains(lower);
            var gap = Gap(text, words, j);
            if (gap.Contains(close, StringComparison.Ordinal))
            {
                end = j;
            }
            else if (!IsPlainSpace(gap))
            {
                return;
            }
        }

        var verbAfter = end >= 0 && end + 1 < words.Count && SubjectVerbs.Contains(words[end + 1].Lower);
        if (person && (end >= 0 || who) && (verbAfter || !NameGazetteer.IsEverydayWord(word.Base)))
        {
            found.Add((word.Start, word.BaseEnd));
        }
    }

    /// <summary>
    /// "jayden said he was hungry", "seen with ayesha and mum", "spoke to kayden", "mum and zac", "ayesha's mum": a first
    /// name typed in small letters, before a verb of a person, after "with", "saw", "seen", "met", "told", "asked",
    /// "visited" or "collected", after a verb of speaking and "to" ("spoke to", "talked to"), joined by "and" to a
    /// relation, or as a possessive before one. Another spelling of a first name counts too ("ryley said", "saw kaydn";
    /// see <see cref="NameGazetteer.IsFirstNameVariant"/>). Names of three letters count ("saw ava at home", "spoke to eli"), but
    /// not those that are also abbreviations or words in notes ("dev", "reg", "jun", "thu", "aba"), nor names of two
    /// letters ("jo", "ed", "al"). Names that are also words, of the everyday list ("will", "grace", "hope") or of a
    /// British English word list ("jack", "carol", "max", "robin"), are words here ("spoke to will", "with max 3
    /// visits"), unless a person was seen somewhere a child is seen: "saw grace at school", "collected will from
    /// nursery", see <see cref="SeenAtAPlace"/>.
    /// </summary>
    private static void SmallFirstName(string text, IReadOnlyList<TextWord> words, int i, List<(int, int)> found)
    {
        var word = words[i];
        if (!(IsSmallLetters(word) || IsInANoteInCapitals(words, i)) || word.Base.Length < 3 || word.HasDigit
            || NameShapes.IsFunctionWord(word) || NameShapes.IsDomainWord(word)
            || !(NameGazetteer.IsFirstName(word.Base) || NameGazetteer.IsFirstNameVariant(word.Base))
            || (word.Base.Length == 3 && NameVocabulary.ShortNamesThatAreWords.Contains(word.Lower)))
        {
            return;
        }

        var before = i > 0 && IsPlainSpace(Gap(text, words, i - 1)) ? words[i - 1] : null;
        if (NameGazetteer.IsEverydayWord(word.Base) || NameVocabulary.FirstNamesThatAreWords.Contains(word.Lower))
        {
            if (!word.Possessive && before is not null && SeeingCues.Contains(before.Lower) && SeenAtAPlace(text, words, i))
            {
                found.Add((word.Start, word.BaseEnd));
            }

            return;
        }

        var after = i + 1 < words.Count && IsPlainSpace(Gap(text, words, i)) ? words[i + 1] : null;
        var relationBefore = before is { Lower: "and" or "&" } && i > 1 && IsPlainSpace(Gap(text, words, i - 2))
            && NameVocabulary.RelationCues.Contains(words[i - 2].Lower) && !words[i - 2].Possessive;
        var relationAfter = after is { Lower: "and" or "&" } && i + 2 < words.Count && IsPlainSpace(Gap(text, words, i + 1))
            && NameVocabulary.RelationCues.Contains(words[i + 2].Lower);
        var spokenTo = before is { Lower: "to" } && i > 1 && IsPlainSpace(Gap(text, words, i - 2))
            && SpeakingVerbs.Contains(words[i - 2].Lower);
        var person = word.Possessive
            ? after is not null && NameVocabulary.RelationCues.Contains(after.Lower)
            : (after is not null && SubjectVerbs.Contains(after.Lower))
              || (before is not null && SmallNameObjectCues.Contains(before.Lower)) || relationBefore || relationAfter || spokenTo;
        if (person)
        {
            found.Add((word.Start, word.BaseEnd));
        }
    }

    /// <summary>
    /// "KAYDEN SAID DAD HIT HIM": a word of four capitals or more in a note typed in capitals, the words beside it in
    /// capitals too, is read as in small letters. Capitals among small letters are an acronym ("the ELSA said", "with
    /// ELSA support": an emotional literacy support assistant), and so are shorter words ("ADA", "SAM").
    /// </summary>
    private static bool IsInANoteInCapitals(IReadOnlyList<TextWord> words, int i) =>
        words[i].IsAllCaps && words[i].Base.Length >= 4
        && (i == 0 || (words[i - 1].IsAllCaps && words[i - 1].Lower is not ("the" or "an" or "our" or "their" or "his" or "her"
            or "my" or "your" or "this" or "that")))
        && (i + 1 == words.Count || words[i + 1].IsAllCaps);

    /// <summary>
    /// "saw grace at school", "visited will at home", "collected hope from nursery": after a verb of seeing, a place
    /// where a child is seen makes a name that is also a word a person. A judgement: "saw hope at home" would be read as
    /// a name too, but notes write that rarely, and a child's name typed in small letters is what this check is for;
    /// "spoke to will" or "saw grace" alone stay words.
    /// </summary>
    private static bool SeenAtAPlace(string text, IReadOnlyList<TextWord> words, int i)
    {
        var at = i + 1;
        if (at + 1 >= words.Count || words[at].Lower is not ("at" or "in" or "from") || !IsPlainSpace(Gap(text, words, i))
            || !IsPlainSpace(Gap(text, words, at)))
        {
            return false;
        }

        var place = words[at + 1].Lower is "the" or "her" or "his" or "their" && at + 2 < words.Count ? at + 2 : at + 1;
        return ChildPlaces.Contains(words[place].Lower);
    }
}
