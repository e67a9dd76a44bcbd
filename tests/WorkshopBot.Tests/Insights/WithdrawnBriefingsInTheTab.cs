using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Briefings.Domain;
using WorkshopBot.Briefings.Storage;
using WorkshopBot.Common;
using WorkshopBot.Common.Privacy;
using WorkshopBot.Tests.ActionPlans;
using WorkshopBot.Tests.Briefings;
using WorkshopBot.Tests.Support;
using WorkshopBot.Workshop.Domain;

namespace WorkshopBot.Tests.Insights;

/// <summary>
/// The cross-audit tab counts as "posted to" only the channels where a post of the briefing is not withdrawn: a withdrawn
/// briefing counts none, says "Withdrawn" where it said it was approved, and keeps the teams that discussed it before.
/// </summary>
public sealed class WithdrawnBriefingsInTheTab(WithdrawnBriefingsInTheTab.TwoBriefingsTab tab)
    : IClassFixture<WithdrawnBriefingsInTheTab.TwoBriefingsTab>
{
    private const string Neglect = "Neglect audit";
    private const string Domestic = "Domestic abuse audit";

    [Fact]
    public async Task TheJsonTheTabAndTheWorkbookCountOnlyChannelsNotWithdrawn()
    {
        using var json = await tab.GetAsync("/tab/api/summary", tab.Token(TabHost.Chair));
        using var html = await tab.GetAsync("/tab/api/view", tab.Token(TabHost.Chair));
        using var xlsx = await tab.GetAsync("/tab/api/summary.xlsx", tab.Token(TabHost.Chair));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK), (json.StatusCode, html.StatusCode, xlsx.StatusCode));
        var briefings = JsonDocument.Parse(await json.Content.ReadAsStringAsync()).RootElement.GetProperty("briefings").EnumerateArray()
            .ToDictionary(b => b.GetProperty("title").GetString()!, b => b.Clone());
        Assert.Equal((0, true), (briefings[Neglect].GetProperty("channelsPosted").GetInt32(),
            briefings[Neglect].GetProperty("withdrawn").GetBoolean()));
        Assert.Equal((2, false), (briefings[Domestic].GetProperty("channelsPosted").GetInt32(),
            briefings[Domestic].GetProperty("withdrawn").GetBoolean()));
        Assert.Equal(["Early Help North"], briefings[Neglect].GetProperty("teams").EnumerateArray().Select(t => t.GetString()));
        var view = await html.Content.ReadAsStringAsync();
        Assert.Contains($"{Neglect}</td><td>Withdrawn</td><td>0</td>", view, StringComparison.Ordinal);
        Assert.Contains($"{Domestic}</td><td>Yes</td><td>2</td>", view, StringComparison.Ordinal);
        var rows = ActionPlanWorkbook.Read(await xlsx.Content.ReadAsByteArrayAsync())["Briefing use"].Skip(1)
            .ToDictionary(r => r[0]!, r => (r[1], r[2]));
        Assert.Equal(("Withdrawn", "0"), rows[Neglect]);
        Assert.Equal(("Yes", "2"), rows[Domestic]);
    }

    /// <summary>Two audits whose briefings were posted to two channels each; the neglect audit's was then withdrawn.</summary>
    public sealed class TwoBriefingsTab : TabHost
    {
        protected override async Task SeedAsync(DateTimeOffset now)
        {
            var neglect = await TabSeed.AuditAsync(Host, BotTestHost.TenantId, new SeedAudit(Neglect, "Neglect", now.AddMonths(-6), 3,
                ["County Police", "Health Visiting"], ["good", "requires-improvement"]));
            var domestic = await TabSeed.AuditAsync(Host, BotTestHost.TenantId, new SeedAudit(Domestic, "Domestic abuse",
                now.AddMonths(-3), 2, ["Health Visiting", "Children's Social Care"], ["inadequate"]));
            await PostedAsync(neglect, withdrawn: true, "Early Help North");
            await PostedAsync(domestic, withdrawn: false);
        }

        private async Task PostedAsync(Audit audit, bool withdrawn, params string[] teams)
        {
            var chair = audit.Chair;
            var at = audit.IssuedAt!.Value.AddDays(30);
            var briefing = BriefingFixtures.Composer.Compose(BriefingSource.From(audit, [], new WorkshopOutcome(audit.Id, [], [])),
                DateOnly.FromDateTime(at.UtcDateTime));
            var record = BriefingRecord.Start(briefing, chair, at);
            Assert.True(record.Approve(1, chair, at, new FreeTextCheck(IdentifierScanner.Default),
                audit.Cases.Select(c => c.Reference.ToString()).ToList()).Succeeded);
            foreach (var channel in new[] { "19:alpha@thread.tacv2", "19:bravo@thread.tacv2" })
            {
                record.RecordPublication(new ChannelPublication(1, channel, "Channel", "3f1a0c52-0000-4000-8000-000000000001",
                    "Early Help team", "https://smba.example.org/", audit.TenantId!, "post-" + channel, at, chair,
                    FileUploadState.NotConfigured, null, null));
            }

            if (withdrawn)
            {
                Assert.True(record.Withdraw(chair, true, at.AddDays(5)).Succeeded);
            }

            await Host.WorkAsync(async services =>
            {
                var store = services.GetRequiredService<BriefingStore>();
                Assert.True(await store.TryInsertAsync(record, CancellationToken.None));
                foreach (var team in teams)
                {
                    var by = new PersonRef("lead-" + team, team + " lead") { TenantId = audit.TenantId };
                    Assert.True(await store.AddDiscussionAsync(new TeamDiscussion(Guid.NewGuid(), audit.Id, 1, "19:alpha@thread.tacv2",
                        team, DateOnly.FromDateTime(at.UtcDateTime).AddDays(3), 8, "We talked it through.", "Check records.", by,
                        at.AddDays(3), false), CancellationToken.None));
                }
            });
        }
    }
}
