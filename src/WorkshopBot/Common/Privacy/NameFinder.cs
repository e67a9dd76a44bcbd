using System.Collections.Immutable;

namespace WorkshopBot.Common.Privacy;

/// <summary>
/// Finds people's names in free text. A name is flagged when something introduces it as a person:
/// <list type="bullet">
/// <item>a relation cue right before it: "her mother Aisha Rahman", "Baby Ellie-Mae", "stepfather, Declan
/// O'Sullivan,", "Dad (Piotr Nowak)", "twins Amara and Zion"; any capitalised word that is not an agency, role,
/// tool or ordinary word counts, gazetteer or not, and a lower-case or all-capitals one counts when the gazetteer
/// holds it as a name that is not also an everyday word ("father olusegun", "MOTHER SIOBHAN");</item>
/// <item>a title: "Mrs Kaur", "Mr D'Souza", "Mr&amp;Mrs Kaur", "Dr Patel", "Drs Patel and Khan", "Messrs Smith and
/// Jones", but not "Dr Martens" (see <see cref="IsTitle"/> and <see cref="DoctorName"/>);</item>
/// <item>"known as", "aka", "nicknamed", "goes by", "called", "named", "name is", "name:": after "called" and
/// "named" only a gazetteer name counts ("a tool called Graded Care Profile" is not a person);</item>
/// <item>a possessive before a relation: "Amelia's mother", "Kayden's dad" (gazetteer names only);</item>
/// <item>a relation in brackets after the name: "Aisha Rahman (mother)", "Declan (mum's partner)";</item>
/// <item>an age after a first name: "Tom (4)", "Amelia, 3,", "Kacper aged 7";</item>
/// <item>"the Kowalczyk family", "the Foster family" (gazetteer surnames; not "the Foster Family Service" or "the
/// Kowalczyk Family Centre"), and "Nowak family" without "the" when the surname is not also an everyday word or a
/// kind of family ("Foster family");</item>
/// <item>a first name followed by a surname, both from the gazetteer ("Piotr Nowak"), unless both are everyday
/// words ("Mark Wood"), the second is a place word ("Victoria Park"), an organisation word follows ("John Radcliffe
/// Hospital"), "St" comes before, or the full name is public learning ("Arthur Labinjo-Hughes"); in small letters
/// ("piotr nowak") only when neither is also an everyday word ("will young", "mark brown").</item>
/// </list>
/// The rules also read words joined without a space ("JaneSmith", "jane.smith.jones", "AishaKhan's mum") split into
/// their parts, see <see cref="JoinedNames"/>, and a first name joined to a surname in the path of a link
/// ("facebook.com/jane.smith.5") is a name, see <see cref="LinkNames"/>; so is a name spelt out letter by letter
/// ("J a y d e n", "A-i-s-h-a"), see <see cref="SpelledNames"/>.
/// Pseudonyms are never names: single letters, initials in capitals and anything with a digit ("Child A",
/// "Baby B", "Child LE", "Sibling 2", "Mother of C1").
/// </summary>
internal static partial class NameFinder
{
    private const int MaxNameWords = 4;
    private const int MaxListedNames = 4;

    // Small words inside a full name: Welsh ap/ab, Dutch and German van/von/der, Romance de/da/di/du/la/le,
    // Arabic bin/bint/ibn/al/el.
    private static readonly ImmutableArray<string> NameParticles =
        ["ap", "ab", "van", "von", "der", "den", "de", "da", "di", "du", "la", "le", "bin", "bint", "binti", "ibn", "al", "el"];

    private enum Cue
    {
        Relation,
        Title,
        Alias,
        Naming,
        Label,
    }

