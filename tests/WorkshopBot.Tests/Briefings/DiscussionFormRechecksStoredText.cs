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
/// "Our team discussed this" shows the meeting already recorded in the channel filled in, so whoever opens it reads what
/// another practitioner typed. That text is read again before it is shown, as the chair's view of the briefing's use reads it:
/// a reflection stored under an earlier rule that today's check would change (a full postcode, an NHS number) is not put back
/// in the form; its box is empty with a neutral placeholder, while a text that passes is shown as it was typed.
/// </summary>
public sealed class DiscussionFormRechecksStoredText : IAsyncLifetime
{
    private const string Alpha = "19:alpha@thread.tacv2";
    private const string CleanActions = "Add fathers to the visit checklist";
    private static readonly PersonRef Practitioner = new("practitioner-oid", "Team Manager") { TenantId = BriefingFlowHarness.Tenant };
    private BriefingFlowHarness _h = null!;

    private Guid AuditId => _h.Audit.Id;

    public async Task InitializeAsync() => _h = await BriefingFlowHarness.StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task AReflectionThatFailsTodaysCheckIsNotShownAgain()
    {
        await PublishedAsync();
        await StoreAsync(IdentifierSweepScenarios.Reflections, CleanActions);

        var form = await _h.PostAsync(Practitioner, DiscussionScreen.Form, new DiscussionFormData(AuditId, 1, Alpha), Alpha);

        Assert.All(IdentifierSweepScenarios.Removed, removed => Assert.DoesNotContain(removed, form, StringComparison.Ordinal));
        Assert.DoesNotContain("The family moved to", form, StringComparison.Ordinal);
        Assert.Single(Occurrences(form, DiscussionCard.WithheldPlaceholder));
        // The team's actions pass the check, so they are shown as typed; and the form still says which meeting it updates.
        Assert.Contains(CleanActions, form, StringComparison.Ordinal);
        Assert.Contains("Team Manager", form, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TextsThatPassAreShownAsTypedWithNoPlaceholder()
    {
        await PublishedAsync();
        await StoreAsync("We will ask about fathers at every visit", CleanActions);

        var form = await _h.PostAsync(Practitioner, DiscussionScreen.Form, new DiscussionFormData(AuditId, 1, Alpha), Alpha);

        Assert.Contains("We will ask about fathers at every visit", form, StringComparison.Ordinal);
        Assert.Contains(CleanActions, form, StringComparison.Ordinal);
        Assert.DoesNotContain(DiscussionCard.WithheldPlaceholder, form, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BothTextsFailingLeaveBothBoxesEmpty()
    {
        await PublishedAsync();
        await StoreAsync(IdentifierSweepScenarios.Reflections, IdentifierSweepScenarios.TeamActions);

        var form = await _h.PostAsync(Practitioner, DiscussionScreen.Form, new DiscussionFormData(AuditId, 1, Alpha), Alpha);

        Assert.All(IdentifierSweepScenarios.Removed, removed => Assert.DoesNotContain(removed, form, StringComparison.Ordinal));
        Assert.DoesNotContain("07700 900123", form, StringComparison.Ordinal);
        Assert.Equal(2, Occurrences(form, DiscussionCard.WithheldPlaceholder).Count);
    }

    private async Task PublishedAsync()
    {
        await _h.AddChannelAsync(Alpha, "Alpha");
        await _h.PostAsync(BriefingFlowHarness.Chair, ComposeScreen.Open, new OpenBriefingData(AuditId));
        await _h.PostAsync(BriefingFlowHarness.Chair, ComposeScreen.Approve, new ApproveData(AuditId, 1));
        await _h.PostAsync(BriefingFlowHarness.Chair, PublishScreen.Publish, new PublishData(AuditId, 1, Alpha));
        await _h.DrainAsync();
    }

    /// <summary>A meeting stored as an earlier instance, whose check let these texts through, could have kept it.</summary>
    private async Task StoreAsync(string reflections, string teamActions)
    {
        var discussion = new TeamDiscussion(Guid.NewGuid(), AuditId, 1, Alpha, "Early Help team", new DateOnly(2026, 4, 20), 8,
            reflections, teamActions, Practitioner, _h.Clock.GetUtcNow(), true);
        Assert.True(await _h.Services.GetRequiredService<WorkRunner>().RunAsync((services, _) =>
            services.GetRequiredService<BriefingStore>().AddDiscussionAsync(discussion, CancellationToken.None), CancellationToken.None));
    }

    private static List<int> Occurrences(string text, string part)
    {
        var found = new List<int>();
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + 1, StringComparison.Ordinal))
        {
            found.Add(at);
        }

        return found;
    }
}
