using Microsoft.Extensions.DependencyInjection;
using WorkshopBot.Briefings.Domain;
using WorkshopBot.Briefings.Storage;
using WorkshopBot.Briefings.Teams;
using WorkshopBot.Common;
using WorkshopBot.Common.Storage;
using WorkshopBot.Storage;

namespace WorkshopBot.Tests.Briefings;

/// <summary>
/// One record per channel, version and meeting date: a deputy recording the same meeting, or the manager saving it again
/// with a word changed, updates that record instead of counting the meeting (and its attendance) again; a different date
/// is another discussion. The form shows the meeting recorded so it can be corrected, and the channel's post says for
/// everyone that the team discussed it.
/// </summary>
public sealed class BriefingDiscussionCorrections : IAsyncLifetime
{
    private const string Alpha = "19:alpha@thread.tacv2";
    private static readonly PersonRef Manager = new("manager-oid", "Team Manager");
    private static readonly PersonRef Deputy = new("deputy-oid", "Deputy Manager");
    private BriefingFlowHarness _h = null!;

    private Guid AuditId => _h.Audit.Id;

    public async Task InitializeAsync() => _h = await BriefingFlowHarness.StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task ADeputyRecordingTheSameMeetingUpdatesTheOneRecord()
    {
        await PublishAsync();
        await SaveAsync(Manager, "2026-04-14", "9", "We will ask about fathers at every visit");

        var form = await _h.PostAsync(Deputy, DiscussionScreen.Form, new DiscussionFormData(AuditId, 1, Alpha), Alpha);
        var saved = await SaveAsync(Deputy, "2026-04-14", "12", "We will ask about fathers at every visit and record it");
        var usage = await _h.PostAsync(BriefingFlowHarness.Chair, DiscussionScreen.Usage, new UsageData(AuditId));

        Assert.Contains("This updates the discussion of 14 April 2026 recorded by Team Manager", form, StringComparison.Ordinal);
        Assert.Contains("We will ask about fathers at every visit", form, StringComparison.Ordinal);
        Assert.Contains("\"value\":\"2026-04-14\"", form, StringComparison.Ordinal);
        Assert.Contains("This updated the discussion of 14 April 2026 recorded by Team Manager: 12 attended", saved,
            StringComparison.Ordinal);
        var only = Assert.Single(await DiscussionsAsync());
        Assert.Equal((12, "manager-oid", "deputy-oid"), (only.Attended, only.RecordedBy.UserId, only.ChangedBy?.UserId));
        Assert.Equal("We will ask about fathers at every visit and record it", only.Reflections);
        Assert.Contains("1 discussion recorded, 12 attended", usage, StringComparison.Ordinal);
        Assert.Contains("(Team Manager, updated by Deputy Manager)", usage, StringComparison.Ordinal);
        var log = await _h.Services.GetRequiredService<IAuditLog>().ListAsync("briefing", AuditId.ToString("D"));
        Assert.Single(log, e => e.Action == DiscussionScreen.Recorded);
        var updated = Assert.Single(log, e => e.Action == DiscussionScreen.Updated);
        Assert.DoesNotContain("fathers", updated.DetailJson ?? string.Empty, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSamePersonSavingEditedTextUpdatesTheRecord()
    {
        await PublishAsync();
        await SaveAsync(Manager, "2026-04-14", "9", "We will ask about fathers at every visit");
        var again = await SaveAsync(Manager, "2026-04-14", "9", "We will ask about fathers at every visit.");

        Assert.Contains("This updated the discussion of 14 April 2026 recorded by Team Manager: 9 attended", again,
            StringComparison.Ordinal);
        Assert.Equal("We will ask about fathers at every visit.", Assert.Single(await DiscussionsAsync()).Reflections);
        var usage = await _h.PostAsync(BriefingFlowHarness.Chair, DiscussionScreen.Usage, new UsageData(AuditId));
        Assert.Contains("1 discussion recorded, 9 attended", usage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADifferentMeetingDateIsASecondDiscussion()
    {
        await PublishAsync();
        await SaveAsync(Manager, "2026-04-14", "9", "We will ask about fathers at every visit");
        _h.Clock.Advance(TimeSpan.FromDays(1));
        var second = await SaveAsync(Deputy, "2026-04-15", "12", "The afternoon team read it too");

        Assert.Contains("Recorded by Deputy Manager: 12 attended on 15 April 2026", second, StringComparison.Ordinal);
        Assert.Equal(2, (await DiscussionsAsync()).Count);
        var usage = await _h.PostAsync(BriefingFlowHarness.Chair, DiscussionScreen.Usage, new UsageData(AuditId));
        Assert.Contains("2 discussions recorded, 21 attended", usage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheChannelsPostSaysForEveryoneThatTheTeamDiscussedIt()
    {
        await PublishAsync();
        var post = await ActivityOfPostAsync();
        var link = (await _h.RecordAsync()).FindPublication(Alpha, 1)!.FileUrl;
        Assert.NotNull(link);

        await SaveAsync(Manager, "2026-04-14", "9", "We will ask about fathers at every visit");
        await _h.DrainAsync();
        var first = LastUpdateOf(post);
        await SaveAsync(Deputy, "2026-04-14", "12", "Corrected by the deputy");
        await _h.DrainAsync();
        var unchanged = UpdatesOf(post);
        _h.Clock.Advance(TimeSpan.FromDays(1));
        await SaveAsync(Deputy, "2026-04-15", "5", "The afternoon team read it too");
        await _h.DrainAsync();

        Assert.NotNull(first);
        Assert.Contains("Discussed on 14 April 2026 (recorded by Team Manager).", first, StringComparison.Ordinal);
        Assert.Contains(link, first, StringComparison.Ordinal);
        Assert.Contains("Our team discussed this", first, StringComparison.Ordinal);
        // The deputy's correction leaves the post's line as it was: nothing more is sent to the channel.
        Assert.Equal(2, unchanged);
        Assert.Contains("Discussed on 15 April 2026 (recorded by Deputy Manager), and on 1 other date.", LastUpdateOf(post),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task MeetingsStoredTwiceBeforeAreCountedOnceAndASaveUpdatesOne()
    {
        await PublishAsync();
        // As the older version stored them: the manager's, then the deputy's record of the same meeting.
        var at = _h.Clock.GetUtcNow().AddMinutes(-10);
        await StoreOldStyleAsync(new TeamDiscussion(Guid.NewGuid(), AuditId, 1, Alpha, "Early Help team", new DateOnly(2026, 4, 14),
            9, "We will ask about fathers", "", Manager with { TenantId = BriefingFlowHarness.Tenant }, at, false));
        await StoreOldStyleAsync(new TeamDiscussion(Guid.NewGuid(), AuditId, 1, Alpha, "Early Help team", new DateOnly(2026, 4, 14),
            10, "We will ask about fathers.", "", Deputy with { TenantId = BriefingFlowHarness.Tenant }, at.AddMinutes(5), false));

        var before = await _h.PostAsync(BriefingFlowHarness.Chair, DiscussionScreen.Usage, new UsageData(AuditId));
        var saved = await SaveAsync(Manager, "2026-04-14", "11", "We will ask about fathers at every visit");
        Assert.True(saved.Contains("This updated the discussion of 14 April 2026 recorded by Deputy Manager: 11", StringComparison.Ordinal),
            saved);
        var after = await _h.PostAsync(BriefingFlowHarness.Chair, DiscussionScreen.Usage, new UsageData(AuditId));

        Assert.Contains("1 discussion recorded, 10 attended", before, StringComparison.Ordinal);
        Assert.True(after.Contains("1 discussion recorded, 11 attended", StringComparison.Ordinal), after);
        Assert.Equal(2, (await DiscussionsAsync()).Count);
    }

    private Task<string> SaveAsync(PersonRef who, string date, string attended, string reflections) =>
        _h.PostAsync(who, DiscussionScreen.Save, new DiscussionSaveData(AuditId, 1, Alpha, date, attended, reflections, null, null), Alpha);

    private async Task<IReadOnlyList<TeamDiscussion>> DiscussionsAsync()
    {
        using var scope = _h.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<BriefingStore>().ListDiscussionsAsync(AuditId, default);
    }

    private async Task StoreOldStyleAsync(TeamDiscussion discussion) =>
        Assert.True(await _h.Services.GetRequiredService<WorkRunner>().RunAsync(
            (scope, ct) => scope.GetRequiredService<BriefingStore>().AddDiscussionAsync(discussion, ct), CancellationToken.None));

    private async Task PublishAsync()
    {
        await _h.AddChannelAsync(Alpha, "Alpha");
        await _h.PostAsync(BriefingFlowHarness.Chair, ComposeScreen.Open, new OpenBriefingData(AuditId));
        await _h.PostAsync(BriefingFlowHarness.Chair, ComposeScreen.Approve, new ApproveData(AuditId, 1));
        await _h.PostAsync(BriefingFlowHarness.Chair, PublishScreen.Publish, new PublishData(AuditId, 1, Alpha));
        await _h.DrainAsync();
    }

    private async Task<string> ActivityOfPostAsync()
    {
        var posted = await _h.Services.GetRequiredService<IOutboxStore>()
            .FindByDedupeKeyAsync(BriefingPublisher.PostDedupeKey(AuditId, 1, Alpha));
        Assert.Equal(OutboxStatus.Sent, posted?.Status);
        return posted!.SentActivityId!;
    }

    private int UpdatesOf(string activityId) =>
        _h.Connector.Requests.Count(r => r.Method == "PUT" && r.Path.EndsWith("/" + activityId, StringComparison.Ordinal));

    private string? LastUpdateOf(string activityId) =>
        _h.Connector.Requests.LastOrDefault(r => r.Method == "PUT" && r.Path.EndsWith("/" + activityId, StringComparison.Ordinal))?.Body;
}
