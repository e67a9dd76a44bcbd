using WorkshopBot.Audits.Teams;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.Audits.EndToEnd.AuditScenario;

namespace WorkshopBot.Tests.Audits.EndToEnd;

/// <summary>
/// Once the bot is removed from the audit's channel (the conversation is marked inactive, as the removal path does), the
/// chair's actions queue no returns tracker post or update for it: such a post would only fail later, quietly. The chair
/// is told in the same answer that the channel no longer has the bot and what to do; the rest of the action still happens.
/// Added back, the bot posts the tracker there again.
/// </summary>
public sealed class NothingQueuedForARemovedChannel
{
    private static readonly TestConversation ChairChat = BotTestHost.PersonalChat(Chair);

    [Fact]
    public async Task IssuingQueuesNoTrackerForAChannelWithoutTheBotAndTellsTheChair()
    {
        await using var s = await StartAsync();
        await s.CreateAsync();
        await s.AddCasesAsync();
        await s.AddAgenciesAsync();
        await s.Host.SendAsync(s.Host.BotRemoved(Chair, Team));
        Assert.False((await s.Host.Get<IConversationStore>().GetAsync(Team.Id))!.Active);
        await s.Host.DrainOutboxAsync();
        var sentToChannel = s.Host.Sent(Team.Id).Count;

        var issued = CardOf(await s.ExecuteAsync(Chair, DashboardScreen.Issue, new AuditRefData(s.AuditId), ChairChat)).GetRawText();
        var queued = await QueuedAsync(s);

        Assert.Contains("Audit issued.", issued, StringComparison.Ordinal);
        Assert.Contains(TrackerService.ChannelInactive, issued, StringComparison.Ordinal);
        Assert.DoesNotContain(queued, m => m.DedupeKey.Contains(":tracker:", StringComparison.Ordinal));
        Assert.DoesNotContain(queued, m => m.ConversationId == Team.Id || m.TargetChannelId == Team.Id);
        Assert.Contains(queued, m => m.DedupeKey.Contains(":tool:", StringComparison.Ordinal));
        Assert.Null((await s.Store.GetChannelAsync(s.AuditId, default))!.Value.TrackerPostKey);
        await s.Host.DrainOutboxAsync();
        Assert.Equal(sentToChannel, s.Host.Sent(Team.Id).Count);

        await s.Host.SendAsync(s.Host.BotAdded(Chair, Team));
        var again = CardOf(await s.ExecuteAsync(Chair, DashboardScreen.Issue, new AuditRefData(s.AuditId), ChairChat)).GetRawText();
        Assert.DoesNotContain(TrackerService.ChannelInactive, again, StringComparison.Ordinal);
        Assert.Contains(await QueuedAsync(s), m => m.DedupeKey == $"audit:{s.AuditId:D}:tracker:post" && m.ConversationId == Team.Id);
    }

    [Fact]
    public async Task ChangesAfterTheRemovalQueueNoTrackerUpdateAndTellTheChair()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();
        await s.Host.DrainOutboxAsync();
        Assert.NotNull((await s.Store.GetChannelAsync(s.AuditId, default))!.Value.TrackerPostKey);
        await s.Host.SendAsync(s.Host.BotRemoved(Chair, Team));
        var before = (await QueuedAsync(s)).Count;

        var extended = CardOf(await s.ExecuteAsync(Chair, TrackerScreen.ExtendDue, new ExtendDueData(s.AuditId, "2026-04-10"), ChairChat))
            .GetRawText();
        var released = CardOf(await s.ExecuteAsync(Chair, TrackerScreen.Release, new AuditRefData(s.AuditId), ChairChat)).GetRawText();

        Assert.Contains("Returns are now due", extended, StringComparison.Ordinal);
        Assert.Contains(TrackerService.ChannelInactive, extended, StringComparison.Ordinal);
        Assert.Contains("Returns released for moderation.", released, StringComparison.Ordinal);
        Assert.Contains(TrackerService.ChannelInactive, released, StringComparison.Ordinal);
        // None of the representatives has a 1:1 chat with the bot, so their cards would go through the lost channel's
        // serviceUrl: nothing is queued, and the chair is asked to tell them.
        Assert.Equal(before, (await QueuedAsync(s)).Count);
        Assert.DoesNotContain("have been told", extended, StringComparison.Ordinal);
        Assert.All(Agencies, a => Assert.Contains(a.Rep.Name, extended, StringComparison.Ordinal));
        var sentToChannel = s.Host.Sent(Team.Id).Count;
        await s.Host.DrainOutboxAsync();
        Assert.Equal(sentToChannel, s.Host.Sent(Team.Id).Count);
    }

    /// <summary>Everything queued for the audit: its own messages and the audit tools of its issue.</summary>
    private static async Task<IReadOnlyList<OutboxMessage>> QueuedAsync(AuditScenario s)
    {
        var outbox = s.Host.Get<IOutboxStore>();
        return [.. await outbox.ListByCorrelationAsync(AuditMessenger.Correlation(s.AuditId)),
            .. await outbox.ListByCorrelationAsync(AuditMessenger.IssueCorrelation(s.AuditId))];
    }
}
