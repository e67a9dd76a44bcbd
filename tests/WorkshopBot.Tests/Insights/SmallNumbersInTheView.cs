using System.Text.Json;
using WorkshopBot.Common;
using WorkshopBot.Insights.Domain;
using WorkshopBot.Insights.Teams;
using WorkshopBot.Tests.ActionPlans;

namespace WorkshopBot.Tests.Insights;

/// <summary>
/// Under an agency filter a row of grade counts that holds a count of 1 or 2 gives its counts only as bands ("fewer than
/// 3", "3 or more"): on a one-case audit the agency's grade cannot be read from the row, nor from the zeros beside it, nor
/// by subtracting exact audit rows from their theme's row. The view does it once; the page, the JSON and the workbook
/// all carry the bands and never the numbers. Without a filter no row names an agency, and every count is exact.
/// </summary>
public sealed class SmallNumbersInTheView
{
    private static readonly DateOnly Today = new(2026, 6, 1);

    private static readonly InsightQuery Police = new(new(2025, 1, 1), Today, Agency: "Police");

    // A one-case audit: Police's only return was graded Inadequate.
    private static readonly AuditFacts OneCase = Audit("One-case audit", new(2025, 4, 10), 1,
        ("Police", "Inadequate", 4), ("Health", "Good", 2), ("Schools", "Good", 2));

    private static readonly AuditFacts FourCases = Audit("Four-case audit", new(2025, 5, 10), 4,
        ("Police", "Good", 2), ("Police", "Good", 2), ("Police", "Good", 2), ("Police", "Requires improvement", 3),
        ("Health", "Outstanding", 1));

    // Two audits of one quarter: the first's Police row is exact, the second's (one return) is not; the quarter's row, their
    // sum, must not give the second back by subtraction.
    private static readonly AuditFacts FiveCases = Audit("Five-case audit", new(2025, 10, 1), 5,
        ("Police", "Good", 2), ("Police", "Good", 2), ("Police", "Good", 2), ("Police", "Good", 2), ("Police", "Good", 2));

    private static readonly AuditFacts AnotherOneCase = Audit("Another one-case audit", new(2025, 11, 1), 1, ("Police", "Good", 2));

    private static readonly InsightFactSet Facts = new([OneCase, FourCases, FiveCases, AnotherOneCase], []);

    [Fact]
    public void UnderAnAgencyFilterARowWithACountBelowThreeGivesOnlyBands()
    {
        var view = PartnershipSummary.Compute(Facts, Police, Today);

        Assert.Equal(["Outstanding", "Good", "Requires improvement", "Inadequate"], view.Grades.Select(g => g.Label));
        Assert.Equal(["fewer than 3", "fewer than 3", "fewer than 3", "fewer than 3"], Texts(Row(view, OneCase)));
        Assert.All(Row(view, OneCase).Counts, c => Assert.Null(c.Exact));
        Assert.Equal(1, Row(view, OneCase).Total);
        Assert.Equal(["fewer than 3", "3 or more", "fewer than 3", "fewer than 3"], Texts(Row(view, FourCases)));
        Assert.Equal(["0", "5", "0", "0"], Texts(Row(view, FiveCases)));
        Assert.Equal(["fewer than 3", "fewer than 3", "fewer than 3", "fewer than 3"], Texts(Row(view, AnotherOneCase)));

        var periods = view.PerTheme.Single().Periods.ToDictionary(p => p.Period);
        Assert.True(periods["2025 Q2"].Banded);
        // 5 + 1 Good: "6" beside the five-case audit's exact "5" would give the other audit's grade back.
        Assert.Equal(["fewer than 3", "3 or more", "fewer than 3", "fewer than 3"], periods["2025 Q4"].Counts.Select(c => c.Text));
        Assert.Equal(6, periods["2025 Q4"].Total);
        Assert.True(view.HasBandedCounts());
    }

    [Fact]
    public void WithoutAFilterEveryCountIsExact()
    {
        var view = PartnershipSummary.Compute(Facts, Police with { Agency = null }, Today);

        Assert.Equal(["0", "2", "0", "1"], Texts(Row(view, OneCase)));
        Assert.All(view.PerTheme.SelectMany(t => t.Periods).SelectMany(p => p.Counts), c => Assert.NotNull(c.Exact));
        Assert.False(view.HasBandedCounts());
    }

