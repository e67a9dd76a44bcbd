using System.Diagnostics;
using System.Globalization;
using System.Text;
using WorkshopBot.Common.Privacy;
using Xunit.Abstractions;

namespace WorkshopBot.Tests.Privacy;

/// <summary>
/// The scanner runs on every free-text save. These tests measure a realistic 4,000-character narrative and some
/// inputs built to make a backtracking pattern blow up, and print the times. The limit leaves a wide margin (a
/// scan takes about 2 ms even on a 2-core machine at a load average of 30; the limit is 1,000 ms, the same as
/// each pattern's own timeout) so that a busy CI machine does not decide the result: what it catches is a pattern
/// that backtracks catastrophically, which takes seconds or never ends.
/// </summary>
public sealed class IdentifierScannerSpeed(ITestOutputHelper output)
{
    private const int Length = FreeText.DefaultMaxLength;
    private const double LimitMs = 1000;

    [Fact]
    public void ScansAFullLengthNarrativeInWellUnderTheLimit()
    {
        var narrative = Narrative();
        Assert.Equal(Length, narrative.Length);

        var (median, worst) = Measure(narrative);

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{narrative.Length:N0}-character narrative: median {median:0.00} ms, worst {worst:0.00} ms over 50 scans"));
        Assert.True(median < LimitMs, $"Median scan took {median:0.0} ms.");
    }

    [Theory]
    [InlineData("mother ")]
    [InlineData("Mother Aisha ")]
    [InlineData("1")]
    [InlineData("1 ")]
    [InlineData("1/")]
    [InlineData("a-")]
    [InlineData("O'")]
    [InlineData("a.")]
    [InlineData("07700 ")]
    [InlineData("SW1A ")]
    [InlineData("x@")]
    [InlineData("DOB ")]
    [InlineData("12 March ")]
    [InlineData("999 ")]
    [InlineData("1-")]
    [InlineData("SW1A-")]
    [InlineData("Mother\u200BAisha ")]
    [InlineData("aB")]
    [InlineData("Jane.")]
    [InlineData("JaneSmith")]
    [InlineData("Jane_")]
    [InlineData("99 ")]
    [InlineData("9 ")]
    [InlineData("9-")]
    [InlineData("a.uk/JaneSmith_")]
    [InlineData("/janesmith")]
    [InlineData("a.uk/aB-")]
    [InlineData("Jane_Amy ")]
    [InlineData("<x ")]
    [InlineData("<x")]
    [InlineData("</x")]
    [InlineData("<!x")]
    [InlineData("9_")]
    [InlineData("9\u00B7")]
    [InlineData("9:")]
    [InlineData("12|")]
    [InlineData("943 : ")]
    [InlineData("| DOB | 1 | 2 | 19 ")]
    [InlineData("|DOB|")]
    [InlineData("DOB\n|1|2|19|\n")]
    [InlineData("| Name | DOB |\n| Baby | 01/02/2019 01/02/2019 ")]
    [InlineData("Mr&Mrs ")]
    [InlineData("Messrs Smith, ")]
    [InlineData("one ")]
    [InlineData("9 one ")]
    [InlineData("S W ")]
    [InlineData("943 then ")]
    [InlineData("j4yden ")]
    [InlineData("12 elm ")]
    [InlineData("flat 3, ")]
    [InlineData("twelve acacia drive ")]
    [InlineData("JAYDEN ")]
    public void StaysLinearOnRepetitiveInput(string unit)
    {
        var text = Repeat(unit, Length);
        var half = Repeat(unit, Length / 2);

        var (full, _) = Measure(text, runs: 5);
        var (halfTime, _) = Measure(half, runs: 5);

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"'{unit}' x {Length / unit.Length}: {full:0.00} ms (half length {halfTime:0.00} ms)"));
        Assert.True(full < LimitMs, $"Scanning '{unit}' repeated took {full:0.0} ms.");
    }

    private static (double Median, double Worst) Measure(string text, int runs = 50)
    {
        var scanner = new IdentifierScanner();
        scanner.Scan(text);
        var times = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var clock = Stopwatch.StartNew();
            scanner.Scan(text);
            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        return (times[times.Count / 2], times[^1]);
    }

    private static string Repeat(string unit, int length)
    {
        var text = new StringBuilder(length + unit.Length);
        while (text.Length < length)
        {
            text.Append(unit);
        }

        return text.ToString(0, length);
    }

    // Snippets from every category of the corpus in turn, must-flag and must-not-flag, cut to the length limit:
    // dense with names, dates and numbers, so every rule has work to do.
    private static string Narrative()
    {
        var categories = new[] { "names", "dates", "nhs-numbers", "postcodes", "phone-numbers", "emails" }
            .Select(c => CorpusFile.Read(c).Select(s => CorpusFile.Unmark(s.Text).Text).ToList())
            .ToList();
        var snippets = Enumerable.Range(0, categories.Max(c => c.Count))
            .SelectMany(i => categories.Where(c => i < c.Count).Select(c => c[i]));
        var text = new StringBuilder();
        foreach (var snippet in snippets)
        {
            if (text.Length >= Length)
            {
                break;
            }

            text.Append(snippet).Append(' ');
        }

        return text.ToString(0, Length);
    }
}
