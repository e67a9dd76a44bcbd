using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WorkshopBot.ActionPlans.Domain;
using WorkshopBot.ActionPlans.Storage;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Common;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Storage;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Insights;

/// <summary>
/// Another tenant's audits, returns, briefings and actions never enter a partnership's view, even when they use the same
/// agency names or name one of its audits: the view reads by tenant in SQL (documents' tenant index, return_grades).
/// </summary>
internal static class TabTenantIsolation
{
    public static async Task RunAsync(string? postgres)
    {
        var tab = new NeighbourTab(postgres);
        await tab.InitializeAsync();
        try
        {
            using var response = await tab.GetAsync("/tab/api/summary", tab.Token(TabHost.Chair));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var text = await response.Content.ReadAsStringAsync();
            var view = JsonDocument.Parse(text).RootElement;

            Assert.Equal(3, view.GetProperty("auditsHeld").GetInt32());
            Assert.Equal(5, view.GetProperty("casesAudited").GetInt32());
            Assert.Equal(15, view.GetProperty("returnsGraded").GetInt32());
            Assert.Equal(["Children's Social Care", "County Police", "Health Visiting"],
                view.GetProperty("agencies").EnumerateArray().Select(a => a.GetString()));
            var neglect = view.GetProperty("perAudit").EnumerateArray()
                .Single(a => a.GetProperty("title").GetString() == "Neglect audit autumn");
            Assert.Equal(6, neglect.GetProperty("counts").EnumerateArray().Sum(c => c.GetInt32()));
            var actions = view.GetProperty("actions").EnumerateArray().ToDictionary(a => a.GetProperty("agency").GetString()!);
            Assert.Equal(["County Police", "Health Visiting", "Children's Social Care"], actions.Keys);
            Assert.Equal(2, actions["County Police"].GetProperty("open").GetInt32());
            Assert.Equal(2, actions["County Police"].GetProperty("overdue").GetInt32());
            Assert.DoesNotContain("Neighbouring", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Other MASH", text, StringComparison.Ordinal);

            using var theirs = await tab.GetAsync("/tab/api/summary", tab.Token(TabHost.Chair, tenant: TabHost.OtherTenant));
            var other = JsonDocument.Parse(await theirs.Content.ReadAsStringAsync()).RootElement;
            // The neighbour's two audits (TabHost's and this one's) and their three returns; the stray ones name our audit.
            Assert.Equal(2, other.GetProperty("auditsHeld").GetInt32());
            Assert.Equal(3, other.GetProperty("returnsGraded").GetInt32());
            Assert.Equal(2, other.GetProperty("actions").EnumerateArray().Sum(a => a.GetProperty("open").GetInt32()));
        }
        finally
        {
            await tab.DisposeAsync();
        }
    }

    /// <summary>The partnership of <see cref="TabHost"/> and a neighbouring one that uses the same agency names.</summary>
    private sealed class NeighbourTab(string? postgres) : TabHost
    {
        protected override void Configure(BotTestHostOptions options) => options.PostgresConnectionString = postgres;

        protected override async Task SeedAsync(DateTimeOffset now)
        {
            await base.SeedAsync(now);
            var ours = (await Host.Services.GetRequiredService<IDocumentStore>().ListAsync<Audit>(AuditStore.Audits))
                .Select(d => d.Value).Single(a => a.Title == "Neglect audit autumn");
            var theirs = await TabSeed.AuditAsync(Host, OtherTenant, new SeedAudit("Neighbouring partnership audit", "Neglect",
                now.AddMonths(-6), 2, ["County Police"], ["inadequate"]));
            await TabSeed.BriefingAsync(Host, theirs, "Other MASH");
            await TabSeed.ActionAsync(Host, theirs, 1, "County Police", Today.AddDays(-9), Themes.InformationSharing);
            await TabSeed.ActionAsync(Host, theirs, 2, "Health Visiting", Today.AddDays(-9), Themes.FathersAndMales);

            // The neighbour's return and action that name our audit: they belong to the neighbour, not to us.
            var stray = AuditReturn.Create(Guid.NewGuid(), theirs, theirs.Cases[0].Reference, theirs.Agencies[0].Id).ValueOrThrow();
            var by = new PersonRef("rep-stray", "County Police");
            foreach (var section in stray.Sections)
            {
                stray.SaveSection(section.Id, section.Questions.Select(q => new AnswerInput(q.Id, AnswerValue.No, "Seen.")).ToList(),
                    stray.Version, by, now).ValueOrThrow();
            }

            stray.SaveSummary(new ReturnSummaryInput("Prompt", "Slow", "Sooner", "inadequate"), stray.Version, by, now).ValueOrThrow();
            Assert.True(stray.Submit(stray.Version, by, now).Succeeded);
            var json = JsonSerializer.Serialize(stray, DocumentStoreExtensions.DefaultJsonOptions)
                .Replace(theirs.Id.ToString("D"), ours.Id.ToString("D"), StringComparison.Ordinal);
            var moved = JsonSerializer.Deserialize<AuditReturn>(json, DocumentStoreExtensions.DefaultJsonOptions)!;
            var chair = new PersonRef("seed-chair", "Seed Chair") { TenantId = OtherTenant };
            var lead = new PersonRef("lead-stray", "County Police lead") { TenantId = OtherTenant };
            var action = PlannedAction.Create(Guid.NewGuid(), OtherTenant, ours.Id, ours.Title, 9, new ActionDraft("Share sooner",
                "County Police", new ActionLead(lead, null), Today.AddDays(-3), "Shared", [Themes.InformationSharing], null),
                chair, now.AddDays(-30)).ValueOrThrow();
            await Host.WorkAsync(async services =>
            {
                Assert.True(await services.GetRequiredService<AuditStore>().InsertReturnAsync(moved, CancellationToken.None));
                Assert.True(await services.GetRequiredService<ActionStore>().InsertAsync(action, CancellationToken.None));
            });
        }
    }
}

/// <summary>On SQLite.</summary>
public sealed class TabTenantIsolationOnSqlite
{
    [Fact]
    public Task AnotherTenantsAuditsReturnsAndActionsNeverEnterTheView() => TabTenantIsolation.RunAsync(null);
}

/// <summary>On a real PostgreSQL server.</summary>
[Collection(PostgresCollection.Name)]
public sealed class TabTenantIsolationOnPostgres(PostgresServerFixture server)
{
    [Fact]
    public async Task AnotherTenantsAuditsReturnsAndActionsNeverEnterTheView() =>
        await TabTenantIsolation.RunAsync(await server.CreateDatabaseAsync());
}
