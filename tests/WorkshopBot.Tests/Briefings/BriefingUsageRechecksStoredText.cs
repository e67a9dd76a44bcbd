using Microsoft.Extensions.DependencyInjection;
using WorkshopBot.Briefings.Domain;
using WorkshopBot.Briefings.Storage;
using WorkshopBot.Briefings.Teams;
using WorkshopBot.Common;
using WorkshopBot.Common.Storage;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Privacy;

namespace WorkshopBot.Tests.Briefings;

/// <summary>
/// A team's words reach the chair on the view of the briefing's use, which is a new audience for them, so they are read again
/// as an export reads them: a discussion stored with a full postcode, an NHS number and a labelled date of birth after the
/// start-up sweep ran (as an older instance could have kept it) shows the sweep's markers, never the identifiers.
/// </summary>
public sealed class BriefingUsageRechecksStoredText : IAsyncLifetime
{
    private const string Alpha = "19:alpha@thread.tacv2";
    private BriefingFlowHarness _h = null!;

    private Guid AuditId => _h.Audit.Id;

    public async Task InitializeAsync() => _h = await BriefingFlowHarness.StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task TheChairSeesTheSweepsMarkersNotTheIdentifiers()
    {
        await _h.AddChannelAsync(Alpha, "Alpha");
        await _h.PostAsync(BriefingFlowHarness.Chair, ComposeScreen.Open, new OpenBriefingData(AuditId));
        await _h.PostAsync(BriefingFlowHarness.Chair, ComposeScreen.Approve, new ApproveData(AuditId, 1));
        await _h.PostAsync(BriefingFlowHarness.Chair, PublishScreen.Publish, new PublishData(AuditId, 1, Alpha));
        await _h.DrainAsync();
        var by = new PersonRef("practitioner-oid", "Team Manager") { TenantId = BriefingFlowHarness.Tenant };
        var discussion = new TeamDiscussion(Guid.NewGuid(), AuditId, 1, Alpha, "Early Help team", new DateOnly(2026, 4, 20), 8,
            IdentifierSweepScenarios.Reflections, IdentifierSweepScenarios.TeamActions, by, _h.Clock.GetUtcNow(), true);
        Assert.True(await _h.Services.GetRequiredService<WorkRunner>().RunAsync((services, _) =>
            services.GetRequiredService<BriefingStore>().AddDiscussionAsync(discussion, CancellationToken.None), CancellationToken.None));

        var usage = await _h.PostAsync(BriefingFlowHarness.Chair, DiscussionScreen.Usage, new UsageData(AuditId));

        Assert.Contains("8 attended (Team Manager)", usage, StringComparison.Ordinal);
        Assert.All(IdentifierSweepScenarios.Removed, removed => Assert.DoesNotContain(removed, usage, StringComparison.Ordinal));
        Assert.All(new[] { "postcode removed", "NHS number removed", "date of birth removed" },
            marker => Assert.Contains(marker, usage, StringComparison.Ordinal));
        // What the sweep leaves (a phone number a person may confirm) is shown as stored.
        Assert.Contains("07700 900123", usage, StringComparison.Ordinal);
    }
}
