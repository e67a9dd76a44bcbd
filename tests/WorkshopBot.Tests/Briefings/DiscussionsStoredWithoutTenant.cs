using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Briefings.Domain;
using WorkshopBot.Briefings.Storage;
using WorkshopBot.Briefings.Teams;
using WorkshopBot.Common;
using WorkshopBot.Common.Privacy;
using WorkshopBot.Common.Teams;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Foundation;
using WorkshopBot.Tests.Insights;
using WorkshopBot.Tests.Storage;
using WorkshopBot.Tests.Support;
using WorkshopBot.Workshop.Domain;

namespace WorkshopBot.Tests.Briefings;

/// <summary>
/// Team discussions recorded before people's tenants were kept (their recorder without a tenant, the row without one):
/// no turn of a tenant could read them, so the chair's use of the briefing and the QA sub-group's cross-audit view left
/// them out. After migration 1400 they are counted for the briefing's own organisation (the chair's card, the tab for
/// the chair and a QA sub-group member) and never for the neighbouring one the bot also serves; a discussion stored with
/// its tenant is counted before and after.
/// </summary>
internal static class DiscussionsStoredWithoutTenant
{
    private const string OurTitle = "Neglect audit winter";
    private const string TheirTitle = "Neighbouring partnership audit";
    private static readonly TestUser SeedChair = new("29:seed-chair", "seed-chair", "Seed Chair");

    public static async Task RunAsync(string? postgres)
    {
        var tab = new TwoPartnerships(postgres);
        await tab.InitializeAsync();
        try
        {
            await StoreOldStyleAsync(tab.Host, "Early Help North", "Other MASH");

            // As stored by the older version: only the discussion recorded with its tenant is counted.
            Assert.Equal(["Health Visiting West"], await TeamsAsync(tab, TabHost.Chair, BotTestHost.TenantId, OurTitle));
            Assert.Equal([], await TeamsAsync(tab, TabHost.Chair, TabHost.OtherTenant, TheirTitle));
            Assert.Contains("no discussion recorded yet", await UsageAsync(tab, tab.Ours, BotTestHost.TenantId), StringComparison.Ordinal);

            await MigrateAgainAsync(tab.Host);

            Assert.Equal(["Early Help North", "Health Visiting West"],
                await TeamsAsync(tab, TabHost.Chair, BotTestHost.TenantId, OurTitle));
            Assert.Equal(["Early Help North", "Health Visiting West"],
                await TeamsAsync(tab, TabHost.QaMember, BotTestHost.TenantId, OurTitle));
            Assert.Equal(["Other MASH"], await TeamsAsync(tab, TabHost.Chair, TabHost.OtherTenant, TheirTitle));

            var ours = await UsageAsync(tab, tab.Ours, BotTestHost.TenantId);
            Assert.DoesNotContain("no discussion recorded yet", ours, StringComparison.Ordinal);
            Assert.Contains("(Early Help North lead)", ours, StringComparison.Ordinal);
            Assert.DoesNotContain("Other MASH", ours, StringComparison.Ordinal);
            var theirs = await UsageAsync(tab, tab.Theirs, TabHost.OtherTenant);
            Assert.Contains("1 discussion recorded, 8 attended.", theirs, StringComparison.Ordinal);
            Assert.Contains("(Other MASH lead)", theirs, StringComparison.Ordinal);
            Assert.DoesNotContain("Early Help North", theirs, StringComparison.Ordinal);
            var across = await UsageAsync(tab, tab.Ours, TabHost.OtherTenant);
            Assert.Contains(Reply.NotAvailableTitle, across, StringComparison.Ordinal);
            Assert.DoesNotContain("Early Help North", across, StringComparison.Ordinal);
        }
        finally
        {
            await tab.DisposeAsync();
        }
    }

