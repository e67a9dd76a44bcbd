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
/// A discussion recorded for the wrong date: whoever first recorded it, or the audit's chair, moves it to the right date or
/// removes it from the discussion form in the channel. The record keeps who recorded it; the audit log says what changed
/// with ids, dates and counts (never the team's text); the channel's post is rebuilt from what is stored; Track use and
/// Remind count the corrected record. Anyone else is refused in words that say nothing of the record. Under a legal hold
/// neither is done.
/// </summary>
public sealed class BriefingDiscussionDates : IAsyncLifetime
{
    private const string Alpha = "19:alpha@thread.tacv2";
    private const string Reflections = "We will ask about fathers at every visit";
    private static readonly PersonRef Manager = new("manager-oid", "Team Manager");
    private static readonly PersonRef Deputy = new("deputy-oid", "Deputy Manager");
    private BriefingFlowHarness _h = null!;

    private Guid AuditId => _h.Audit.Id;

    public async Task InitializeAsync() => _h = await BriefingFlowHarness.StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task TheRecorderMovesTheirDiscussionToTheRightDate()
    {
        var post = await PublishAsync();
        _h.Clock.Advance(TimeSpan.FromDays(2));
        await SaveAsync(Manager, "2026-04-16", "9");
        await _h.DrainAsync();

        var managersForm = await _h.PostAsync(Manager, DiscussionScreen.Form, new DiscussionFormData(AuditId, 1, Alpha), Alpha);
        var deputysForm = await _h.PostAsync(Deputy, DiscussionScreen.Form, new DiscussionFormData(AuditId, 1, Alpha), Alpha);
        var card = await _h.PostAsync(Manager, DiscussionScreen.Correct, Meeting("2026-04-16"), Alpha);
        var moved = await _h.PostAsync(Manager, DiscussionScreen.Move, new DiscussionMoveData(AuditId, 1, Alpha, "2026-04-16",
            "2026-04-15"), Alpha);
        await _h.DrainAsync();

        Assert.Contains(DiscussionScreen.Correct, managersForm, StringComparison.Ordinal);
        Assert.Contains("Discussion of 16 April 2026", managersForm, StringComparison.Ordinal);
        Assert.DoesNotContain(DiscussionScreen.Correct, deputysForm, StringComparison.Ordinal);
        Assert.Contains("Change the date or remove this discussion", card, StringComparison.Ordinal);
        Assert.Contains("is now dated 15 April 2026", moved, StringComparison.Ordinal);
        var only = Assert.Single(await DiscussionsAsync());
        Assert.Equal((new DateOnly(2026, 4, 15), 9, "manager-oid", "manager-oid"),
            (only.DiscussedOn, only.Attended, only.RecordedBy.UserId, only.ChangedBy?.UserId));
        Assert.Equal(TeamDiscussion.IdOf(AuditId, 1, Alpha, new DateOnly(2026, 4, 15)), only.Id);
        Assert.Contains("Discussed on 15 April 2026 (recorded by Team Manager).", LastUpdateOf(post), StringComparison.Ordinal);
        var usage = await UsageAsync();
        Assert.Contains("1 discussion recorded, 9 attended", usage, StringComparison.Ordinal);
        Assert.Contains("15 Apr 2026, 9 attended", usage, StringComparison.Ordinal);
        Assert.DoesNotContain("16 Apr 2026", usage, StringComparison.Ordinal);
        var logged = Assert.Single(await LogAsync(), e => e.Action == DiscussionScreen.Moved);
        Assert.Contains("\"from\":\"2026-04-16\"", logged.DetailJson, StringComparison.Ordinal);
        Assert.Contains("\"to\":\"2026-04-15\"", logged.DetailJson, StringComparison.Ordinal);
        Assert.DoesNotContain("fathers", logged.DetailJson ?? string.Empty, StringComparison.Ordinal);

        // A later save of the right date corrects the moved record, as any save of a recorded meeting does.
        await SaveAsync(Deputy, "2026-04-15", "11");
        Assert.Equal(11, Assert.Single(await DiscussionsAsync()).Attended);
    }

