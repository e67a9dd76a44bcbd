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

    /// <summary>
    /// The concepts and content words of a point (see <see cref="FindingWords"/>), for telling near-duplicates apart.
    /// Two-letter words count only when they name a service (GP).
    /// </summary>
    public static HashSet<string> Tokens(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var set = new HashSet<string>(StringComparer.Ordinal);
        var builder = new StringBuilder();
        foreach (var c in text + " ")
        {
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
                continue;
            }

            if (c is '\'' or '-')
            {
                continue;
            }

            if (builder.Length >= 3 || builder.ToString() is "gp")
            {
                if (FindingWords.Normalise(builder.ToString()) is { } word)
                {
                    set.Add(word);
                }
            }

            builder.Clear();
        }

        return set;
    }

    /// <summary>
    /// A label inside a sentence: its first letter in lower case unless the first word is an acronym ("Strategy meetings and
    /// CP medicals" becomes "strategy meetings and CP medicals"; "CSE" stays).
    /// </summary>
    public static string LowerFirst(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var i = text.Length > 0 && text[0] == '"' ? 1 : 0;
        if (i >= text.Length || (i + 1 < text.Length && char.IsUpper(text[i + 1])))
        {
            return text;
        }

        return text[..i] + char.ToLower(text[i], CultureInfo.InvariantCulture) + text[(i + 1)..];
    }

    /// <summary>
    /// A return's way of saying there is nothing to report ("Nothing further to add.", "None", "N/A", "No concerns"): not a
    /// finding, so never a point of the briefing.
    /// </summary>
    public static bool SaysNothing(string point)
    {
        ArgumentNullException.ThrowIfNull(point);
        return NothingToSay().IsMatch(point.Trim());
    }

    [GeneratedRegex(@"^([-*\u2022]|\d+[.)])\s*", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex ListMarker();

    [GeneratedRegex(@"^(nothing( (further|more|else))?( to (add|report|say))?|none( (identified|noted|to (add|report)))?|n/?a"
        + @"|nil|not applicable|no (further )?(comments?|concerns|issues)( (identified|noted|to (add|report)))?)[.!]?$",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, 1000)]
    private static partial Regex NothingToSay();
}
