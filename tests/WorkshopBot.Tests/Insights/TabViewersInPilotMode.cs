using System.Net;
using WorkshopBot.Insights.Teams;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Insights;

/// <summary>
/// Pilot mode (no chairs or admins listed) lets anyone chair, but once the partnership lists its QA sub-group in
/// <c>WorkshopBot:Tab:Viewers</c> the cross-audit view, and its workbook of every action plan, is for them alone.
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

    /// <summary>A blank viewer entry (a placeholder left in the settings) names nobody: pilot mode stays open to anyone.</summary>
    [Fact]
    public async Task ABlankViewerEntryLeavesPilotModeOpen()
    {
        var blank = new BlankViewerTab();
        await blank.InitializeAsync();
        try
        {
            using var response = await blank.GetAsync("/tab/api/view", blank.Token(TabHost.Practitioner));

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        finally
        {
            await blank.DisposeAsync();
        }
    }

    /// <summary>Pilot mode with the only viewer entry left blank.</summary>
    private sealed class BlankViewerTab : TabHost
    {
        protected override void Configure(BotTestHostOptions options)
        {
            ArgumentNullException.ThrowIfNull(options);
            options.Settings.Remove("WorkshopBot:Chairs:0");
            options.Settings.Remove("WorkshopBot:Chairs:1");
            options.Settings["WorkshopBot:Tab:Viewers:0"] = " ";
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
