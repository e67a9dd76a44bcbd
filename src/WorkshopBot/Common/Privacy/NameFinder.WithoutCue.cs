namespace WorkshopBot.Common.Privacy;

/// <summary>The rules that need no cue word before the name: possessives, families and full names.</summary>
internal static partial class NameFinder
{
    /// <summary>"Amelia's mother", "Kayden's dad", "Roisin Mulligan's older brother".</summary>
    private static void PossessiveBeforeRelation(string text, IReadOnlyList<TextWord> words, int i, List<(int, int)> found)
    {
        var word = words[i];
        if (!word.Possessive || !(word.IsCapitalised || word.IsAllCaps) || !NameGazetteer.IsName(word.Base)
            || NameShapes.IsFunctionWord(word) || NameShapes.IsDomainWord(word)
            || (i > 0 && words[i - 1].Lower is "st" or "saint"))
        {
            return;
        }

        for (var j = i + 1; j < words.Count && j <= i + 3; j++)
        {
            if (NameVocabulary.RelationCues.Contains(words[j].Lower) && Gap(text, words, j - 1).Trim().Length == 0)
            {
                var start = i;
                while (start > 0 && words[start - 1].IsCapitalised && NameGazetteer.IsName(words[start - 1].Base)
                       && Gap(text, words, start - 1).Trim().Length == 0)
                {
                    start--;
                }

                found.Add((words[start].Start, word.BaseEnd));
                return;
            }

            // Only describing words may stand between: "Amelia's older brother", not "Munro's review of child ...".
            if (!words[j].IsLowerCase || words[j].HasDigit || Gap(text, words, j - 1).Trim().Length > 0
                || NameShapes.IsFunctionWord(words[j]) || NameShapes.IsDomainWord(words[j]))
            {
                return;
            }
        }
    }

    /// <summary>"the Kowalczyk family", "the Khan children"; without "the" see <see cref="SurnameFamily"/>.</summary>
    private static void FamilyName(string text, IReadOnlyList<TextWord> words, int i, List<(int, int)> found)
    {
        if (words[i].Lower != "the")
        {
            SurnameFamily(text, words, i, found);
            return;
        }

        if (i + 2 >= words.Count)
        {
            return;
        }

        var surname = words[i + 1];
        var head = words[i + 2].Lower;
        if (surname.IsCapitalised && !surname.Possessive
            && (NameGazetteer.IsSurname(surname.Base) && !NameGazetteer.IsEverydayWord(surname.Base)
                || NameShapes.IsSurnameShape(surname.Base))
            && head is "family" or "families" or "household" or "children" or "twins" or "brothers" or "sisters"
            && Gap(text, words, i + 1).Trim().Length == 0 && !IsFamilyService(text, words, i + 1))
        {
            found.Add((surname.Start, surname.BaseEnd));
        }
    }

    /// <summary>
    /// "the Foster Family Service", "the Kowalczyk Family Centre", "the Khan family hub": a service or a place, not a
    /// family ("the Kowalczyk family home" is still a family). A surname that is also a kind of family ("Foster") names
    /// a family only with the head in small letters: "the Foster family", not "the Foster Family Service".
    /// </summary>
    private static bool IsFamilyService(string text, IReadOnlyList<TextWord> words, int surnameAt)
    {
        var head = words[surnameAt + 1];
        var after = surnameAt + 2 < words.Count && !head.Possessive && IsSpace(text, words, surnameAt + 1)
            ? words[surnameAt + 2] : null;
        return (NameVocabulary.FamilyKinds.Contains(words[surnameAt].Lower) && !head.IsLowerCase)
            || (after is not null && ((after.IsCapitalised && NameShapes.IsInstitutionHead(after))
                || after.Lower is "hub" or "hubs" or "centre" or "center" or "centres"));
    }

    /// <summary>
    /// "Nowak family", "O'Neill household": a surname before "family" or "household" without "the". There the word
    /// more often says what kind of family it is ("Foster family", "Birth family", "Health family", "Troubled
    /// Families"), so only a gazetteer surname that is not also an everyday word counts, or a surname's shape
    /// ("McAllister family"), never a kind of family (<see cref="NameVocabulary.FamilyKinds"/>), and not in the name
    /// of a service ("Newton Family Centre", "Kelly family hub").
    /// </summary>
    private static void SurnameFamily(string text, IReadOnlyList<TextWord> words, int i, List<(int, int)> found)
    {
        if (i + 1 >= words.Count || (i > 0 && words[i - 1].Lower is "the" or "st" or "saint" or "holy"))
        {
            return;
        }

        var (surname, head) = (words[i], words[i + 1]);
        if (!surname.IsCapitalised || surname.Possessive || head.Lower is not ("family" or "household") || !IsSpace(text, words, i)
            || NameShapes.IsFunctionWord(surname) || NameShapes.IsDomainWord(surname)
            || NameVocabulary.FamilyKinds.Contains(surname.Lower)
            || !(NameGazetteer.IsSurname(surname.Base) && !NameGazetteer.IsEverydayWord(surname.Base)
                 || NameShapes.IsSurnameShape(surname.Base)))
        {
            return;
        }

        var after = i + 2 < words.Count && !head.Possessive && IsSpace(text, words, i + 1) ? words[i + 2] : null;
        if (after is not null && (after.IsCapitalised || after.Lower is "hub" or "hubs" or "centre" or "center" or "centres"))
        {
            return;
        }

        found.Add((surname.Start, surname.BaseEnd));
    }

