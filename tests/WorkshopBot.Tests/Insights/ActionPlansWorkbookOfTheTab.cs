using System.Net;
using Microsoft.Extensions.DependencyInjection;
using WorkshopBot.ActionPlans.Domain;
using WorkshopBot.ActionPlans.Storage;
using WorkshopBot.ActionPlans.Teams;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Briefings.Domain;
using WorkshopBot.Briefings.Storage;
using WorkshopBot.Briefings.Teams;
using WorkshopBot.Common;
using WorkshopBot.Storage;
using WorkshopBot.Tests.ActionPlans;
using WorkshopBot.Tests.Privacy;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Insights;

/// <summary>
/// The tab's download of the action plans (<c>/tab/api/actions.xlsx</c>), through the real pipeline with a signed tab token:
/// an action made from a recommendation of a briefing since withdrawn is listed with the recommendation's number and that
/// its briefing was withdrawn, never its wording; an action of a briefing that stands shows its recommendation as written.
/// </summary>
public sealed class ActionPlansWorkbookOfTheTab(ActionPlansWorkbookOfTheTab.RecommendationsTab tab)
    : IClassFixture<ActionPlansWorkbookOfTheTab.RecommendationsTab>
{
    private const string WithdrawnWhat = "Draft the information-sharing protocol with health";
    private const string LiveWhat = "Set up the weekly interview-note handover";

    [Fact]
    public async Task AWithdrawnBriefingsRecommendationIsListedWithTheNoteAndWithoutItsWording()
    {
        using var response = await tab.GetAsync("/tab/api/actions.xlsx", tab.Token(TabHost.Chair));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(XlsxWorkbook.ContentType, response.Content.Headers.ContentType?.MediaType);
        var sheets = ActionPlanWorkbook.Read(await response.Content.ReadAsByteArrayAsync());
        var rows = sheets["Action plan"].Skip(1).ToList();
        var (what, recommendation) = (Column("What will be done"), Column("Recommendation"));
        Assert.Equal($"Recommendation {tab.WithdrawnNumber} {RecommendationWording.FromWithdrawn}",
            rows.Single(r => r[what] == WithdrawnWhat)[recommendation]);
        Assert.Equal(tab.LiveRecommendation, rows.Single(r => r[what] == LiveWhat)[recommendation]);
        Assert.DoesNotContain(sheets.Values.SelectMany(s => s).SelectMany(r => r),
            cell => cell.Contains(ActionScenario.PartnershipRecommendation, StringComparison.Ordinal));
    }

    /// <summary>
    /// Stored text is read again on its way out, as in the chair's own download: a progress note stored with a labelled date
    /// of birth (as a confirmation once let it be kept) leaves with the sweep's marker, and the download's audit-log entry
    /// counts the cells changed, without their text.
    /// </summary>
    [Fact]
    public async Task StoredTextIsReadAgainAndTheLogCountsTheCellsChanged()
    {
        var log = tab.Host.Get<IAuditLog>();
        var before = (await log.ListRecentAsync(1000)).Select(e => e.Id).ToHashSet();

        using var response = await tab.GetAsync("/tab/api/actions.xlsx", tab.Token(TabHost.Chair));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cells = ActionPlanWorkbook.Read(await response.Content.ReadAsByteArrayAsync()).Values
            .SelectMany(rows => rows).SelectMany(row => row).ToList();
        Assert.DoesNotContain(cells, c => c.Contains("12/03/2019", StringComparison.Ordinal));
        // The latest update on the plan's sheet and the same note on the History sheet.
        Assert.Equal(2, cells.Count(c => c == IdentifierSweepScenarios.SweptNote));
        var entry = Assert.Single(await log.ListRecentAsync(1000),
            e => !before.Contains(e.Id) && e.Action == "insights.action-plans.exported");
        Assert.Contains("\"redactedCells\":2,\"notChecked\":0", entry.DetailJson!, StringComparison.Ordinal);
        Assert.DoesNotContain("2019", entry.DetailJson!, StringComparison.Ordinal);
        Assert.DoesNotContain("born", entry.DetailJson!, StringComparison.Ordinal);
    }

    private static int Column(string header) => Array.IndexOf(ActionPlanXlsx.Headers, header);

    /// <summary>
    /// Two audits, each with its approved briefing posted to a channel and an action made from one of its recommendations;
    /// the first audit's briefing was then withdrawn by its chair.
    /// </summary>
    public sealed class RecommendationsTab : TabHost
    {
        public int WithdrawnNumber { get; private set; }

        public string LiveRecommendation { get; private set; } = string.Empty;

        protected override async Task SeedAsync(DateTimeOffset now)
        {
            var chair = new PersonRef(Chair, "Tab Chair") { TenantId = BotTestHost.TenantId };
            var (withdrawn, first) = await ActionScenario.SeedAsync(Host, chair, now.AddDays(-40));
            var (live, second) = await ActionScenario.SeedAsync(Host, chair, now.AddDays(-20));
            var partnership = Recommendations(first).First(r => r.Text == ActionScenario.PartnershipRecommendation);
            var police = Recommendations(second).First(r => !r.IsPartnership);
            (WithdrawnNumber, LiveRecommendation) = (partnership.Number, police.Text);
            await ActionAsync(withdrawn, WithdrawnWhat, partnership, now);
            var liveAction = await ActionAsync(live, LiveWhat, police, now);
            // A progress note with a labelled date of birth, stored as a confirmation once let it be (the screens refuse it now).
            var lead = new PersonRef("lead-police", "Police lead") { TenantId = live.TenantId };
            await Host.WorkAsync(async services => Assert.True((await services.GetRequiredService<ActionStore>().ChangeAsync(liveAction,
                a => a.RecordProgress(lead, ActionRag.Amber, IdentifierSweepScenarios.Note, identifierWarningConfirmed: true, now),
                CancellationToken.None)).Saved));
            foreach (var audit in new[] { withdrawn, live })
            {
                await PostedAsync(audit, chair, now);
            }

            await Host.WorkAsync(async services => Assert.Null((await services.GetRequiredService<BriefingPublisher>()
                .WithdrawAsync(withdrawn.Id, chair, true, CancellationToken.None)).Result.Error));
        }

        private static IReadOnlyList<Recommendation> Recommendations(Briefing briefing) =>
            BriefingRecommendations.Of(briefing, ActionScenario.Identifiers, [ActionScenario.CaseReference]);

        private async Task<Guid> ActionAsync(Audit audit, string what, Recommendation recommendation, DateTimeOffset now)
        {
            var lead = new PersonRef("lead-police", "Police lead") { TenantId = audit.TenantId };
            var action = PlannedAction.Create(Guid.NewGuid(), audit.TenantId!, audit.Id, audit.Title, 1,
                new ActionDraft(what, "County Police", new ActionLead(lead, null), DateOnly.FromDateTime(now.UtcDateTime).AddDays(30),
                    "Every interview note reaches health within two working days", [Themes.InformationSharing], recommendation.Text)
                {
                    RecommendationFrom = new RecommendationOrigin(1, recommendation.Number),
                },
                audit.Chair, now).ValueOrThrow();
            await Host.WorkAsync(async services =>
                Assert.True(await services.GetRequiredService<ActionStore>().InsertAsync(action, CancellationToken.None)));
            return action.Id;
        }

        private Task PostedAsync(Audit audit, PersonRef chair, DateTimeOffset now) => Host.WorkAsync(async services =>
            Assert.True((await services.GetRequiredService<BriefingStore>().ChangeAsync(audit.Id, r =>
            {
                r.RecordPublication(new ChannelPublication(1, "19:alpha@thread.tacv2", "Channel",
                    "3f1a0c52-0000-4000-8000-000000000001", "Early Help team", "https://smba.example.org/", BotTestHost.TenantId,
                    "post-" + audit.Id.ToString("N"), now.AddDays(-1), chair, FileUploadState.NotConfigured, null, null));
                return DomainResult.Ok;
            }, CancellationToken.None)).Saved));
    }
}
