using System.Text;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Briefings.Domain;
using WorkshopBot.Briefings.Teams;
using WorkshopBot.Tests.Briefings.SampleAudits;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Briefings;

/// <summary>
/// Six realistic audits written for the project, each run through returns and a workshop (votes, ratified grades and
/// recommendations) to the approved briefing, which must pass the QA checks (no near-duplicate findings left in a box among
/// them) and read exactly as its committed sample
/// (tests/WorkshopBot.Tests/Briefings/Samples/*.md), so the samples always show what the bot writes. To rewrite the samples
/// after a deliberate change: WORKSHOPBOT_UPDATE_SAMPLES=1 dotnet test --filter BriefingSamples, then read the diff.
/// </summary>
public sealed class BriefingSamples
{
    public static TheoryData<string> Keys => new(SampleAudit.All.Select(a => a.Key));

    [Theory]
    [MemberData(nameof(Keys))]
    public async Task ComposesABriefingFitToPublishAndAsCommitted(string key)
    {
        var outcome = await SampleAuditRun.RunAsync(SampleAudit.Find(key));

        var problems = BriefingQualityChecks.Problems(outcome.Briefing, BriefingFacts.Of(outcome));
        var sample = Sample(outcome);
        var path = Path.Combine(RepositoryRoot.Find(), "tests", "WorkshopBot.Tests", "Briefings", "Samples", key + ".md");
        if (Environment.GetEnvironmentVariable("WORKSHOPBOT_UPDATE_SAMPLES") == "1")
        {
            await File.WriteAllTextAsync(path, sample);
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.True(File.Exists(path), $"No committed sample {path}; run with WORKSHOPBOT_UPDATE_SAMPLES=1.");
        Assert.Equal(await File.ReadAllTextAsync(path), sample);
    }

    [Fact]
    public void SixAuditsCoverTheThemesAgesAndSizesAsked()
    {
        var audits = SampleAudit.All;

        Assert.Equal(6, audits.Count);
        Assert.All(audits, a => Assert.InRange(a.Cases.Count, 3, 15));
        Assert.All(audits, a => Assert.InRange(a.Agencies.Count, 3, 12));
        Assert.Contains(audits, a => a.Cases.Any(c => c.Age == AgeBand.Under1));
        Assert.Contains(audits, a => a.Cases.Any(c => c.Age == AgeBand.SixteenToSeventeen));
        Assert.Contains(audits, a => a.TemplateKey == "blank" && a.ChairSections.Count > 0);
        Assert.Equal(15, audits.Max(a => a.Cases.Count));
        Assert.Equal(12, audits.Max(a => a.Agencies.Count));
    }

    [Fact]
    public void MergedFindingsSayHowManyAgenciesRaisedThemAndNameThem()
    {
        var folder = Path.Combine(RepositoryRoot.Find(), "tests", "WorkshopBot.Tests", "Briefings", "Samples");
        var merged = SampleAudit.All
            .SelectMany(a => File.ReadAllLines(Path.Combine(folder, a.Key + ".md")))
            .Select(line => System.Text.RegularExpressions.Regex.Match(line,
                @"\((noted|raised) by (\d+) agencies(: |, including )(.+)\)\.$"))
            .Where(m => m.Success)
            .ToList();

        // The samples hold agencies saying one thing in different words; each such point is one point naming them.
        Assert.True(merged.Count >= 5, $"{merged.Count} merged findings in the six samples.");
        Assert.All(merged, m => Assert.InRange(int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), 2, 12));
        Assert.All(merged, m => Assert.Contains(" and ", m.Groups[4].Value, StringComparison.Ordinal));
    }

    /// <summary>The sample file: what the audit was, then the briefing as the bot renders it in Markdown.</summary>
    private static string Sample(SampleOutcome outcome)
    {
        var a = outcome.Sample;
        var header = new StringBuilder()
            .Append("<!-- Sample briefing composed by WorkshopBot from a made-up audit written for the project (\"").Append(a.Title)
            .Append("\": ").Append(a.Cases.Count).Append(" cases, ").Append(a.Agencies.Count).Append(" agencies, ")
            .Append(outcome.Audit.ExpectedReturns().Count).Append(" returns, a workshop with votes, ratified grades and ")
            .Append(a.Recommendations.Count).Append(" recommendations). ").Append(outcome.Briefing.WordCount)
            .AppendLine(" words. Regenerated and compared by BriefingSamples; do not edit by hand. -->")
            .AppendLine();
        return header + BriefingMarkdown.Render(outcome.Briefing, outcome.Dates);
    }
}
