using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace WorkshopBot.Briefings.Domain;

/// <summary>Small text helpers for composing: word counts, splitting free text into points, trimming.</summary>
public static partial class BriefingText
{
    public static int CountWords(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var count = 0;
        var inWord = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                inWord = false;
            }
            else if (!inWord)
            {
                inWord = true;
                count++;
            }
        }

        return count;
    }

    /// <summary>Splits a narrative into points: one per line, list markers removed, blanks dropped.</summary>
    public static IEnumerable<string> SplitPoints(string? narrative)
    {
        if (string.IsNullOrWhiteSpace(narrative))
        {
            yield break;
        }

        foreach (var line in narrative.Split('\n'))
        {
            var point = ListMarker().Replace(line.Trim(), string.Empty).Trim();
            if (point.Length > 0)
            {
                yield return point;
            }
        }
    }

    /// <summary>Keeps at most <paramref name="maxWords"/> words, ending with an ellipsis when cut.</summary>
    public static string LimitWords(string text, int maxWords)
    {
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return words.Length <= maxWords ? string.Join(' ', words) : string.Join(' ', words.Take(maxWords)).TrimEnd(',', ';', ':') + "...";
    }

    /// <summary>Ends a sentence with a full stop unless it already ends with punctuation.</summary>
    public static string Sentence(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            return trimmed;
        }

        var first = char.ToUpper(trimmed[0], CultureInfo.InvariantCulture) + trimmed[1..];
        return first[^1] is '.' or '!' or '?' ? first : first + ".";
    }

    /// <summary>"A", "A and B", "A, B and C".</summary>
    public static string JoinWithAnd(IReadOnlyList<string> parts) => parts.Count switch
    {
        0 => string.Empty,
        1 => parts[0],
        _ => string.Join(", ", parts.Take(parts.Count - 1)) + " and " + parts[^1],
    };

    /// <summary>Lower-case content words of at least three letters, without common words; for similarity.</summary>
    public static HashSet<string> Tokens(string text)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        var builder = new StringBuilder();
        foreach (var c in text + " ")
        {
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
                continue;
            }

            if (c == '\'')
            {
                continue;
            }

            if (builder.Length >= 3)
            {
                var word = Stem(builder.ToString());
                if (!StopWords.Contains(word))
                {
                    set.Add(word);
                }
            }

            builder.Clear();
        }

        return set;
    }

    /// <summary>
    /// Token-set similarity: Jaccard, or containment when one point restates the other with fewer words.
    /// </summary>
    public static double Similarity(IReadOnlySet<string> a, IReadOnlySet<string> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count == 0 || b.Count == 0)
        {
            return 0;
        }

        var common = a.Count(b.Contains);
        var jaccard = (double)common / (a.Count + b.Count - common);
        var smaller = Math.Min(a.Count, b.Count);
        var containment = smaller >= 3 ? (double)common / smaller : 0;
        return Math.Max(jaccard, containment * 0.85);
    }

    // Plural and verb endings vary between agencies' wording of the same point.
    private static string Stem(string word) =>
        word.Length > 5 && word.EndsWith("ing", StringComparison.Ordinal) ? word[..^3]
        : word.Length > 4 && word.EndsWith("ed", StringComparison.Ordinal) ? word[..^2]
        : word.Length > 4 && word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal) ? word[..^1]
        : word;

    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "the", "and", "for", "with", "was", "were", "are", "this", "that", "there", "their", "they", "from", "into",
        "have", "has", "had", "not", "but", "all", "any", "been", "being", "also", "more", "some", "which", "who",
        "when", "where", "what", "our", "its", "than", "then", "them", "these", "those", "very", "well", "good",
        "agencie", "agency", "case", "cases", "child", "children", "would", "could", "should", "can", "will",
    };

    [GeneratedRegex(@"^([-*\u2022]|\d+[.)])\s*", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex ListMarker();
}
