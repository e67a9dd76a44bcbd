using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace WorkshopBot.Briefings.Domain;

/// <summary>
/// Writes the acronyms and names of services the way practitioners write them ("cp medical" becomes "CP medical",
/// "camhs" "CAMHS", "gps" "GPs"), whatever case they were typed in.
/// </summary>
public static partial class Acronyms
{
    private static readonly FrozenDictionary<string, string> Forms = new[]
    {
        "CP", "CPP", "ICPC", "RCPC", "MASH", "GP", "A&E", "CSC", "CAMHS", "DA", "CSE", "CCE", "NAI", "MARAC", "MAPPA",
        "LADO", "PLO", "SUDI", "EHCP", "CIN", "IDVA", "ISVA", "HSB", "NRM", "YOT", "YJS", "DSL", "NHS", "SARC", "DBS",
        "CAF", "EHA", "ADHD", "ASD", "QA",
    }.Select(a => (Key: a.ToLowerInvariant(), Value: a))
        .Concat(new (string Key, string Value)[]
        {
            ("gps", "GPs"), ("ofsted", "Ofsted"), ("idvas", "IDVAs"), ("dsls", "DSLs"), ("icpcs", "ICPCs"), ("rcpcs", "RCPCs"),
        })
        .ToFrozenDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    // Acronyms that are also ordinary words (ED, SEND) are left as typed: "send" is not "SEND".
    public static string Fix(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Word().Replace(text, m => Forms.TryGetValue(m.Value.ToLowerInvariant(), out var form) ? form : m.Value);
    }

    // A word that may carry an ampersand inside (A&E), not part of a longer word or hyphenated id.
    [GeneratedRegex(@"(?<![\p{L}\p{N}&])[\p{L}][\p{L}&]*[\p{L}](?![\p{L}\p{N}&])", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Word();
}
