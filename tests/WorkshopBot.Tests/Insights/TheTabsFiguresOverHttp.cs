using System.Net;
using System.Text.Json;
using WorkshopBot.Insights.Teams;
using WorkshopBot.Storage;
using WorkshopBot.Tests.ActionPlans;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Insights;

/// <summary>
/// The tab's figures through the real pipeline with a signed tab token: <c>/tab/api/summary</c> (the same figures as the
/// workbook, as JSON) is written to the audit log as the workbook is, and under an agency filter the seeded audits (one or
/// two cases each, so County Police has one or two returns in each) give their grade counts only as bands, in the JSON, the
/// page and the workbook alike.
/// </summary>
public sealed class TheTabsFiguresOverHttp(TabHost tab) : IClassFixture<TabHost>
{
    private const string Police = "?agency=County%20Police";

    [Fact]
    public async Task TheJsonSummaryIsLoggedAsTheWorkbookIs()
    {
        var log = tab.Host.Get<IAuditLog>();
        var before = (await log.ListRecentAsync(1000)).Select(e => e.Id).ToHashSet();

        using var refused = await tab.GetAsync("/tab/api/summary", tab.Token(TabHost.Practitioner));
        using var json = await tab.GetAsync("/tab/api/summary" + Police, tab.Token(TabHost.QaMember));
        var added = (await log.ListRecentAsync(1000)).Where(e => !before.Contains(e.Id)).ToList();

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.OK), (refused.StatusCode, json.StatusCode));
        var entry = Assert.Single(added);
        Assert.Equal(("insights.summary.exported", TabHost.QaMember, BotTestHost.TenantId), (entry.Action, entry.ActorId, entry.SubjectId));
        Assert.Contains("\"json\"", entry.DetailJson ?? "", StringComparison.Ordinal);
        Assert.DoesNotContain("Police", entry.DetailJson ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnderAnAgencyFilterTheJsonThePageAndTheWorkbookGiveOnlyBands()
    {
        using var response = await tab.GetAsync("/tab/api/summary" + Police, tab.Token(TabHost.Chair));
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var rows = json.GetProperty("perAudit").EnumerateArray().ToList();
        Assert.Equal(3, rows.Count);
        Assert.All(rows.SelectMany(r => r.GetProperty("counts").EnumerateArray()), c => Assert.Equal(JsonValueKind.String, c.ValueKind));
        Assert.All(rows, r => Assert.InRange(r.GetProperty("total").GetInt32(), 1, 2));
        using var all = await tab.GetAsync("/tab/api/summary", tab.Token(TabHost.Chair));
        var unfiltered = JsonDocument.Parse(await all.Content.ReadAsStringAsync()).RootElement.GetProperty("perAudit").EnumerateArray();
        Assert.All(unfiltered.SelectMany(r => r.GetProperty("counts").EnumerateArray()),
            c => Assert.Equal(JsonValueKind.Number, c.ValueKind));

        using var page = await tab.GetAsync("/tab/api/view" + Police, tab.Token(TabHost.Chair));
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("data-withheld=\"true\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-grade=", html, StringComparison.Ordinal);

        using var workbook = await tab.GetAsync("/tab/api/summary.xlsx" + Police, tab.Token(TabHost.Chair));
        var byAudit = ActionPlanWorkbook.Read(await workbook.Content.ReadAsByteArrayAsync())["Grades by audit"];
        var grades = byAudit[0].Count - 4;
        Assert.All(byAudit.Skip(1), r => Assert.All(r.Skip(3).Take(grades),
            cell => Assert.Contains(cell, new[] { "fewer than 3", "3 or more" })));
        Assert.Contains(SummaryHtml.E(SummaryHtml.Banded), html, StringComparison.Ordinal);
    }
}
