using System.Collections.Frozen;

namespace WorkshopBot.Common.Privacy;

/// <summary>
/// Names in links: "https://www.facebook.com/jane.smith.5", "instagram.com/janesmith_07", "tiktok.com/@aisha.khan",
/// "example.org/profiles/Jane-Smith", "/jane-wilson-report". The part after the host is split at every mark that
/// is not a letter ("." "_" "-" "/" "@", digits) and where a small letter meets a capital, and a first name joined
/// to a surname there (by nothing, ".", "_" or "-") is flagged: both from the gazetteer, typed in small letters
/// only when neither is also an everyday word, neither an agency or role word, not a public name, a shop
/// ("JohnLewis") nor an organisation or place ("john-radcliffe-hospital"); a report or a review after the name is
/// about the person ("/jane-wilson-report"). A part typed in small letters is also read as a first name and a
/// surname run together ("janesmith"), unless an ordinary word is joined to it ("/trafficking-from-vietnam" is not
/// "Viet Nam"). Names are never read across a "/", nor in the host ("smith-law.co.uk", "janes-nursery.org.uk"), so
/// guidance ("/children-act-1989", "/early-help-assessment") holds no name. An e-mail address is not read here: the
/// scanner finds the whole address.
/// </summary>
internal static partial class NameFinder
{
    // The longest run of small letters read as a first name and a surname together ("aishakhan", "janesmith").
    private const int MaxRunTogether = 24;
    private const int MinRunTogetherPart = 3;
    private const int PlainRunTogetherPart = 4;

    // Sites where the path after the host is a person's own handle ("instagram.com/amyjones").
    private static readonly string[] HandleSites =
    [
        "facebook.", "fb.com", "instagram.", "tiktok.", "twitter.", "x.com", "snapchat.", "youtube.", "linkedin.",
        "threads.", "pinterest.", "onlyfans.", "reddit.", "twitch.", "discord.", "telegram.", "t.me", "wa.me",
    ];

    // Ordinary words and places in small letters that split plainly into a first name and a surname (found by reading
    // every word of a British English word list as a link path): "rick"/"shaw", "vera"/"cruz".
    private static readonly FrozenSet<string> WordsThatSplitIntoNames =
        new[] { "demijohns", "levitate", "rickshaw", "veracruz" }.ToFrozenSet(StringComparer.Ordinal);

    // Heads that follow a person's name in a link about that person ("/jane-wilson-report"), not an organisation.
    private static readonly FrozenSet<string> DocumentWords =
        new[] { "report", "reports", "review", "reviews" }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Flags the names in the path of every link in the text.</summary>
    private static void LinkNames(string text, List<(int Start, int End)> found)
    {
        foreach (var (start, end) in Chunks(text))
        {
            if (LinkPath(text.AsSpan(start, end - start)) is var at and >= 0)
            {
                NamesInPath(text, start + at, end, IsHandleHost(text.AsSpan(start, at)), found);
            }
        }
    }

    /// <summary>Where the path of a link starts in <paramref name="chunk"/> (after the host), or -1 when the chunk
    /// is not a link with a path, or is an e-mail address.</summary>
    private static int LinkPath(ReadOnlySpan<char> chunk)
    {
        var trimmed = chunk.TrimStart("([{<\"'“‘");
        var offset = chunk.Length - trimmed.Length;
        var slash = trimmed.IndexOf('/');
        var at = trimmed.IndexOf('@');
        if (slash < 0 || (at > 0 && at < slash) || trimmed.Length < 2)
        {
            return -1;
        }

        // "/jane-wilson-report": a path on its own.
        if (slash == 0)
        {
            return trimmed[1] == '/' ? -1 : offset;
        }

        var scheme = trimmed.IndexOf("://", StringComparison.Ordinal);
        if (scheme > 0 && scheme == slash - 1)
        {
            var host = trimmed[(scheme + 3)..];
            var end = host.IndexOfAny('/', '?', '#');
            return end < 0 ? -1 : offset + scheme + 3 + end;
        }

        return NameShapes.IsAddress(trimmed[..slash]) ? offset + slash : -1;
    }