    [Fact]
    public async Task TheChairRemovesADiscussionAndTheChannelCountsAsNotDiscussedAgain()
    {
        var post = await PublishAsync();
        await SaveAsync(Manager, "2026-04-14", "9");
        await _h.DrainAsync();
        Assert.Contains("Discussed on 14 April 2026", LastUpdateOf(post), StringComparison.Ordinal);

        var chairsForm = await _h.PostAsync(BriefingFlowHarness.Chair, DiscussionScreen.Form, new DiscussionFormData(AuditId, 1, Alpha),
            Alpha);
        var asked = await _h.PostAsync(BriefingFlowHarness.Chair, DiscussionScreen.Remove,
            new DiscussionRemoveData(AuditId, 1, Alpha, "2026-04-14", false), Alpha);
        Assert.Single(await DiscussionsAsync());
        var removed = await _h.PostAsync(BriefingFlowHarness.Chair, DiscussionScreen.Remove,
            new DiscussionRemoveData(AuditId, 1, Alpha, "2026-04-14", true), Alpha);
        await _h.DrainAsync();

        Assert.Contains("Discussion of 14 April 2026", chairsForm, StringComparison.Ordinal);
        Assert.Contains("Remove this discussion?", asked, StringComparison.Ordinal);
        Assert.Contains("The discussion of 14 April 2026 recorded by Team Manager was removed.", removed, StringComparison.Ordinal);
        Assert.Empty(await DiscussionsAsync());
        var rebuilt = LastUpdateOf(post);
        Assert.DoesNotContain("Discussed on", rebuilt, StringComparison.Ordinal);
        Assert.Contains("Our team discussed this", rebuilt, StringComparison.Ordinal);
        Assert.Contains("no discussion recorded yet", await UsageAsync(), StringComparison.Ordinal);
        var reminded = await _h.PostAsync(BriefingFlowHarness.Chair, DiscussionScreen.Remind, new RemindData(AuditId));
        Assert.Contains("A reminder is on its way to 1 channel", reminded, StringComparison.Ordinal);
        var logged = Assert.Single(await LogAsync(), e => e.Action == DiscussionScreen.Removed);
        Assert.Contains("\"byChair\":true", logged.DetailJson, StringComparison.Ordinal);
        Assert.DoesNotContain("fathers", logged.DetailJson ?? string.Empty, StringComparison.Ordinal);

        // Recorded again the same day, the post says so again (its update is not taken for the first one's).
        var again = await SaveAsync(Manager, "2026-04-14", "9");
        Assert.True(again.Contains("Recorded by Team Manager", StringComparison.Ordinal), again);
        await _h.DrainAsync();
        Assert.Contains("Discussed on 14 April 2026 (recorded by Team Manager).", LastUpdateOf(post), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnyoneElseIsRefusedInWordsThatSayNothingOfTheRecord()
    {
        await PublishAsync();
        await SaveAsync(Manager, "2026-04-14", "9");
        var logged = (await LogAsync()).Count;

        var answers = new[]
        {
            await _h.PostAsync(Deputy, DiscussionScreen.Correct, Meeting("2026-04-14"), Alpha),
            await _h.PostAsync(Deputy, DiscussionScreen.Move, new DiscussionMoveData(AuditId, 1, Alpha, "2026-04-14", "2026-04-13"),
                Alpha),
            await _h.PostAsync(Deputy, DiscussionScreen.Remove, new DiscussionRemoveData(AuditId, 1, Alpha, "2026-04-14", true), Alpha),
            // A date with no record gets the same words.
            await _h.PostAsync(Deputy, DiscussionScreen.Correct, Meeting("2026-04-13"), Alpha),
        };

        Assert.All(answers, a => Assert.Contains("Only the person who recorded a discussion, or the audit's chair", a,
            StringComparison.Ordinal));
        Assert.All(answers, a => Assert.DoesNotContain("Team Manager", a, StringComparison.Ordinal));
        Assert.All(answers, a => Assert.DoesNotContain("fathers", a, StringComparison.Ordinal));
        Assert.Equal(new DateOnly(2026, 4, 14), Assert.Single(await DiscussionsAsync()).DiscussedOn);
        Assert.Equal(logged, (await LogAsync()).Count);
    }

    [Fact]
    public async Task ADateOutsideThePostsDaysOrOfAnotherRecordedMeetingIsRefused()
    {
        await PublishAsync();
        _h.Clock.Advance(TimeSpan.FromDays(1));
        await SaveAsync(Manager, "2026-04-14", "9");
        await SaveAsync(Manager, "2026-04-15", "5");

        var future = await _h.PostAsync(Manager, DiscussionScreen.Move, new DiscussionMoveData(AuditId, 1, Alpha, "2026-04-15",
            "2026-04-20"), Alpha);
        var taken = await _h.PostAsync(Manager, DiscussionScreen.Move, new DiscussionMoveData(AuditId, 1, Alpha, "2026-04-15",
            "2026-04-14"), Alpha);

        Assert.Contains("The date must be between the day the briefing was posted and today.", future, StringComparison.Ordinal);
        Assert.Contains("A discussion of 14 April 2026 is already recorded in this channel.", taken, StringComparison.Ordinal);
        Assert.Equal([14, 15], (await DiscussionsAsync()).Select(d => d.DiscussedOn.Day).Order());
        Assert.DoesNotContain(await LogAsync(), e => e.Action == DiscussionScreen.Moved);
    }

    /// <summary>
    /// Under a legal hold nothing of the audit is removed: a recorded discussion is neither removed nor moved (which replaces
    /// its record), by its recorder or the chair, who are told why; anyone else gets the usual answer, which says nothing of
    /// the hold. Released, the record can be corrected again.
    /// </summary>
    [Fact]
    public async Task WhileTheAuditIsOnLegalHoldADiscussionIsNeitherRemovedNorMoved()
    {
        await PublishAsync();
        _h.Clock.Advance(TimeSpan.FromDays(1));
        await SaveAsync(Manager, "2026-04-15", "9");
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

        await HoldAsync(false);
        var moved = await _h.PostAsync(Manager, DiscussionScreen.Move, new DiscussionMoveData(AuditId, 1, Alpha, "2026-04-15",
            "2026-04-14"), Alpha);
        Assert.Contains("is now dated 14 April 2026", moved, StringComparison.Ordinal);
        Assert.Equal(new DateOnly(2026, 4, 14), Assert.Single(await DiscussionsAsync()).DiscussedOn);
    }

    private DiscussionMeetingData Meeting(string date) => new(AuditId, 1, Alpha, date);

    private Task<string> SaveAsync(PersonRef who, string date, string attended) =>
        _h.PostAsync(who, DiscussionScreen.Save, new DiscussionSaveData(AuditId, 1, Alpha, date, attended, Reflections, null, null), Alpha);

    private Task<string> UsageAsync() => _h.PostAsync(BriefingFlowHarness.Chair, DiscussionScreen.Usage, new UsageData(AuditId));

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

    /// <summary>Publishes version 1 to Alpha and returns the activity id of its post.</summary>
    private async Task<string> PublishAsync()
    {
        await _h.AddChannelAsync(Alpha, "Alpha");
        await _h.PostAsync(BriefingFlowHarness.Chair, ComposeScreen.Open, new OpenBriefingData(AuditId));
        await _h.PostAsync(BriefingFlowHarness.Chair, ComposeScreen.Approve, new ApproveData(AuditId, 1));
        await _h.PostAsync(BriefingFlowHarness.Chair, PublishScreen.Publish, new PublishData(AuditId, 1, Alpha));
        await _h.DrainAsync();
        var posted = await _h.Services.GetRequiredService<IOutboxStore>()
            .FindByDedupeKeyAsync(BriefingPublisher.PostDedupeKey(AuditId, 1, Alpha));
        Assert.Equal(OutboxStatus.Sent, posted?.Status);
        return posted!.SentActivityId!;
    }

    private string LastUpdateOf(string activityId) =>
        _h.Connector.Requests.Last(r => r.Method == "PUT" && r.Path.EndsWith("/" + activityId, StringComparison.Ordinal)).Body;
}
