using System.Collections.Immutable;
using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace WorkshopBot.Briefings.Domain;

/// <summary>
/// The words that decide whether two findings say the same thing: endings stripped, common words dropped, and the
/// many ways practitioners say one thing ("worked together", "jointly", "contributed to", "collaborated") folded into
/// one concept, so "Agencies worked together on the plan" and "Several agencies contributed to planning" are one point.
/// </summary>
internal static partial class FindingWords
{
    // Word beginnings (after stemming) and the concept they stand for. Longest beginning wins.
    private static readonly ImmutableArray<(string Prefix, string Concept)> Concepts =
    [
        ("together", "together"), ("joint", "together"), ("collaborat", "together"), ("contribut", "together"),
        ("multiagency", "together"), ("interagency", "together"), ("partnership", "together"),
        ("shar", "share"), ("exchang", "share"), ("communicat", "share"), ("inform", "share"), ("told", "share"),
        ("notif", "share"), ("passed", "share"),
        ("prompt", "prompt"), ("timel", "prompt"), ("swift", "prompt"), ("quick", "prompt"), ("rapid", "prompt"),
        ("immediat", "prompt"),
        ("delay", "delay"), ("late", "delay"), ("slow", "delay"), ("drift", "delay"), ("wait", "delay"),
        ("father", "father"), ("stepfather", "father"), ("dad", "father"), ("male", "father"), ("men", "father"),
        ("voice", "voice"), ("wish", "voice"), ("feeling", "voice"), ("view", "voice"), ("lived", "voice"),
        ("plan", "plan"), ("record", "record"), ("document", "record"), ("note", "record"), ("written", "record"),
        ("meeting", "meeting"), ("discussion", "meeting"), ("conferenc", "meeting"),
        ("medical", "medical"), ("paediatric", "medical"), ("examin", "medical"),
        ("escalat", "escalate"), ("challeng", "escalate"), ("disagre", "escalate"),
        ("supervis", "oversight"), ("oversight", "oversight"), ("manag", "oversight"),
        ("attend", "attend"), ("represent", "attend"), ("invit", "attend"), ("present", "attend"),
        ("curio", "curious"), ("question", "curious"), ("explor", "curious"), ("prob", "curious"),
        ("chronolog", "history"), ("history", "history"), ("historic", "history"), ("previous", "history"),
        ("gp", "gp"), ("school", "school"), ("education", "school"), ("teacher", "school"),
        ("assess", "assess"), ("referr", "refer"), ("refer", "refer"),
        ("seen", "seen"), ("saw", "seen"), ("spoke", "seen"), ("talk", "seen"), ("engag", "seen"),
        ("cultur", "culture"),
    ];

    private static readonly FrozenSet<string> StopWords = new[]
    {
        "the", "and", "for", "with", "was", "were", "are", "this", "that", "there", "their", "they", "from", "into",
        "have", "has", "had", "not", "but", "all", "any", "been", "being", "also", "more", "some", "which", "who",
        "when", "where", "what", "our", "its", "than", "then", "them", "these", "those", "very", "well", "good",
        "agencie", "agency", "case", "child", "children", "would", "could", "should", "can", "will",
        "several", "many", "most", "every", "each", "professional", "practitioner", "staff", "worker", "team",
        "work", "evidence", "evident", "clear", "clearly", "example", "within", "across", "between", "includ",
        "made", "make", "mak", "about", "after", "before", "other", "one", "two", "three", "four", "did", "does",
        "always", "often", "sometime", "consistent", "consistently", "family", "familie", "young", "people", "person",
        "use", "used", "using", "held",
    }.ToFrozenSet(StringComparer.Ordinal);

    // Words that turn a finding round: "did not share" is the opposite of "shared", "poor recording" of "recording".
    private static readonly FrozenSet<string> NegativeWords = new[]
    {
        "not", "no", "never", "nobody", "none", "nothing", "neither", "nor", "without", "cannot", "cant", "dont", "doesnt",
        "didnt", "isnt", "arent", "wasnt", "werent", "wont", "wouldnt", "couldnt", "shouldnt", "hasnt", "havent", "hadnt",
        "lack", "lacked", "lacking", "lacks", "absent", "absence", "missing", "fail", "failed", "failing", "fails", "failure",
        "unable", "insufficient", "inadequate", "poor", "poorly", "limited", "unclear", "inconsistent", "inconsistently",
        "incomplete", "unaware", "unsure", "overlooked", "ignored", "gap", "gaps", "late", "slow", "slowly", "delay",
        "delays", "delayed", "drift", "drifted",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>
    /// Whether a finding says that something did not happen, was poor or came late: a negative word such as "not", "never",
    /// "didn't", "lacked", "missing", "poor", "inconsistent", "unsure" or "delayed" anywhere in it, or a wait ("took weeks",
    /// "for several days", "months later").
    /// </summary>
    public static bool IsNegative(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (Wait().IsMatch(text))
        {
            return true;
        }

        var words = text.ToLowerInvariant().Replace("'", string.Empty, StringComparison.Ordinal)
            .Replace("\u2019", string.Empty, StringComparison.Ordinal)
            .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return words.Any(w => NegativeWords.Contains(w.Trim('.', ',', ';', ':', '!', '?', '(', ')', '"')));
    }

    /// <summary>The concept a (lower-case) word stands for, its stem when it stands for none, or null for a common word.</summary>
    public static string? Normalise(string word)
    {
        var stem = Stem(word);
        if (StopWords.Contains(stem) || StopWords.Contains(word))
        {
            return null;
        }

        string? best = null;
        var bestLength = 0;
        foreach (var (prefix, concept) in Concepts)
        {
            if (prefix.Length > bestLength && stem.StartsWith(prefix, StringComparison.Ordinal))
            {
                best = concept;
                bestLength = prefix.Length;
            }
        }

        return best ?? stem;
    }

    // Plural and verb endings vary between agencies' wording of the same point ("planning" and "plan").
    private static string Stem(string word)
    {
        var stem = word.Length > 5 && word.EndsWith("ing", StringComparison.Ordinal) ? word[..^3]
            : word.Length > 4 && word.EndsWith("ed", StringComparison.Ordinal) ? word[..^2]
            : word.Length > 4 && word.EndsWith("ly", StringComparison.Ordinal) ? word[..^2]
            : word.Length > 4 && word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal) ? word[..^1]
            : word;
        return stem.Length > 3 && stem[^1] == stem[^2] && stem[^1] is not ('s' or 'l' or 'e' or 'o') ? stem[..^1] : stem;
    }

    [GeneratedRegex(@"\b(takes?|took|taking|taken|for( several| many| some)?|after)\s+(days|weeks|months)\b|\b(days|weeks|months) later\b",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, 1000)]
    private static partial Regex Wait();
}
