using System.Collections.Frozen;
using System.Collections.Immutable;

namespace WorkshopBot.Common.Privacy;

/// <summary>What a word looks like: a name, an ordinary word, an agency, a pseudonym or a web or e-mail address.</summary>
internal static class NameShapes
{
    // Endings of English nouns, adjectives and verbs that names (outside the gazetteer) almost never have:
    // "Protection", "Involvement", "Reported", "Sexual", "Primary", "Agencies", "Psychology".
    private static readonly ImmutableArray<string> WordEndings =
    [
        "tion", "sion", "ment", "ness", "ity", "ance", "ence", "ship", "ism", "ist", "ous", "ive", "able", "ible", "ful",
        "less", "ical", "ual", "nal", "ial", "tal", "ral", "ary", "ory", "ery", "ies", "ics", "ogy", "phy", "ers", "hood",
        "wise", "ware", "work",
    ];

    // The ends of web addresses: "nspcc.org.uk", "example.com/...".
    private static readonly FrozenSet<string> TopLevelDomains = new[]
    {
        "com", "org", "net", "uk", "gov", "edu", "io", "co", "info", "ac", "sch", "nhs", "police", "ie", "eu", "int",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    // Prefixes after which a capital inside a surname or given name is normal: McDonald, MacLeod, DeShawn, DaCosta.
    private static readonly ImmutableArray<string> CapitalPrefixes =
        ["Mc", "Mac", "De", "Da", "Di", "Du", "La", "Le", "Van", "Von", "Fitz"];

    /// <summary>True for Mc, Mac, De, La and the other prefixes after which a capital belongs to the same name
    /// ("McDonald", "DeShawn").</summary>
    public static bool IsCapitalPrefix(ReadOnlySpan<char> part)
    {
        foreach (var prefix in CapitalPrefixes)
        {
            if (part.SequenceEqual(prefix))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>An e-mail address or a link: "jane.smith@", "www.example.org", "https://...", "gov.uk/guidance".
    /// A handle starting with "@" ("@JaneSmith") is not one.</summary>
    public static bool IsAddress(ReadOnlySpan<char> chunk)
    {
        chunk = chunk.TrimStart("([{<\"'“‘");
        if (chunk.IndexOf('@') > 0 || chunk.IndexOf("://", StringComparison.Ordinal) >= 0
            || chunk.StartsWith("www.", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        // A dot, then a top-level domain ending the word or followed by a path: "nspcc.org.uk", "gov.uk/guidance".
        var domains = TopLevelDomains.GetAlternateLookup<ReadOnlySpan<char>>();
        for (var i = 0; i < chunk.Length; i++)
        {
            if (chunk[i] != '.')
            {
                continue;
            }

            var end = i + 1;
            while (end < chunk.Length && char.IsLetter(chunk[end]))
            {
                end++;
            }

            if ((end == chunk.Length || !char.IsDigit(chunk[end])) && domains.Contains(chunk[(i + 1)..end]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True for a word that is never a name anywhere: a function word, day, month or feast.</summary>
    public static bool IsFunctionWord(TextWord word) => NameVocabulary.FunctionWords.Contains(word.Lower);

    /// <summary>True for an agency, role, service, tool or ethnicity word, singular or plural, or a hyphenated
    /// word with such a part ("Multi-Agency", "Out-of-Hours").</summary>
    public static bool IsDomainWord(TextWord word)
    {
        var lower = word.Lower;
        return IsDomain(lower)
            || (lower.Contains('-', StringComparison.Ordinal)
                && lower.Split('-').Any(p => IsDomain(p) || NameVocabulary.FunctionWords.Contains(p)));
    }

    private static bool IsDomain(string lower) =>
        NameVocabulary.DomainWords.Contains(lower)
        || (lower.Length > 3 && lower.EndsWith('s') && NameVocabulary.DomainWords.Contains(lower[..^1]))
        || (lower.Length > 4 && lower.EndsWith("es", StringComparison.Ordinal) && NameVocabulary.DomainWords.Contains(lower[..^2]));

    /// <summary>True for the head word of an organisation or place name ("Hospital", "Foundation", "Road").</summary>
    public static bool IsInstitutionHead(TextWord word) => NameVocabulary.InstitutionHeads.Contains(word.Lower);

    /// <summary>
    /// True when a capitalised word outside the gazetteer could still be a name: letters only, a vowel, no capital
    /// inside it except after Mc, Mac, O' and the like, and none of the endings that English words have.
    /// </summary>
    public static bool LooksLikeName(string word)
    {
        if (word.Length < 2 || !char.IsUpper(word[0]) || word.Any(c => !char.IsLetter(c) && c is not '\'' and not '’' and not '-'))
        {
            return false;
        }

        foreach (var part in word.Split('-', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!PartLooksLikeName(part))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True for Mc-, Mac- and O'- surnames and double-barrelled names: "McAllister", "O'Hagan",
    /// "Campbell-Reid".</summary>
    public static bool IsSurnameShape(string word)
    {
        if (word.Length > 3 && (word.StartsWith("Mc", StringComparison.Ordinal) || word.StartsWith("Mac", StringComparison.Ordinal)))
        {
            var rest = word.StartsWith("Mac", StringComparison.Ordinal) ? word[3..] : word[2..];
            return rest.Length > 1 && char.IsUpper(rest[0]) && LooksLikeName(rest);
        }

        if (word.Length > 3 && word[0] is 'O' or 'D' && word[1] is '\'' or '’')
        {
            return char.IsUpper(word[2]) && LooksLikeName(word[2..]);
        }

        var parts = word.Split('-');
        return parts.Length == 2 && parts.All(p => p.Length > 1 && char.IsUpper(p[0]) && LooksLikeName(p))
            && parts.Any(NameGazetteer.IsSurname);
    }

    private static bool PartLooksLikeName(string part)
    {
        var letters = part.Replace("'", string.Empty, StringComparison.Ordinal).Replace("’", string.Empty, StringComparison.Ordinal);
        if (letters.Length < 2 || !letters.Any(IsVowel))
        {
            return false;
        }

        for (var i = 1; i < part.Length; i++)
        {
            if (char.IsUpper(part[i]) && part[i - 1] is not '\'' and not '’'
                && !CapitalPrefixes.Any(p => i == p.Length && part.StartsWith(p, StringComparison.Ordinal)))
            {
                return false;
            }
        }

        var lower = letters.ToLowerInvariant();
        if (lower.Length > 5 && lower.EndsWith("ing", StringComparison.Ordinal))
        {
            return false;
        }

        if (lower.Length > 4 && lower.EndsWith("ed", StringComparison.Ordinal) && !lower.EndsWith("eed", StringComparison.Ordinal))
        {
            return false;
        }

        return !WordEndings.Any(e => lower.Length > e.Length + 1 && lower.EndsWith(e, StringComparison.Ordinal));
    }

    private static bool IsVowel(char c) => "aeiouyAEIOUY".Contains(char.ToLowerInvariant(RemoveAccent(c)));

    private static char RemoveAccent(char c)
    {
        var decomposed = c.ToString().Normalize(System.Text.NormalizationForm.FormD);
        return decomposed.Length > 0 ? decomposed[0] : c;
    }
}
