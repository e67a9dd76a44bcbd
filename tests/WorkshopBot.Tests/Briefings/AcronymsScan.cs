using System.Text;
using System.Text.RegularExpressions;
using WorkshopBot.Briefings.Domain;

namespace WorkshopBot.Tests.Briefings;

/// <summary>
/// <see cref="Acronyms.Fix"/> scans the text once instead of running a regular expression with a time limit (which ran out
/// on a starved machine, and the briefing composer then refused the turn). It must change exactly what the expression it
/// replaced changed: the reference below is that expression, without a time limit, compared on generated text made of the
/// characters that decide a word's edges (letters of several scripts, digits of several kinds, ampersands, hyphens,
/// surrogate pairs) and of the acronyms themselves.
/// </summary>
public sealed partial class AcronymsScan
{
    private static readonly string[] Pieces =
    [
        "cp", "CP", "icpc", "a&e", "A&E", "&", "camhs", "gps", "Gps", "ofsted", "mash", "lado", "qa", "sendx", "send", "é", "É",
        "x", "1", "٣", "Ⅻ", "½", "-", " ", ".", "'", "𝐀", "\u00A0", "nhs", "Nhs", "csc", "ed", "ß", "İ", "\t",
    ];

    [Fact]
    public void TheScanChangesWhatTheRegularExpressionChanged()
    {
        var random = new Random(20_261_206);
        for (var n = 0; n < 20_000; n++)
        {
            var text = new StringBuilder();
            for (var k = random.Next(1, 12); k > 0; k--)
            {
                text.Append(Pieces[random.Next(Pieces.Length)]);
            }

            var typed = text.ToString();
            Assert.True(Reference(typed) == Acronyms.Fix(typed), $"\"{typed}\": \"{Acronyms.Fix(typed)}\", not \"{Reference(typed)}\"");
        }
    }

    [Fact]
    public void TextWithNothingToChangeIsReturnedAsItIs()
    {
        const string typed = "The CP medical was late; A&E and CAMHS were told.";
        Assert.Same(typed, Acronyms.Fix(typed));
    }

    /// <summary>The forms of the acronyms <see cref="Pieces"/> holds, as practitioners write them ("ed" and "send" stay).</summary>
    private static readonly Dictionary<string, string> Forms = new(StringComparer.Ordinal)
    {
        ["cp"] = "CP", ["icpc"] = "ICPC", ["a&e"] = "A&E", ["camhs"] = "CAMHS", ["gps"] = "GPs", ["ofsted"] = "Ofsted",
        ["mash"] = "MASH", ["lado"] = "LADO", ["qa"] = "QA", ["nhs"] = "NHS", ["csc"] = "CSC",
    };

    /// <summary>The old expression finds the words, and the test's own table gives their forms.</summary>
    private static string Reference(string text) =>
        Word().Replace(text, m => Forms.TryGetValue(m.Value.ToLowerInvariant(), out var form) ? form : m.Value);

    [GeneratedRegex(@"(?<![\p{L}\p{N}&])[\p{L}][\p{L}&]*[\p{L}](?![\p{L}\p{N}&])", RegexOptions.CultureInvariant)]
    private static partial Regex Word();
}
