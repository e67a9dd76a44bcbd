using Microsoft.Extensions.DependencyInjection;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Briefings.Domain;
using WorkshopBot.Briefings.Storage;
using WorkshopBot.Briefings.Teams;
using WorkshopBot.Common;
using WorkshopBot.Common.Storage;
using WorkshopBot.Storage;

namespace WorkshopBot.Tests.Briefings;

/// <summary>
/// Under a legal hold nothing of the audit is removed: a team's recorded discussion is neither removed nor moved to another
/// date (which replaces its record), by the person who recorded it or by the chair. They are told why, politely; anyone
/// else gets the same answer as before, which says nothing of the record or the hold. Once the hold is released the record
/// can be corrected again.
/// </summary>
public sealed class DiscussionUnderLegalHold : IAsyncLifetime
{
    private const string Alpha = "19:alpha@thread.tacv2";
    private static readonly PersonRef Manager = new("manager-oid", "Team Manager");
    private static readonly PersonRef Deputy = new("deputy-oid", "Deputy Manager");
    private BriefingFlowHarness _h = null!;

    private Guid AuditId => _h.Audit.Id;

    public async Task InitializeAsync() => _h = await BriefingFlowHarness.StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task ARecordedDiscussionIsNeitherRemovedNorMovedWhileTheAuditIsHeld()
    {
        await PublishAsync();
        _h.Clock.Advance(TimeSpan.FromDays(1));
        await _h.PostAsync(Manager, DiscussionScreen.Save, new DiscussionSaveData(AuditId, 1, Alpha, "2026-04-15", "9",
            "We will ask about fathers at every visit", null, null), Alpha);
        var recorded = Assert.Single(await DiscussionsAsync());
        await HoldAsync(true);
        var logged = (await LogAsync()).Count;

        var answers = new[]
        {
            await _h.PostAsync(Manager, DiscussionScreen.Correct, Meeting("2026-04-15"), Alpha),
            await _h.PostAsync(Manager, DiscussionScreen.Remove, new DiscussionRemoveData(AuditId, 1, Alpha, "2026-04-15", true), Alpha),
            await _h.PostAsync(BriefingFlowHarness.Chair, DiscussionScreen.Remove,
                new DiscussionRemoveData(AuditId, 1, Alpha, "2026-04-15", true), Alpha),
            await _h.PostAsync(Manager, DiscussionScreen.Move, new DiscussionMoveData(AuditId, 1, Alpha, "2026-04-15", "2026-04-14"),
                Alpha),
        };
        var deputy = await _h.PostAsync(Deputy, DiscussionScreen.Remove, new DiscussionRemoveData(AuditId, 1, Alpha, "2026-04-15",
            true), Alpha);

        Assert.All(answers, a => Assert.Contains("This audit is on legal hold", a, StringComparison.Ordinal));
        Assert.All(answers, a => Assert.Contains("Nothing was changed.", a, StringComparison.Ordinal));
        Assert.Contains("Only the person who recorded a discussion, or the audit's chair", deputy, StringComparison.Ordinal);
        Assert.DoesNotContain("legal hold", deputy, StringComparison.Ordinal);
        var kept = Assert.Single(await DiscussionsAsync());
        Assert.Equal((recorded.Id, recorded.DiscussedOn, 9), (kept.Id, kept.DiscussedOn, kept.Attended));
        Assert.Equal(logged, (await LogAsync()).Count);

        // Released, the record is the team's to correct again.
        await HoldAsync(false);
        var moved = await _h.PostAsync(Manager, DiscussionScreen.Move, new DiscussionMoveData(AuditId, 1, Alpha, "2026-04-15",
            "2026-04-14"), Alpha);
        Assert.Contains("is now dated 14 April 2026", moved, StringComparison.Ordinal);
        Assert.Equal(new DateOnly(2026, 4, 14), Assert.Single(await DiscussionsAsync()).DiscussedOn);
    }

    private DiscussionMeetingData Meeting(string date) => new(AuditId, 1, Alpha, date);

    private async Task HoldAsync(bool hold) => Assert.True(await _h.Services.GetRequiredService<WorkRunner>().RunAsync(
        async (scope, ct) => (await scope.GetRequiredService<AuditStore>().ChangeAuditAsync(AuditId,
            a => hold ? a.PlaceLegalHold() : a.ReleaseLegalHold(), ct)).Saved, CancellationToken.None));

    private async Task<IReadOnlyList<AuditEvent>> LogAsync() =>
        await _h.Services.GetRequiredService<IAuditLog>().ListAsync("briefing", AuditId.ToString("D"));

    private async Task<IReadOnlyList<TeamDiscussion>> DiscussionsAsync()
    {
        using var scope = _h.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<BriefingStore>().ListDiscussionsAsync(AuditId, default);
    }

    private async Task PublishAsync()
    {
        await _h.AddChannelAsync(Alpha, "Alpha");
        await _h.PostAsync(BriefingFlowHarness.Chair, ComposeScreen.Open, new OpenBriefingData(AuditId));
        await _h.PostAsync(BriefingFlowHarness.Chair, ComposeScreen.Approve, new ApproveData(AuditId, 1));
        await _h.PostAsync(BriefingFlowHarness.Chair, PublishScreen.Publish, new PublishData(AuditId, 1, Alpha));
        await _h.DrainAsync();
    }
}
