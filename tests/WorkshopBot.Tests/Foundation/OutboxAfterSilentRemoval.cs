using WorkshopBot.Storage;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.Support.OutboxTestMessages;

namespace WorkshopBot.Tests.Foundation;

/// <summary>
/// The bot was removed from a channel and the bot never heard (its removal event lost): Teams answers every send there
/// 403 or 404. A post is tried once and recorded as failed, the card updates queued behind it are failed without a call,
/// and nothing is claimed again: the outbox does not retry for ever. The conversation is marked inactive, as the lost event
/// would have; any other refusal leaves it as it was.
/// </summary>
public sealed class OutboxAfterSilentRemoval
{
    [Theory]
    [InlineData(403, "BotNotInConversationRoster")]
    [InlineData(404, "ConversationNotFound")]
    public async Task APostAndItsUpdatesFailOnceAndAreNotTriedAgain(int status, string code)
    {
        await using var host = await BotTestHost.StartAsync();
        var channel = BotTestHost.Channel("QA sub-group");
        await host.SayAsync(BotTestHost.User("Quality Chair"), channel, "help");
        await host.DrainOutboxAsync();
        var before = host.Connector.Requests.Count;
        var record = (await host.Get<IConversationStore>().GetAsync(channel.Id))!;
        host.Connector.Inject(Uri.EscapeDataString(channel.Id), new InjectedFailure(status, code, Times: 100));

        var post = await host.QueueAsync(o => o.Send(record, Card("Tracker"), "probe:tracker:post", null));
        var update = await host.QueueAsync(o => o.UpdatePosted(record.ServiceUrl, BotTestHost.TenantId, post, Card("Tracker, later"),
            "probe:tracker:rev:1", null));
        var outbox = host.Get<IOutboxStore>();
        // The update waits a poll interval while its post is in flight (another lane), then finds the post failed.
        for (var round = 0; round < 20 && (await outbox.FindByDedupeKeyAsync(update))!.Status == OutboxStatus.Pending; round++)
        {
            await host.DrainOutboxAsync();
            await Task.Delay(TimeSpan.FromMilliseconds(150));
        }

        Assert.Equal(OutboxStatus.Failed, (await outbox.FindByDedupeKeyAsync(post))!.Status);
        Assert.Equal(OutboxStatus.Failed, (await outbox.FindByDedupeKeyAsync(update))!.Status);
        Assert.Equal(1, host.Connector.Requests.Count - before);
        Assert.Equal(0, await host.DrainOutboxAsync());
        // Marked inactive, as the lost removal event would have: trackers and briefings queue nothing more there.
        Assert.False((await host.Get<IConversationStore>().GetAsync(channel.Id))!.Active);
    }

    [Theory]
    [InlineData(403, "Forbidden")]
    [InlineData(404, "ActivityNotFound")]
    [InlineData(400, "BadArgument")]
    public async Task OtherRefusalsLeaveTheConversationActive(int status, string code)
    {
        await using var host = await BotTestHost.StartAsync();
        var channel = BotTestHost.Channel("QA sub-group");
        await host.SayAsync(BotTestHost.User("Quality Chair"), channel, "help");
        await host.DrainOutboxAsync();
        var record = (await host.Get<IConversationStore>().GetAsync(channel.Id))!;
        Assert.True(record.Active);
        host.Connector.Inject(Uri.EscapeDataString(channel.Id), new InjectedFailure(status, code, Times: 100));

        var post = await host.QueueAsync(o => o.Send(record, Card("Tracker"), "probe:tracker:post", null));
        await host.DrainOutboxAsync();

        Assert.Equal(OutboxStatus.Failed, (await host.Get<IOutboxStore>().FindByDedupeKeyAsync(post))!.Status);
        Assert.True((await host.Get<IConversationStore>().GetAsync(channel.Id))!.Active);
    }
}