    /// <summary>"Piotr Nowak", "Ellie-Mae Thornton": a gazetteer first name followed by a surname; in small letters
    /// ("piotr nowak") only names that are not also everyday words ("will young", "mark brown", "rose green"), and in
    /// capitals ("AISHA KHAN") only those and of four letters or more each, as acronyms are shorter ("ALI", "KAI").</summary>
    private static void FullName(string text, IReadOnlyList<TextWord> words, int i, List<(int, int)> found)
    {
        if (i + 1 >= words.Count)
        {
            return;
        }

        var (given, family) = (words[i], words[i + 1]);
        var small = IsSmallLetters(given) && IsSmallLetters(family);
        var capitals = given.IsAllCaps && family.IsAllCaps && given.Base.Length >= 4 && family.Base.Length >= 4;
        if (!(small || capitals ? IsSmallFullName(given, family) : given.IsCapitalised && family.IsCapitalised)
            || given.Possessive || !NameGazetteer.IsFirstName(given.Base)
            || !(NameGazetteer.IsSurname(family.Base) || NameShapes.IsSurnameShape(family.Base))
            || !IsSpace(text, words, i) || NameShapes.IsFunctionWord(given) || NameShapes.IsDomainWord(given)
            || NameShapes.IsDomainWord(family) || NameVocabulary.PlaceWords.Contains(family.Lower)
            || (NameGazetteer.IsEverydayWord(given.Base) && NameGazetteer.IsEverydayWord(family.Base))
            || NameGazetteer.IsPublicName([given.Base, family.Base]))
        {
            return;
        }

        // "St Helier", "John Radcliffe Hospital", "John Henry Newman School": a place or an organisation.
        var before = i > 0 ? words[i - 1].Lower : string.Empty;
        var heads = words.Skip(i + 2).Take(family.Possessive ? 0 : 2)
            .TakeWhile(w => small ? IsSmallLetters(w) : capitals ? w.IsAllCaps : w.IsCapitalised);
        if (before is "st" or "saint" || heads.Any(NameShapes.IsInstitutionHead))
        {
            return;
        }

        found.Add((given.Start, family.BaseEnd));
    }

    private static bool IsSmallLetters(TextWord word) => word.IsLowerCase && !word.Base.Any(char.IsUpper);

    /// <summary>A first name and a surname in small letters: each of three letters or more, neither also an everyday
    /// word, the surname not one used as a word ("crystal ball"), and not a shop or a breed ("john lewis").</summary>
    private static bool IsSmallFullName(TextWord given, TextWord family) =>
        given.Base.Length >= 3 && family.Base.Length >= 3 && NameGazetteer.IsDistinctName(given.Base)
        && NameGazetteer.IsDistinctName(family.Base) && !NameVocabulary.SurnamesThatAreWords.Contains(family.Lower)
        && !NameGazetteer.IsShopName([given.Base, family.Base]);

    /// <summary>"Aisha Rahman (mother)", "Declan (mum's partner)", "TOMASZ (FATHER)": a name with its relation in
    /// brackets after it.</summary>
    private static void NameBeforeRelation(string text, IReadOnlyList<TextWord> words, int i, List<(int, int)> found)
    {
        var word = words[i];
        if (i + 1 >= words.Count || word.Possessive || Gap(text, words, i).Trim() != "("
            || NameShapes.IsFunctionWord(word) || NameShapes.IsDomainWord(word)
            || !(word.IsCapitalised && (NameGazetteer.IsName(word.Base) || NameShapes.IsSurnameShape(word.Base))
                 || word.IsAllCaps && word.Base.Length >= 3 && NameGazetteer.IsDistinctName(word.Base)))
        {
            return;
        }

        for (var j = i + 1; j < words.Count && j <= i + 3; j++)
        {
            if (NameVocabulary.RelationCues.Contains(words[j].Lower))
            {
                var start = i;
                while (start > 0 && i - start < 2 && words[start - 1].IsCapitalised == word.IsCapitalised
                       && Gap(text, words, start - 1) == " " && !NameShapes.IsFunctionWord(words[start - 1])
                       && !NameShapes.IsDomainWord(words[start - 1])
                       && (NameGazetteer.IsName(words[start - 1].Base) || NameShapes.LooksLikeName(words[start - 1].Base)))
                {
                    start--;
                }

                found.Add((words[start].Start, word.BaseEnd));
                return;
            }

            if (Gap(text, words, j).Contains(')', StringComparison.Ordinal))
            {
                return;
            }
        }
    }
}
