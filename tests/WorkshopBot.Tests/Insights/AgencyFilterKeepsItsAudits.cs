using System.Net;
using System.Text.Json;
using WorkshopBot.Common;
using WorkshopBot.Tests.ActionPlans;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Insights;

/// <summary>
/// With an agency filter, the tab, its JSON and both workbooks count only the audits that agency took part in. County
/// Police took part in the neglect audit (3 cases), not the domestic abuse audit (2 cases): "County Police, 2 audits held,
/// 5 cases audited" was what the QA sub-group was shown before, and read as County Police's own.
/// </summary>
public sealed class AgencyFilterKeepsItsAudits(AgencyFilterKeepsItsAudits.TwoAuditsTab tab)
    : IClassFixture<AgencyFilterKeepsItsAudits.TwoAuditsTab>
{
    private const string Police = "County Police";
    private const string Neglect = "Neglect audit";
    private const string Domestic = "Domestic abuse audit";

    [Fact]
    public async Task TheJsonCountsOnlyTheAuditsTheAgencyTookPartIn()
    {
        var all = await SummaryAsync("");
        var police = await SummaryAsync("?agency=county%20police");

        Assert.Equal((2, 5), (all.GetProperty("auditsHeld").GetInt32(), all.GetProperty("casesAudited").GetInt32()));
        Assert.Equal((1, 3), (police.GetProperty("auditsHeld").GetInt32(), police.GetProperty("casesAudited").GetInt32()));
        Assert.Equal(3, police.GetProperty("returnsGraded").GetInt32());
        Assert.Equal([Neglect], Titles(police, "perAudit"));
        Assert.Equal([Neglect], Titles(police, "briefings"));
        Assert.Equal([Police], police.GetProperty("actions").EnumerateArray().Select(a => a.GetProperty("agency").GetString()));
        Assert.Equal(["Children's Social Care", Police, "Health Visiting"],
            police.GetProperty("agencies").EnumerateArray().Select(a => a.GetString()));
    }

    [Fact]
    public async Task BothWorkbooksCountOnlyTheAuditsTheAgencyTookPartIn()
    {
        using var summary = await tab.GetAsync("/tab/api/summary.xlsx?agency=County%20Police", tab.Token(TabHost.Chair));
        using var plans = await tab.GetAsync("/tab/api/actions.xlsx?agency=County%20Police", tab.Token(TabHost.Chair));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (summary.StatusCode, plans.StatusCode));
        var sheets = ActionPlanWorkbook.Read(await summary.Content.ReadAsByteArrayAsync());
        var figures = sheets["Summary"].Skip(1).ToDictionary(r => r[0], r => r[1]);
        Assert.Equal((Police, "1", "3"), (figures["Agency"], figures["Audits held"], figures["Cases audited"]));
        Assert.Equal([Neglect], sheets["Grades by audit"].Skip(1).Select(r => r[0]));
        Assert.Equal([Neglect], sheets["Briefing use"].Skip(1).Select(r => r[0]));
        var actions = ActionPlanWorkbook.Read(await plans.Content.ReadAsByteArrayAsync())["Action plan"].Skip(1).ToList();
        Assert.Single(actions);
        Assert.Contains(Police, actions[0]);
    }

    [Fact]
    public async Task TheTabSaysWhichAuditsItShowsAndWhenTheAgencyTookPartInNone()
    {
        var police = await ViewAsync("?agency=County%20Police");
        var otherTheme = await ViewAsync("?agency=County%20Police&theme=" + Themes.DomesticAbuse);
        var unknown = await ViewAsync("?agency=Probation");

        Assert.Contains("The audits County Police took part in, with its own grades and actions only.", police, StringComparison.Ordinal);
        Assert.Contains("data-figure=\"audits\"><span class=\"value\">1</span>", police, StringComparison.Ordinal);
        Assert.Contains("data-figure=\"cases\"><span class=\"value\">3</span>", police, StringComparison.Ordinal);
        Assert.DoesNotContain(Domestic, police, StringComparison.Ordinal);
        Assert.Contains("County Police took part in no audit held in this period that raised this theme.", otherTheme,
            StringComparison.Ordinal);
        Assert.Contains("No agency of that name in the period.", unknown, StringComparison.Ordinal);
        Assert.DoesNotContain(">Probation", unknown, StringComparison.Ordinal);
    }

    private async Task<JsonElement> SummaryAsync(string query)
    {
        using var response = await tab.GetAsync("/tab/api/summary" + query, tab.Token(TabHost.Chair));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private async Task<string> ViewAsync(string query)
    {
        using var response = await tab.GetAsync("/tab/api/view" + query, tab.Token(TabHost.Chair));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static IEnumerable<string?> Titles(JsonElement view, string part) =>
        view.GetProperty(part).EnumerateArray().Select(a => a.GetProperty("title").GetString());

    /// <summary>Two audits: County Police and Health Visiting in one, Health Visiting and Children's Social Care in the other.</summary>
    public sealed class TwoAuditsTab : TabHost
    {
        protected override async Task SeedAsync(DateTimeOffset now)
        {
            var neglect = await TabSeed.AuditAsync(Host, BotTestHost.TenantId, new SeedAudit(Neglect, "Neglect", now.AddMonths(-6), 3,
                [Police, "Health Visiting"], ["good", "requires-improvement"]));
            var domestic = await TabSeed.AuditAsync(Host, BotTestHost.TenantId, new SeedAudit(Domestic, "Domestic abuse",
                now.AddMonths(-3), 2, ["Health Visiting", "Children's Social Care"], ["inadequate"]));
            await TabSeed.BriefingAsync(Host, neglect, "Early Help North");
            await TabSeed.BriefingAsync(Host, domestic, "MASH");
            await TabSeed.ActionAsync(Host, neglect, 1, Police, Today.AddDays(-5), Themes.InformationSharing);
            await TabSeed.ActionAsync(Host, neglect, 2, "Health Visiting", Today.AddDays(30), Themes.Neglect);
            await TabSeed.ActionAsync(Host, domestic, 1, "Children's Social Care", Today.AddDays(20), Themes.DomesticAbuse);
        }
    }
}
