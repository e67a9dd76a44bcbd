using System.Collections.Frozen;
using System.Text;

namespace WorkshopBot.Briefings.Domain;

/// <summary>
/// Writes the acronyms and names of services the way practitioners write them ("cp medical" becomes "CP medical",
/// "camhs" "CAMHS", "gps" "GPs"), whatever case they were typed in.
/// </summary>
public static class Acronyms
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

    /// <summary>The longest word <see cref="Forms"/> holds: a longer run of letters is left without a look-up.</summary>
    private static readonly int LongestForm = Forms.Keys.Max(k => k.Length);

    /// <summary>
    /// The text with each whole word that is a known acronym written in its usual form. A word here is a longest run of
    /// letters, digits and ampersands that holds no digit and starts and ends with a letter: "a&amp;e" is one, "cp2" is
    /// none, and a space, hyphen or stop ends a run. One pass over the text and no regular expression, so the time it takes
    /// grows with the text only and it cannot run out of time on a busy machine. Acronyms that are also ordinary words (ED,
    /// SEND) are left as typed: "send" is not "SEND".
    /// </summary>
    public static string Fix(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        StringBuilder? written = null;
        var copied = 0;
        var i = 0;
        while (i < text.Length)
        {
            if (!InRun(text[i]))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < text.Length && InRun(text[i]))
            {
                i++;
            }

            // Every form is letters (and an ampersand inside), so a run with a digit or an ampersand at an end is none.
            var length = i - start;
            if (length < 2 || length > LongestForm || !Forms.TryGetValue(text.Substring(start, length).ToLowerInvariant(), out var form)
                || text.AsSpan(start, length).SequenceEqual(form))
            {
                continue;
            }

            written ??= new StringBuilder(text.Length);
            written.Append(text, copied, start - copied).Append(form);
            copied = i;
        }

        return written is null ? text : written.Append(text, copied, text.Length - copied).ToString();
    }

    private static bool InRun(char c) => char.IsLetter(c) || char.IsNumber(c) || c == '&';
}