    /// <summary>Flags each first name joined to a surname in the path of a link, from <paramref name="from"/> to
    /// <paramref name="to"/>, with any name parts joined on either side ("jane.amy.smith").</summary>
    private static void NamesInPath(string text, int from, int to, bool handleHost, List<(int Start, int End)> found)
    {
        var parts = PathParts(text, from, to);
        for (var i = 0; i < parts.Count; i++)
        {
            var (word, joined) = parts[i];
            if (word.IsLowerCase && word.Length <= MaxRunTogether && IsRunTogether(word.Base) && StandsAsHandle(parts, i)
                && (handleHost || !IsWholeSegment(text, word, to) || IsPlainlyRunTogether(word.Base)))
            {
                found.Add((word.Start, word.End));
            }

            if (!joined || !IsLinkFullName(parts, i - 1))
            {
                continue;
            }

            var (first, last) = (i - 1, i);
            while (parts[first].Joined && IsNamePart(parts[first - 1].Word, !parts[first - 1].Word.IsCapitalised))
            {
                first--;
            }

            while (last + 1 < parts.Count && parts[last + 1].Joined
                   && IsNamePart(parts[last + 1].Word, !parts[last + 1].Word.IsCapitalised))
            {
                last++;
            }

            found.Add((parts[first].Word.Start, parts[last].Word.End));
            i = last;
        }
    }

    /// <summary>The runs of letters of a path, split where a small letter meets a capital, each marked when only
    /// a dot, an underscore, a hyphen or nothing stands between it and the one before.</summary>
    private static List<(TextWord Word, bool Joined)> PathParts(string text, int from, int to)
    {
        var parts = new List<(TextWord Word, bool Joined)>();
        var (start, previousEnd) = (-1, -2);
        for (var p = from; p <= to; p++)
        {
            var letter = p < to && char.IsLetter(text[p]);
            var joint = letter && start >= 0 && char.IsLower(text[p - 1]) && char.IsUpper(text[p]) && p - start > 1
                && !NameShapes.IsCapitalPrefix(text.AsSpan(start, p - start));
            if (start >= 0 && (!letter || joint))
            {
                var joined = previousEnd == start || (previousEnd == start - 1 && text[previousEnd] is '.' or '_' or '-');
                parts.Add((new TextWord(start, p - start, text[start..p], false), joined));
                (start, previousEnd) = (-1, p);
            }

            start = letter && start < 0 ? p : start;
        }

        return parts;
    }

    /// <summary>Whether the part at <paramref name="i"/> is a first name and the next one, joined to it, a surname:
    /// "jane.smith", "Jane-Smith", "aisha.khan"; not "mark-wood", "john-radcliffe-hospital" nor
    /// "st-john-ambulance".</summary>
    private static bool IsLinkFullName(List<(TextWord Word, bool Joined)> parts, int i)
    {
        var (given, family) = (parts[i].Word, parts[i + 1].Word);
        var next = i + 2 < parts.Count && parts[i + 2].Joined ? parts[i + 2].Word : null;
        var before = i > 0 && parts[i].Joined ? parts[i - 1].Word.Lower : string.Empty;
        return NameGazetteer.IsFirstName(given.Base) && IsNamePart(given, !given.IsCapitalised)
            && (NameGazetteer.IsSurname(family.Base) || (family.IsCapitalised && NameShapes.IsSurnameShape(family.Base)))
            && IsNamePart(family, !family.IsCapitalised)
            && !(NameGazetteer.IsEverydayWord(given.Base) && NameGazetteer.IsEverydayWord(family.Base))
            && !NameVocabulary.PlaceWords.Contains(family.Lower) && before is not ("st" or "saint")
            && !IsOrganisation(parts, i + 2)
            && !NameGazetteer.IsPublicName([given.Base, family.Base]) && !NameGazetteer.IsShopName([given.Base, family.Base])
            && !(next is not null && NameGazetteer.IsPublicName([given.Base, family.Base + "-" + next.Base]));
    }