    /// <summary>Character ranges of the names found, in text order, not overlapping.</summary>
    public static List<(int Start, int End)> Find(string text, IReadOnlyList<TextWord> words)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(words);
        var found = new List<(int Start, int End)>();
        FindIn(text, words, found);
        SpelledNames(text, words, found);
        BrokenNames(text, words, found);
        TableNames(text, words, found);
        JoinedNames(text, words, found);
        LinkNames(text, found);
        return Union(found);
    }

    /// <summary>Every rule over the words of one reading of the text.</summary>
    private static void FindIn(string text, IReadOnlyList<TextWord> words, List<(int Start, int End)> found)
    {
        for (var i = 0; i < words.Count; i++)
        {
            if (CueAt(text, words, i) is ({ } cue, var cueEnd))
            {
                NamesAfter(text, words, cueEnd, cue, PersonBefore(words, i), found);
            }

            PossessiveBeforeRelation(text, words, i, found);
            NameBeforeRelation(text, words, i, found);
            NameBeforeAge(text, words, i, found);
            FamilyName(text, words, i, found);
            FullName(text, words, i, found);
            DoctorName(text, words, i, found);
            NamesWithoutCue(text, words, i, found);
        }
    }

    /// <summary>The cue at word <paramref name="i"/> and the index of its last word, or null.</summary>
    private static (Cue? Cue, int End) CueAt(string text, IReadOnlyList<TextWord> words, int i)
    {
        var word = words[i];
        var lower = word.Lower;
        var next = i + 1 < words.Count ? words[i + 1].Lower : string.Empty;
        if (word.Possessive)
        {
            return (null, i);
        }

        if (NameVocabulary.RelationCues.Contains(lower) || (lower == "person" && i > 0 && words[i - 1].Lower == "young"))
        {
            return (Cue.Relation, i);
        }

        if (IsTitle(word))
        {
            return (Cue.Title, i);
        }

        if (NameVocabulary.AliasCues.Contains(lower))
        {
            return (Cue.Alias, i);
        }

        if ((lower == "known" && next == "as") || (lower == "goes" && next == "by"))
        {
            return (Cue.Alias, i + 1);
        }

        if (lower == "known" && next == "to" && KnownToAs(words, i) is var known and > 0)
        {
            return (Cue.Alias, known);
        }

        if (lower == "a" && i + 2 < words.Count && words[i + 1].Lower == "k" && words[i + 2].Lower == "a"
            && Gap(text, words, i) == "." && Gap(text, words, i + 1) == ".")
        {
            return (Cue.Alias, i + 2);
        }

        if ((NameVocabulary.NamingCues.Contains(lower) && !(i > 0 && words[i - 1].Lower == "so")) || IsPetFormCue(text, words, i)
            || IsPoliceRank(word))
        {
            return (Cue.Naming, i);
        }

        if (lower is "name" or "forename" or "surname" && !(i > 0 && NameVocabulary.ThingNames.Contains(words[i - 1].Lower)))
        {
            if (Gap(text, words, i).Trim() is var mark && mark == ":")
            {
                return (Cue.Label, i);
            }

            if (mark is "-" or "–" or "—" or "=")
            {
                return (Cue.Naming, i); // "Forename - Jayden": only a gazetteer name, as after a dash anywhere
            }

            if (next is "is" or "was")
            {
                return (Cue.Label, i + 1);
            }

            // "first name Kai", "given name Jayden": the label without a mark; only a gazetteer name counts.
            if (mark.Length == 0 && lower == "name" && i > 0 && words[i - 1].Lower is "first" or "given" or "middle" or "last"
                or "full" or "christian" or "preferred" or "nick")
            {
                return (Cue.Naming, i);
            }
        }

        return (null, i);
    }

    private static void NamesAfter(
        string text, IReadOnlyList<TextWord> words, int cueEnd, Cue cue, bool personBefore, List<(int, int)> found)
    {
        var at = cueEnd + 1;
        var cueGap = Gap(text, words, cueEnd);

        // "Baby of Kaur": a newborn named by the mother's surname, as maternity records do. Only a gazetteer name
        // counts after "of" ("baby of South Asian heritage" is not a person).
        if (cue == Cue.Relation && words[cueEnd].Lower is "baby" or "babies" && at + 1 < words.Count
            && words[at].Lower == "of" && cueGap == " " && IsSpace(text, words, at))
        {
            (at, cueGap, cue) = (at + 1, " ", Cue.Naming);
        }

        // A title may end with a full stop: "Mrs. Kaur", "Mr.D'Souza".
        if (at >= words.Count || !IsCueSeparator(cue == Cue.Title && cueGap.StartsWith('.') ? cueGap[1..] : cueGap))
        {
            return;
        }

        // After a colon or a dash a new phrase starts with a capital anyway ("the child: Workshop idea 65"), so
        // only a gazetteer name counts there ("Child: Ellie-Mae", "mother - Aisha Rahman").
        if (cueGap.Any(c => c is ':' or '=' or '-' or '–' or '—' or '>' or '→') && cue != Cue.Label)
        {
            cue = Cue.Naming;
        }

        // A tab is a cell border: "Child\tAge" is a header, "Mother\tAisha" a row; only a name that is no word counts.
        if (IsCellBorder(cueGap) && !NameGazetteer.IsDistinctName(words[at].Base))
        {
            return;
        }

        for (var listed = 0; listed < MaxListedNames && at < words.Count; listed++)
        {
            var end = NameFrom(text, words, at, cue, personBefore);
            if (end < 0)
            {
                return;
            }

            found.Add((words[at].Start, words[end].BaseEnd));
            if (cue != Cue.Relation || words[end].Possessive || end + 1 >= words.Count)
            {
                return;
            }

            // "twins Amara and Zion", "her children Amy, Ben and Chloe".
            var gap = Gap(text, words, end).Trim();
            at = gap == "," ? end + 1
                : gap.Length == 0 && words[end + 1].Lower is "and" or "&" && end + 2 < words.Count ? end + 2
                : -1;
            if (at < 0)
            {
                return;
            }
        }
    }

    /// <summary>Index of the last word of a name starting at <paramref name="at"/>, or -1.</summary>
    private static int NameFrom(string text, IReadOnlyList<TextWord> words, int at, Cue cue, bool personBefore)
    {
        var first = words[at];
        var initial = first.IsSingleLetter && char.IsUpper(first.Base[0]) && at + 1 < words.Count
            && Gap(text, words, at).Trim() is "" or "." && IsContinuation(words[at + 1], words[at + 1]);
        if (!initial && !IsNameStart(first, cue, personBefore))
        {
            return -1;
        }

        var end = initial ? at + 1 : at;
        while (end + 1 < words.Count && end - at + 1 < MaxNameWords && !words[end].Possessive && IsSpace(text, words, end)
               && !IsCellBorder(Gap(text, words, end)))
        {
            if (IsContinuation(first, words[end + 1]))
            {
                end++;
            }
            else if (end + 2 < words.Count && NameParticles.Contains(words[end + 1].Base) && IsSpace(text, words, end + 1)
                     && IsContinuation(first, words[end + 2]))
            {
                end += 2; // "Rhys ap Gwilym", "Omar bin Said", "Lucas de Souza"
            }
            else
            {
                break;
            }
        }

        // "Child Development Centre", "called Kingston Hospital": an organisation, not a person.
        var after = end + 1 < words.Count ? words[end + 1] : null;
        return after is not null && !words[end].Possessive && Gap(text, words, end).Trim().Length == 0
            && NameShapes.IsInstitutionHead(after) ? -1 : end;
    }

    private static bool IsNameStart(TextWord word, Cue cue, bool personBefore)
    {
        // "brother Ed": a short first name written as a name, not as the acronym it also is (ED, the emergency department).
        var shortName = cue == Cue.Relation && word.Base.Length == 2 && word.IsCapitalised && NameGazetteer.IsFirstName(word.Base);
        if (word.HasDigit || word.IsSingleLetter || NameShapes.IsFunctionWord(word)
            || (cue != Cue.Title && !shortName && NameShapes.IsDomainWord(word)))
        {
            return false;
        }

        if (word.IsCapitalised)
        {
            return NameGazetteer.IsName(word.Base) || NameGazetteer.IsFirstNameVariant(word.Base)
                || (cue is Cue.Relation or Cue.Title or Cue.Label || (cue == Cue.Alias && personBefore))
                && (NameShapes.LooksLikeName(word.Base) || NameShapes.IsSurnameShape(word.Base));
        }

        // Capitals throughout ("MOTHER SIOBHAN") or small letters ("father olusegun"): the gazetteer decides; right after a
        // relation, another spelling of a first name it holds counts too ("baby ryley", "the child, KAYDN, was seen").
        return (word.IsAllCaps ? word.Base.Length >= 3 : word.IsLowerCase) && (NameGazetteer.IsDistinctName(word.Base)
            || (cue == Cue.Relation && NameGazetteer.IsFirstNameVariant(word.Base)));
    }

    private static bool IsContinuation(TextWord first, TextWord word)
    {
        if (word.HasDigit || word.IsSingleLetter || NameShapes.IsFunctionWord(word) || NameShapes.IsDomainWord(word)
            || NameShapes.IsInstitutionHead(word))
        {
            return false;
        }

        if (first.IsLowerCase || first.IsAllCaps)
        {
            return (first.IsLowerCase ? word.IsLowerCase : word.IsAllCaps) && NameGazetteer.IsDistinctName(word.Base);
        }

        return word.IsCapitalised && (NameGazetteer.IsName(word.Base) || NameShapes.LooksLikeName(word.Base)
            || NameShapes.IsSurnameShape(word.Base));
    }
}