    /// <summary>The teams the tab shows as having discussed the briefing of <paramref name="title"/>, for one viewer.</summary>
    private static async Task<List<string>> TeamsAsync(TwoPartnerships tab, string viewer, string tenant, string title)
    {
        using var response = await tab.GetAsync("/tab/api/summary", tab.Token(viewer, tenant: tenant));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var view = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var briefing = view.GetProperty("briefings").EnumerateArray().Single(b => b.GetProperty("title").GetString() == title);
        return briefing.GetProperty("teams").EnumerateArray().Select(t => t.GetString()!).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>The chair's "use of the briefing" card, pressed by the audit's chair object id from <paramref name="tenant"/>.</summary>
    private static async Task<string> UsageAsync(TwoPartnerships tab, Audit audit, string tenant)
    {
        var press = tab.Host.CardAction(SeedChair, BotTestHost.PersonalChat(SeedChair), DiscussionScreen.Usage, new UsageData(audit.Id));
        var answer = await tab.Host.InvokeAsync(TenantMatrix.InTenant(press, tenant));
        return answer.Card!.Value.GetRawText();
    }

    /// <summary>Rewrites the discussions of these teams as a bot before people's tenants were kept stored them.</summary>
    private static async Task StoreOldStyleAsync(BotTestHost host, params string[] teams)
    {
        await using var connection = await host.Get<StorageDatabase>().OpenAsync(CancellationToken.None);
        var rows = (await connection.QueryAsync<(string Id, string Json)>(
            "SELECT id, json FROM documents WHERE collection = @collection",
            new { collection = BriefingStore.Discussions.Collection })).ToList();
        var rewritten = 0;
        foreach (var (id, json) in rows)
        {
            var document = JsonNode.Parse(json)!.AsObject();
            if (!teams.Contains((string?)document["teamName"]))
            {
                continue;
            }

            document["recordedBy"]!.AsObject().Remove("tenantId");
            rewritten += await connection.ExecuteAsync(
                "UPDATE documents SET json = @json, tenant_id = NULL, stamp = NULL WHERE collection = @collection AND id = @id",
                new { json = document.ToJsonString(), collection = BriefingStore.Discussions.Collection, id });
        }

        Assert.Equal(teams.Length, rewritten);
    }

    /// <summary>Runs migration 1400 again, as the first start of this version does on a database the older one left.</summary>
    private static async Task MigrateAgainAsync(BotTestHost host)
    {
        await using (var connection = await host.Get<StorageDatabase>().OpenAsync(CancellationToken.None))
        {
            Assert.Equal(1, await connection.ExecuteAsync("DELETE FROM schema_migrations WHERE version = 1400"));
        }

        Assert.Equal([1400], await host.Get<StorageMigrator>().MigrateAsync());
    }

    /// <summary>Our partnership's audit and a neighbour's, each with a briefing published to channels that discussed it.</summary>
    private sealed class TwoPartnerships(string? postgres) : TabHost
    {
        public Audit Ours { get; private set; } = null!;

        public Audit Theirs { get; private set; } = null!;

        protected override void Configure(BotTestHostOptions options) => options.PostgresConnectionString = postgres;

        protected override async Task SeedAsync(DateTimeOffset now)
        {
            string[] agencies = ["County Police", "Health Visiting"];
            Ours = await TabSeed.AuditAsync(Host, BotTestHost.TenantId,
                new SeedAudit(OurTitle, "Neglect", now.AddMonths(-4), 1, agencies, ["good"]));
            Theirs = await TabSeed.AuditAsync(Host, OtherTenant,
                new SeedAudit(TheirTitle, "Neglect", now.AddMonths(-4), 1, agencies, ["good"]));
            await PublishedAsync(Ours, "Early Help North", "Health Visiting West");
            await PublishedAsync(Theirs, "Other MASH");
        }

        private async Task PublishedAsync(Audit audit, params string[] teams)
        {
            var chair = audit.Chair;
            var at = audit.IssuedAt!.Value.AddDays(30);
            var briefing = BriefingFixtures.Composer.Compose(BriefingSource.From(audit, [], new WorkshopOutcome(audit.Id, [], [])),
                DateOnly.FromDateTime(at.UtcDateTime));
            var record = BriefingRecord.Start(briefing, chair, at);
            Assert.True(record.Approve(1, chair, at, new FreeTextCheck(IdentifierScanner.Default),
                audit.Cases.Select(c => c.Reference.ToString()).ToList()).Succeeded);
            foreach (var team in teams)
            {
                record.RecordPublication(new ChannelPublication(1, Channel(team), null, Channel(team), team, "https://smba.example.org/",
                    audit.TenantId!, "post-" + team, at, chair, FileUploadState.NotConfigured, null, null));
            }

            await Host.WorkAsync(async services =>
            {
                var store = services.GetRequiredService<BriefingStore>();
                Assert.True(await store.TryInsertAsync(record, CancellationToken.None));
                foreach (var team in teams)
                {
                    var by = new PersonRef("lead-" + team, team + " lead") { TenantId = audit.TenantId };
                    Assert.True(await store.AddDiscussionAsync(new TeamDiscussion(Guid.NewGuid(), audit.Id, 1, Channel(team), team,
                        DateOnly.FromDateTime(at.UtcDateTime).AddDays(3), 8, "We talked it through.", "Check records.", by,
                        at.AddDays(3), false), CancellationToken.None));
                }
            });
        }

        private static string Channel(string team) => "19:" + team.Replace(' ', '-') + "@thread.tacv2";
    }
}

/// <summary>On SQLite.</summary>
public sealed class DiscussionsStoredWithoutTenantOnSqlite
{
    [Fact]
    public Task AfterMigrationTheyAreCountedForTheirBriefingsTenantOnly() => DiscussionsStoredWithoutTenant.RunAsync(null);
}

/// <summary>On a real PostgreSQL server.</summary>
[Collection(PostgresCollection.Name)]
public sealed class DiscussionsStoredWithoutTenantOnPostgres(PostgresServerFixture server)
{
    [Fact]
    public async Task AfterMigrationTheyAreCountedForTheirBriefingsTenantOnly() =>
        await DiscussionsStoredWithoutTenant.RunAsync(await server.CreateDatabaseAsync());
}