    /// <summary>Whether the one or two parts joined on at <paramref name="at"/> hold the head of an organisation or a
    /// place ("john-radcliffe-hospital", "john-henry-newman-school"), not a report or a review.</summary>
    private static bool IsOrganisation(List<(TextWord Word, bool Joined)> parts, int at)
    {
        for (var i = at; i < parts.Count && i < at + 2 && parts[i].Joined; i++)
        {
            if (NameShapes.IsInstitutionHead(parts[i].Word) && !DocumentWords.Contains(parts[i].Word.Lower))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the part at <paramref name="i"/> stands as a handle does ("janesmith_07", "amy.janesmith"): each
    /// part joined to it is a name or at most two letters. A word of a slug joined to ordinary words
    /// ("/christian-safeguarding-services", "/trafficking-from-vietnam") is read as the word it is.</summary>
    private static bool StandsAsHandle(List<(TextWord Word, bool Joined)> parts, int i)
    {
        return (!parts[i].Joined || Decoration(parts[i - 1].Word)) && (i + 1 == parts.Count || !parts[i + 1].Joined
            || Decoration(parts[i + 1].Word));

        static bool Decoration(TextWord part) => part.Length <= 2 || IsNamePart(part, !part.IsCapitalised);
    }

    /// <summary>Whether the host before a path is one where a path is a person's handle ("instagram.com/amyjones").</summary>
    private static bool IsHandleHost(ReadOnlySpan<char> host)
    {
        foreach (var site in HandleSites)
        {
            var at = host.IndexOf(site, StringComparison.OrdinalIgnoreCase);
            if (at >= 0 && (at == 0 || !char.IsLetterOrDigit(host[at - 1])))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="word"/> is a whole segment of the path: a "/" before it, and after it the end,
    /// a "/", a "?" or a "#", or only the punctuation that ends a sentence ("see example.org/vietnam.").</summary>
    private static bool IsWholeSegment(string text, TextWord word, int to)
    {
        if (word.Start == 0 || text[word.Start - 1] != '/')
        {
            return false;
        }

        var rest = text.AsSpan(word.End, to - word.End);
        return rest.IsEmpty || rest[0] is '/' or '?' or '#' || rest.TrimStart(".,;:!?)]}>'\"”’").IsEmpty;
    }

    /// <summary>
    /// A whole segment in small letters on an ordinary site is more often a word ("/vietnam", "/taiwan", "/melbourne",
    /// "/christian", "/berkshire") than a person, so it is read as a name only when it splits plainly: both parts four
    /// letters or more ("janesmith", "aishakhan", not "viet"/"nam", "mel"/"bourne", "tom"/"lin"), not ending as a
    /// county or an adjective of a people or a place does ("-shire", "-ian"), and not a word known to split so.
    /// </summary>
    private static bool IsPlainlyRunTogether(string word)
    {
        if (word.EndsWith("shire", StringComparison.Ordinal) || word.EndsWith("ian", StringComparison.Ordinal)
            || WordsThatSplitIntoNames.Contains(word))
        {
            return false;
        }

        for (var split = PlainRunTogetherPart; split <= word.Length - PlainRunTogetherPart; split++)
        {
            if (IsFirstAndSurname(word[..split], word[split..]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether a word in small letters, not itself a name nor ending in "ing", is a first name and a surname
    /// run together, each at least three letters and neither an everyday word: "janesmith", "aishakhan".</summary>
    private static bool IsRunTogether(string word)
    {
        // "standing", "landing", "bending" split into "stan"/"lan"/"ben" and "ding", but no run of names ends like a verb.
        if (word.Length < 2 * MinRunTogetherPart || !word.All(char.IsLower) || NameGazetteer.IsName(word)
            || word.EndsWith("ing", StringComparison.Ordinal))
        {
            return false;
        }

        for (var split = MinRunTogetherPart; split <= word.Length - MinRunTogetherPart; split++)
        {
            if (IsFirstAndSurname(word[..split], word[split..]))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsFirstAndSurname(string given, string family) =>
        NameGazetteer.IsFirstName(given) && !NameGazetteer.IsEverydayWord(given)
        && NameGazetteer.IsSurname(family) && !NameGazetteer.IsEverydayWord(family)
        && !NameGazetteer.IsPublicName([given, family]) && !NameGazetteer.IsShopName([given, family]);
}