    [Fact]
    public void TheJsonGivesBandsAsWordsAndNoNumberForThem()
    {
        var view = PartnershipSummary.Compute(Facts, Police, Today);

        var json = JsonDocument.Parse(JsonSerializer.Serialize(view, TabEndpoints.SummaryJson)).RootElement;

        var row = json.GetProperty("perAudit").EnumerateArray().Single(a => a.GetProperty("title").GetString() == OneCase.Title);
        Assert.All(row.GetProperty("counts").EnumerateArray(), c => Assert.Equal("fewer than 3", c.GetString()));
        var exact = json.GetProperty("perAudit").EnumerateArray().Single(a => a.GetProperty("title").GetString() == FiveCases.Title);
        Assert.Equal([0, 5, 0, 0], exact.GetProperty("counts").EnumerateArray().Select(c => c.GetInt32()));
    }

    [Fact]
    public void ThePageDrawsABandedRowAsOnePlainBarWithItsBandsInWords()
    {
        var html = SummaryHtml.Render(PartnershipSummary.Compute(Facts, Police, Today));

        var bar = Group(html, "data-audit=\"One-case audit\"");
        Assert.Contains("data-withheld=\"true\"", bar, StringComparison.Ordinal);
        Assert.DoesNotContain("data-grade", bar, StringComparison.Ordinal);
        Assert.Contains("Inadequate: fewer than 3", bar, StringComparison.Ordinal);
        Assert.Contains("data-grade=\"Good\" data-count=\"5\"", Group(html, "data-audit=\"Five-case audit\""), StringComparison.Ordinal);
        Assert.Contains(SummaryHtml.E(SummaryHtml.Banded), html, StringComparison.Ordinal);
        Assert.DoesNotContain("Inadequate: 1", html, StringComparison.Ordinal);
    }

    [Fact]
    public void TheWorkbookWritesTheBandsAsTheyRead()
    {
        var sheets = ActionPlanWorkbook.Read(SummaryXlsx.Render(PartnershipSummary.Compute(Facts, Police, Today)));

        var byAudit = sheets["Grades by audit"];
        Assert.Equal(["fewer than 3", "fewer than 3", "fewer than 3", "fewer than 3", "1"],
            byAudit.Single(r => r[0] == OneCase.Title).Skip(3));
        Assert.Equal(["fewer than 3", "3 or more", "fewer than 3", "fewer than 3", "4"],
            byAudit.Single(r => r[0] == FourCases.Title).Skip(3));
        Assert.Equal(["0", "5", "0", "0", "5"], byAudit.Single(r => r[0] == FiveCases.Title).Skip(3));
        Assert.Equal(["fewer than 3", "3 or more", "fewer than 3", "fewer than 3", "6"],
            sheets["Grades by theme"].Single(r => r[1] == "2025 Q4").Skip(2));
        Assert.Contains(sheets["Summary"], r => r[0] == "Grades shown as bands");
    }

    private static AuditGrades Row(PartnershipView view, AuditFacts audit) => view.PerAudit.Single(a => a.AuditId == audit.Id);

    private static List<string> Texts(AuditGrades row) => row.Counts.Select(c => c.Text).ToList();

    /// <summary>The chart group (up to its closing tag) that carries <paramref name="marker"/>.</summary>
    private static string Group(string html, string marker)
    {
        var start = html.IndexOf(marker, StringComparison.Ordinal);
        Assert.True(start >= 0, marker);
        return html[start..html.IndexOf("</g>", start, StringComparison.Ordinal)];
    }

    private static AuditFacts Audit(string title, DateOnly heldOn, int cases, params (string Agency, string Grade, int Rank)[] grades) =>
        new(Guid.NewGuid(), title, heldOn, cases, grades.Select(g => g.Agency).Distinct().ToList(),
            grades.Select(g => new GradedReturn(g.Agency, g.Grade, g.Rank, 4)).ToList(), [Themes.Neglect], null);
}
