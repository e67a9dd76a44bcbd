using Microsoft.Extensions.DependencyInjection;
using WorkshopBot.ActionPlans.Domain;
using WorkshopBot.ActionPlans.Storage;
using WorkshopBot.ActionPlans.Teams;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Briefings.Teams;
using WorkshopBot.Storage;
using WorkshopBot.Common.Links;
using WorkshopBot.Tests.Insights;
using WorkshopBot.Tests.Support;
using WorkshopBot.Workshop.Domain;
using WorkshopBot.Workshop.Storage;
using WorkshopBot.Workshop.Teams;
using ActionPlanExport = WorkshopBot.ActionPlans.Teams.ExportScreen;
using AuditExport = WorkshopBot.Audits.Teams.ExportScreen;

namespace WorkshopBot.Tests.Hosting;

/// <summary>
/// An organisation taken off <c>WorkshopBot:AllowedTenants</c> gets nothing more from the bot: Teams turns and the tab refuse
/// it, and so does every signed download link given to its chairs before (links live up to 24 hours). Each link of an
/// organisation still served is answered as before.
/// </summary>
public sealed class DownloadsOfAnOrganisationNoLongerServed(DownloadsOfAnOrganisationNoLongerServed.FormerPartner host)
    : IClassFixture<DownloadsOfAnOrganisationNoLongerServed.FormerPartner>
{
    [Fact]
    public async Task EveryDownloadLinkOfTheOrganisationIsRefusedAndNoneIsLogged()
    {
        var log = host.Host.Get<IAuditLog>();
        var before = (await log.ListRecentAsync(1000)).Select(e => e.Id).ToHashSet();
        var answers = new List<string>();
        foreach (var (tenant, audit, workshop) in host.Seeded)
        {
            foreach (var (feature, path) in await LinksAsync(tenant, audit, workshop))
            {
                using var response = await host.Host.Client.GetAsync(path);
                var refusal = response.IsSuccessStatusCode ? "" : " " + await response.Content.ReadAsStringAsync();
                answers.Add($"{feature} of {(tenant == BotTestHost.TenantId ? "ours" : "former")}: {(int)response.StatusCode}{refusal}");
            }
        }

        var logged = (await log.ListRecentAsync(1000)).Where(e => !before.Contains(e.Id)).OrderBy(e => e.Id).Select(e => e.Action)
            .ToList();
        string[] features = ["Audit returns", "Workshop results", "Briefing", "Action plan"];
        Assert.Equal(
            [.. features.Select(f => $"{f} of ours: 200"), .. features.Select(f => $"{f} of former: 403 {LinkAnswers.ForbiddenText}")],
            answers);
        Assert.Equal(["audit.exported", "workshop.exported", "briefing.exported", "action-plan.exported"], logged);
    }

    private async Task<IReadOnlyList<(string Feature, string Path)>> LinksAsync(string tenant, Audit audit, WorkshopSession workshop)
    {
        var links = host.Host.Get<SignedLinks>();
        var soon = host.Host.Get<TimeProvider>().GetUtcNow().AddMinutes(10);
        async Task<string> Sign<TGrant>(string purpose, TGrant grant) => await links.SignAsync(purpose, grant, soon, default);
        return
        [
            ("Audit returns", "/api/exports/" + await Sign(AuditExport.Purpose, new ExportGrant(audit.Id, "csv", TabSeed.SeedChair))),
            ("Workshop results", $"/api/workshops/{await Sign(WorkshopExportGrant.Purpose,
                new WorkshopExportGrant(workshop.Id, TabSeed.SeedChair))}.csv"),
            ("Briefing", $"/api/briefings/{await Sign(BriefingDownloadLinks.Purpose,
                new DownloadGrant(audit.Id, 1, BriefingDownloadLinks.Docx, TabSeed.SeedChair))}.docx"),
            ("Action plan", $"/api/actions/{await Sign(ActionPlanExport.Purpose,
                new ActionPlanGrant(audit.Id, tenant, TabSeed.SeedChair))}.xlsx"),
        ];
    }

    /// <summary>
    /// The bot of one partnership that once also served a neighbouring organisation (<see cref="TabHost.OtherTenant"/>), now
    /// taken off its list: each organisation's audit, with an approved briefing, a workshop and an action plan, is still stored.
    /// </summary>
    public sealed class FormerPartner : TabHost
    {
        public List<(string Tenant, Audit Audit, WorkshopSession Workshop)> Seeded { get; } = [];

        protected override void Configure(BotTestHostOptions options) =>
            options.Settings.Remove("WorkshopBot:AllowedTenants:1");

        protected override async Task SeedAsync(DateTimeOffset now)
        {
            foreach (var tenant in new[] { BotTestHost.TenantId, OtherTenant })
            {
                var audit = await TabSeed.AuditAsync(Host, tenant, new SeedAudit("Neglect audit", "Neglect", now.AddMonths(-2), 1,
                    ["County Police"], ["good"]));
                await TabSeed.BriefingAsync(Host, audit);
                var workshop = WorkshopSession.Start(Guid.NewGuid(), audit,
                    new WorkshopConversation("https://smba.example.org/", "19:workshop@thread.tacv2", tenant), now);
                var plan = ActionPlan.Start(audit.Id, tenant, audit.Title, audit.Chair, null, "https://smba.example.org/",
                    "19:qa@thread.tacv2", now);
                await Host.WorkAsync(async services =>
                {
                    Assert.True(await services.GetRequiredService<WorkshopRepository>().InsertAsync(workshop, CancellationToken.None));
                    Assert.True(await services.GetRequiredService<ActionStore>().InsertPlanAsync(plan, CancellationToken.None));
                });
                Seeded.Add((tenant, audit, workshop));
            }
        }
    }
}
