using System.Text.RegularExpressions;

namespace WorkshopBot.Briefings.Domain;

/// <summary>
/// Keeps case detail out of the briefing: the audit's own case references, and anything shaped like one,
/// become "one case".
/// </summary>
public sealed partial class CaseScrubber(IReadOnlyList<string> caseReferences)
{
    private readonly string[] _references =
        caseReferences.OrderByDescending(r => r.Length).ThenBy(r => r, StringComparer.Ordinal).ToArray();

    public string Scrub(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = text;
        foreach (var reference in _references)
        {
            result = result.Replace(reference, "one case", StringComparison.OrdinalIgnoreCase);
        }

        return ReferenceShape().Replace(result, "one case").Trim();
    }

    /// <summary>The case references (the audit's own, or anything shaped like one) still in the text.</summary>
    public IReadOnlyList<string> Find(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var found = new List<string>();
        var rest = text;
        foreach (var reference in _references)
        {
            if (rest.Contains(reference, StringComparison.OrdinalIgnoreCase))
            {
                found.Add(reference);
                rest = rest.Replace(reference, " ", StringComparison.OrdinalIgnoreCase);
            }
        }

        found.AddRange(ReferenceShape().Matches(rest).Select(m => m.Value));
        return found.Distinct(StringComparer.Ordinal).ToList();
    }

    // Two or more hyphenated groups of capitals and digits with at least one digit, e.g. NAI-2026-03-C2.
    [GeneratedRegex(@"\b(?=[A-Z0-9-]*\d)[A-Z]{2,10}(-[A-Z0-9]{1,10}){2,}\b", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex ReferenceShape();
}
