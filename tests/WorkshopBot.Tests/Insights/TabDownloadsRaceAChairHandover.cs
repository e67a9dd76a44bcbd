using System.Net;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Common;
using WorkshopBot.Insights.Teams;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Insights;

/// <summary>
/// In pilot mode the tab shows a person only the audits they chair. Its downloads hold those audits as the chair's own
/// downloads hold theirs (DownloadsRaceAChairHandover): a handover that lands after the download listed the audits (as
/// still the chair's) and before it commits sends the download round again from fresh reads, so the chair handed over
/// gets the answer anyone who chairs nothing gets (403) and no export is logged. A seam places the handover (not timing).
/// </summary>
public sealed class TabDownloadsRaceAChairHandover
{
    private static readonly TestUser TabChair = new("29:tab-chair", TabHost.Chair, "Tab Tester");
    private static readonly TestUser NewChair = BotTestHost.User("Incoming Quality Chair");

    [Theory]
    [InlineData("/tab/api/summary")]
    [InlineData("/tab/api/summary.xlsx")]
    [InlineData("/tab/api/actions.xlsx")]
    public async Task TheDownloadIsNotServedToTheChairHandedOver(string path)
    {
        var tab = new PilotChairTab();
        await tab.InitializeAsync();
        try
        {
            var log = tab.Host.Get<IAuditLog>();
            var before = (await log.ListRecentAsync(1000)).Select(e => e.Id).ToHashSet();
            // The second listing of the audits is the one the download's figures come from (the first asks whether they chair any).
            tab.Seams.AfterNextTenantList(AuditStore.Audits,
                () => ChairHandoverStep.HandOverAsync(tab.Host, tab.ChairsAuditId, TabChair, NewChair), skip: 1);

            using var response = await tab.GetAsync(path, tab.Token(TabHost.Chair));

            Assert.True(tab.Seams.TenantListRan);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal(TabSignIn.ChairsNone, await response.Content.ReadAsStringAsync());
            var added = (await log.ListRecentAsync(1000)).Where(e => !before.Contains(e.Id)).Select(e => e.Action).ToList();
            Assert.DoesNotContain(added, a => a.StartsWith("insights.", StringComparison.Ordinal));
            Assert.Contains(added, a => a == ChairHandovers.HandedOver);
        }
        finally
        {
            await tab.DisposeAsync();
        }
    }

    /// <summary>Pilot mode (no chair, admin or viewer listed); one audit, with an action, chaired by the tab's chair.</summary>
    private sealed class PilotChairTab : TabHost
    {
        public DocumentSeams Seams { get; } = new();

        public Guid ChairsAuditId { get; private set; }

        protected override void Configure(BotTestHostOptions options)
        {
            ArgumentNullException.ThrowIfNull(options);
            options.Settings.Remove("WorkshopBot:Chairs:0");
            options.Settings.Remove("WorkshopBot:Chairs:1");
            options.Settings.Remove("WorkshopBot:Tab:Viewers:0");
            options.Services = Seams.Install;
        }

        protected override async Task SeedAsync(DateTimeOffset now)
        {
            await base.SeedAsync(now);
            var audit = await TabSeed.AuditAsync(Host, BotTestHost.TenantId, new SeedAudit("Pilot audit of the chair", "Neglect",
                now.AddMonths(-2), 1, ["County Police"], ["good"], Chair: Chair));
            await TabSeed.ActionAsync(Host, audit, 1, "County Police", Today.AddDays(10), Themes.Neglect);
            ChairsAuditId = audit.Id;
        }
    }
}
