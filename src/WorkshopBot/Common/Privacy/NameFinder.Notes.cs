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
        "with", "saw", "told", "asked", "visited", "collected",
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
    /// "jayden said he was hungry", "seen with ayesha and mum", "mum and kayden", "ayesha's mum": a first name of four
    /// letters or more typed in small letters, before a verb of a person, after "with", "saw", "told", "asked",
    /// "visited" or "collected", joined by "and" to a relation, or as a possessive before one. Names that are also words
    /// are left alone, those of the everyday list ("will", "grace", "hope", "summer") and those of a British English word
    /// list ("jack", "carol", "max", "robin"), and so are short ones ("amy", "sam", "ben"), which are as often
    /// abbreviations; measured on the published audits, the briefing samples and the corpus, these found no word.
    /// </summary>
    private static void SmallFirstName(string text, IReadOnlyList<TextWord> words, int i, List<(int, int)> found)
    {
        var word = words[i];
        if (!IsSmallLetters(word) || word.Base.Length < 4 || word.HasDigit || NameShapes.IsFunctionWord(word)
            || NameShapes.IsDomainWord(word) || !NameGazetteer.IsFirstName(word.Base) || NameGazetteer.IsEverydayWord(word.Base)
            || NameVocabulary.FirstNamesThatAreWords.Contains(word.Lower))
        {
            return;
        }

        var before = i > 0 && IsPlainSpace(Gap(text, words, i - 1)) ? words[i - 1] : null;
        var after = i + 1 < words.Count && IsPlainSpace(Gap(text, words, i)) ? words[i + 1] : null;
        var relationBefore = before is { Lower: "and" or "&" } && i > 1 && IsPlainSpace(Gap(text, words, i - 2))
            && NameVocabulary.RelationCues.Contains(words[i - 2].Lower) && !words[i - 2].Possessive;
        var relationAfter = after is { Lower: "and" or "&" } && i + 2 < words.Count && IsPlainSpace(Gap(text, words, i + 1))
            && NameVocabulary.RelationCues.Contains(words[i + 2].Lower);
        var person = word.Possessive
            ? after is not null && NameVocabulary.RelationCues.Contains(after.Lower)
            : (after is not null && SubjectVerbs.Contains(after.Lower))
              || (before is not null && SmallNameObjectCues.Contains(before.Lower)) || relationBefore || relationAfter;
        if (person)
        {
            found.Add((word.Start, word.BaseEnd));
        }
    }
}
