using WorkshopBot.Outbox;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.Support.OutboxTestMessages;

namespace WorkshopBot.Tests.Foundation;

/// <summary>
/// An outage of Teams (every send answered 503) longer than Outbox:MaxAttempts fixed pauses: the message is tried again
/// with growing pauses and sent once Teams is back, not given up and reported to the admins as undeliverable.
/// </summary>
public sealed class OutboxThroughAnOutage
{
    private static readonly TestUser Rep = BotTestHost.User("Robin Representative");

    [Fact]
    public async Task ATenMinute503OutageDelaysAMessageWithGrowingPausesAndDoesNotFailIt()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        var admins = BotTestHost.Channel("Partnership admins", "Partnership office");
        await using var host = await BotTestHost.StartAsync(o =>
        {
            o.Time = clock;
            o.Settings["WorkshopBot:AdminChannelId"] = admins.ChannelId;
            // One request per outbox attempt, and the production pauses (the test host's default is none).
            o.Settings["Bot:Connector:MaxAttempts"] = "1";
            o.Settings["Outbox:RetryDelay"] = "00:00:30";
            o.Settings["Outbox:MaxRetryDelay"] = "00:10:00";
            o.Settings["Audits:RunJobsInBackground"] = "false";
            o.Settings["Workshop:RunTimerInBackground"] = "false";
        });
        host.Connector.LimitClock = clock;
        await host.SendAsync(host.BotAdded(Rep, admins));
        await host.DrainOutboxAsync();
        var chat = Uri.EscapeDataString(BotTestHost.PersonalChat(Rep).Id) + "/activities";
        host.Connector.Inject(chat, new InjectedFailure(503, "ServiceUnavailable", Times: 1000));

        var queued = await host.QueueAsync(o => o.SendToUser(host.ServiceUrl, BotTestHost.TenantId, Rep.Id,
            Card("Your return is due"), "outage:return-request", null));
        var store = host.Get<IOutboxStore>();
        var start = clock.GetUtcNow();
        var step = TimeSpan.FromSeconds(5);
        while (clock.GetUtcNow() - start < TimeSpan.FromMinutes(10))
        {
            await host.DrainOutboxAsync();
            Assert.Equal(OutboxStatus.Pending, (await store.FindByDedupeKeyAsync(queued))!.Status);
            clock.Advance(step);
        }

        host.Connector.ClearInjected();
        for (var i = 0; i < 200 && (await store.FindByDedupeKeyAsync(queued))!.Status != OutboxStatus.Sent; i++)
        {
            await host.DrainOutboxAsync();
            clock.Advance(step);
        }

        var stored = (await store.FindByDedupeKeyAsync(queued))!;
        Assert.Equal(OutboxStatus.Sent, stored.Status);
        var posts = host.Connector.Requests.Where(r => r.Method == "POST" && r.RawTarget.EndsWith(chat, StringComparison.Ordinal)).ToList();
        Assert.Equal(1, posts.Count(p => p.StatusCode == 201));
        var failed = posts.Where(p => p.StatusCode == 503).Select(p => p.ClockAt).ToList();
        Assert.True(failed.Count >= 5, $"{failed.Count} attempts during the outage");
        // Each pause is longer than the one before (doubled, less at most a quarter), up to Outbox:MaxRetryDelay.
        var pauses = failed.Zip(failed.Skip(1), (a, b) => b - a).Append(posts.Last().ClockAt - failed[^1]).ToList();
        Assert.All(pauses.Zip(pauses.Skip(1)), p => Assert.True(p.Second > p.First, string.Join(", ", pauses)));
        Assert.All(pauses, p => Assert.True(p <= TimeSpan.FromMinutes(10) + step, string.Join(", ", pauses)));
        Assert.DoesNotContain(host.Sent(admins.ChannelId), s => s.AllText.Contains("could not be delivered", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(0, 30)]
    [InlineData(1, 60)]
    [InlineData(3, 240)]
    [InlineData(5, 600)]
    [InlineData(60, 600)]
    public void APauseIsDoubledForEachFailedAttemptUpToTheLongestLessAtMostAQuarter(int failed, int seconds)
    {
        var settings = new OutboxOptions();
        var full = TimeSpan.FromSeconds(seconds);
        var pauses = Enumerable.Range(1, 50).Select(id => OutboxDispatcher.RetryPause(settings, id, failed, null)).ToList();

        Assert.All(pauses, p => Assert.InRange(p, full * 0.75, full));
        Assert.True(pauses.Distinct().Count() > 40, "The pauses of messages failed together are spread out.");
        Assert.Equal(pauses, Enumerable.Range(1, 50).Select(id => OutboxDispatcher.RetryPause(settings, id, failed, null)));
        Assert.Equal(TimeSpan.FromMinutes(20), OutboxDispatcher.RetryPause(settings, 7, failed, TimeSpan.FromMinutes(20)));
    }
}
