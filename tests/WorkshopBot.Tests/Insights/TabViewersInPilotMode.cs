using System.Net;
using System.Text.Json;
using WorkshopBot.ActionPlans.Teams;
using WorkshopBot.Common;
using WorkshopBot.Insights.Teams;
using WorkshopBot.Tests.ActionPlans;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Insights;

/// <summary>
/// Pilot mode (no chairs or admins listed) lets anyone chair, and the tab then shows each person only the audits they chair;
/// once the partnership lists its QA sub-group in <c>WorkshopBot:Tab:Viewers</c> the cross-audit view, and its workbook of
/// every action plan, is for them alone.
/// </summary>
public sealed class TabViewersInPilotMode(TabViewersInPilotMode.PilotTab tab) : IClassFixture<TabViewersInPilotMode.PilotTab>
{
    [Fact]
    public async Task ListedViewersAloneSeeTheViewWhenNoChairIsListed()
    {
        var answers = new List<string>();
        foreach (var who in new[] { TabHost.QaMember, TabHost.Practitioner, TabHost.Chair })
        {
            foreach (var path in new[] { "/tab/api/view", "/tab/api/actions.xlsx" })
            {
                using var response = await tab.GetAsync(path, tab.Token(who));
                answers.Add($"{who} {path}: {(int)response.StatusCode}");
                if (response.StatusCode == HttpStatusCode.Forbidden)
                {
                    Assert.Equal(TabSignIn.NotForYou, await response.Content.ReadAsStringAsync());
                }
            }
        }

        Assert.Equal(
        [
            $"{TabHost.QaMember} /tab/api/view: 200", $"{TabHost.QaMember} /tab/api/actions.xlsx: 200",
            $"{TabHost.Practitioner} /tab/api/view: 403", $"{TabHost.Practitioner} /tab/api/actions.xlsx: 403",
            $"{TabHost.Chair} /tab/api/view: 403", $"{TabHost.Chair} /tab/api/actions.xlsx: 403",
        ], answers);
    }

    /// <summary>
    /// A blank viewer entry (a placeholder left in the settings) names nobody, so pilot mode goes on, and in pilot mode the
    /// tab shows a person only the audits they chair, as the bot does: a practitioner who chairs none gets no audit, no
    /// figure and no action plan, only who the view is for; a chair gets their own audit and its plan, nobody else's.
    /// (It once opened every audit and every action plan to anyone in the tenant.)
    /// </summary>
    [Fact]
    public async Task InPilotModeEachPersonSeesOnlyTheAuditsTheyChair()
    {
        var blank = new BlankViewerTab();
        await blank.InitializeAsync();
        try
        {
            foreach (var path in new[] { "/tab/api/view", "/tab/api/summary", "/tab/api/summary.xlsx", "/tab/api/actions.xlsx" })
            {
                using var refused = await blank.GetAsync(path, blank.Token(TabHost.Practitioner));
                Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
                Assert.Equal(TabSignIn.ChairsNone, await refused.Content.ReadAsStringAsync());
            }

            using var json = await blank.GetAsync("/tab/api/summary", blank.Token(TabHost.Chair));
            Assert.Equal(HttpStatusCode.OK, json.StatusCode);
            var view = JsonDocument.Parse(await json.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal([BlankViewerTab.ChairsAudit],
                view.GetProperty("perAudit").EnumerateArray().Select(a => a.GetProperty("title").GetString()));
            Assert.True(view.GetProperty("onlyYourAudits").GetBoolean());
            using var page = await blank.GetAsync("/tab/api/view", blank.Token(TabHost.Chair));
            var html = await page.Content.ReadAsStringAsync();
            Assert.Contains(SummaryHtml.E(SummaryHtml.OnlyYours), html, StringComparison.Ordinal);
            Assert.DoesNotContain("Neglect audit autumn", html, StringComparison.Ordinal);

            using var plans = await blank.GetAsync("/tab/api/actions.xlsx", blank.Token(TabHost.Chair));
            Assert.Equal(HttpStatusCode.OK, plans.StatusCode);
            var rows = ActionPlanWorkbook.Read(await plans.Content.ReadAsByteArrayAsync())["Action plan"].Skip(1).ToList();
            var audit = Array.IndexOf(ActionPlanXlsx.Headers, "Audit");
            Assert.Equal([BlankViewerTab.ChairsAudit], rows.Select(r => r[audit]).Distinct());
        }
        finally
        {
            await blank.DisposeAsync();
        }
    }

    /// <summary>Pilot mode with the only viewer entry left blank; one audit (with an action) chaired by the tab's chair.</summary>
    private sealed class BlankViewerTab : TabHost
    {
        public const string ChairsAudit = "Pilot audit of the chair";

        protected override void Configure(BotTestHostOptions options)
        {
            ArgumentNullException.ThrowIfNull(options);
            options.Settings.Remove("WorkshopBot:Chairs:0");
            options.Settings.Remove("WorkshopBot:Chairs:1");
            options.Settings["WorkshopBot:Tab:Viewers:0"] = " ";
        }

        protected override async Task SeedAsync(DateTimeOffset now)
        {
            await base.SeedAsync(now);
            var audit = await TabSeed.AuditAsync(Host, BotTestHost.TenantId, new SeedAudit(ChairsAudit, "Neglect", now.AddMonths(-2), 1,
                ["County Police"], ["good"], Chair: Chair));
            await TabSeed.ActionAsync(Host, audit, 1, "County Police", Today.AddDays(10), Themes.Neglect);
        }
    }

    /// <summary>The tab host with no chair listed (pilot mode), its QA member still listed as a viewer.</summary>
    public sealed class PilotTab : TabHost
    {
        protected override void Configure(BotTestHostOptions options)
        {
            ArgumentNullException.ThrowIfNull(options);
            options.Settings.Remove("WorkshopBot:Chairs:0");
            options.Settings.Remove("WorkshopBot:Chairs:1");
        }
    }
}
