using Microsoft.Extensions.DependencyInjection;
using WorkshopBot.Briefings.Teams;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Briefings;

/// <summary>
/// The bot had been removed from a channel without hearing, so the briefing's post there failed for good (Teams answered
/// 403 BotNotInConversationRoster). That channel never got the briefing: it is not "posted", it gets no reminder, and once
/// the bot is back in the channel, Publish posts it there again, exactly once.
/// </summary>
public sealed class BriefingUndeliveredPosts : IAsyncLifetime
{
    private const string Alpha = "19:alpha@thread.tacv2";
    private const string Bravo = "19:bravo@thread.tacv2";
    private BriefingFlowHarness _h = null!;

    private Guid AuditId => _h.Audit.Id;

    public async Task InitializeAsync() => _h = await BriefingFlowHarness.StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task PublishingAgainAfterAPostFailedForGoodPostsItOnceMore()
    {
        await PublishFailingToAlphaAsync();
        // IT adds the bot back: the bot hears from the channel again and marks it active.
        await _h.AddChannelAsync(Alpha, "Alpha");

        var again = await _h.PostAsync(BriefingFlowHarness.Chair, PublishScreen.Publish, new PublishData(AuditId, 1, Alpha));
        // A double press (or a replay) before the post is delivered queues nothing more.
        var twice = await _h.PostAsync(BriefingFlowHarness.Chair, PublishScreen.Publish, new PublishData(AuditId, 1, Alpha));
        await _h.DrainAsync();
        var thrice = await _h.PostAsync(BriefingFlowHarness.Chair, PublishScreen.Publish, new PublishData(AuditId, 1, Alpha));
        await _h.DrainAsync();

        Assert.Contains("the earlier post was not delivered, so it is queued as a new thread again.", again, StringComparison.Ordinal);
        Assert.DoesNotContain("already posted earlier", again, StringComparison.Ordinal);
        Assert.Contains("already posted earlier; not posted again.", twice, StringComparison.Ordinal);
        Assert.Contains("already posted earlier; not posted again.", thrice, StringComparison.Ordinal);
        var delivered = Assert.Single(_h.Connector.Requests,
            r => r.Method == "POST" && r.Path == "/v3/conversations" && r.StatusCode == 200);
        Assert.Contains(Alpha, delivered.Body, StringComparison.Ordinal);
        Assert.Contains("Our team discussed this", delivered.Body, StringComparison.Ordinal);
        var posts = (await Outbox.ListByCorrelationAsync(BriefingPublisher.Correlation(AuditId)))
            .Where(m => m.Kind == OutboxKind.CreateChannelThread).ToList();
        Assert.Equal(2, posts.Count);
        Assert.Single(posts, m => m.Status == OutboxStatus.Sent);
        var publication = Assert.Single((await _h.RecordAsync()).Publications);
        Assert.Equal(2, publication.Attempt);
        Assert.Equal(BriefingPublisher.PostDedupeKey(AuditId, 1, Alpha, 2), publication.PostKey);
        Assert.Equal(OutboxStatus.Sent, (await Outbox.FindByDedupeKeyAsync(publication.PostKey))!.Status);
        var usage = await _h.PostAsync(BriefingFlowHarness.Chair, DiscussionScreen.Usage, new UsageData(AuditId));
        Assert.Contains("no discussion recorded yet (posted ", usage, StringComparison.Ordinal);
        Assert.DoesNotContain("not delivered", usage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APostThatFailedForGoodGetsNoReminderAndIsNotShownAsPosted()
    {
        await PublishFailingToAlphaAsync();
        await _h.AddChannelAsync(Alpha, "Alpha");
        await _h.AddChannelAsync(Bravo, "Bravo");
        await _h.PostAsync(BriefingFlowHarness.Chair, PublishScreen.Publish, new PublishData(AuditId, 1, Bravo));
        await _h.DrainAsync();

        var usage = await _h.PostAsync(BriefingFlowHarness.Chair, DiscussionScreen.Usage, new UsageData(AuditId));
        var reminded = await _h.PostAsync(BriefingFlowHarness.Chair, DiscussionScreen.Remind, new RemindData(AuditId));
        await _h.DrainAsync();

        Assert.Contains("Alpha: not delivered (the post failed): publish again to this channel.", usage, StringComparison.Ordinal);
        Assert.DoesNotContain("Alpha: no discussion recorded yet (posted", usage, StringComparison.Ordinal);
        Assert.Contains("Bravo: no discussion recorded yet (posted", usage, StringComparison.Ordinal);
        Assert.Contains("A reminder is on its way to 1 channel that has not recorded a discussion.", reminded, StringComparison.Ordinal);
        Assert.Contains("The briefing's post to 1 channel was not delivered, so it was not reminded: publish the briefing there again.",
            reminded, StringComparison.Ordinal);
        var reminders = _h.Connector.Requests
            .Where(r => r.Method == "POST" && r.Body.Contains("Reminder:", StringComparison.Ordinal)).ToList();
        Assert.Contains(Bravo, Assert.Single(reminders).Body, StringComparison.Ordinal);
        Assert.Equal(0, (await _h.RecordAsync()).FindPublication(Alpha)!.RemindersSent);
    }

    private IOutboxStore Outbox => _h.Services.GetRequiredService<IOutboxStore>();

    /// <summary>
    /// Publishes version 1 to Alpha, which Teams refuses (the bot is not in its roster): the post fails for good and the
    /// channel is marked inactive.
    /// </summary>
    private async Task PublishFailingToAlphaAsync()
    {
        await _h.AddChannelAsync(Alpha, "Alpha");
        await _h.PostAsync(BriefingFlowHarness.Chair, ComposeScreen.Open, new OpenBriefingData(AuditId));
        await _h.PostAsync(BriefingFlowHarness.Chair, ComposeScreen.Approve, new ApproveData(AuditId, 1));
        _h.Connector.Inject("/v3/conversations", new InjectedFailure(403, "BotNotInConversationRoster"));
        var first = await _h.PostAsync(BriefingFlowHarness.Chair, PublishScreen.Publish, new PublishData(AuditId, 1, Alpha));
        await _h.DrainAsync();

        Assert.Contains("queued as a new thread.", first, StringComparison.Ordinal);
        var failed = await Outbox.FindByDedupeKeyAsync(BriefingPublisher.PostDedupeKey(AuditId, 1, Alpha));
        Assert.True(failed!.Status is OutboxStatus.Failed or OutboxStatus.Blocked);
        Assert.False((await _h.Services.GetRequiredService<IConversationStore>().GetAsync(Alpha))!.Active);
    }
}
