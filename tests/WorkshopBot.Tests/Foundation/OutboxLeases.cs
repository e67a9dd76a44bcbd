using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WorkshopBot.Cards;
using WorkshopBot.Outbox;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Foundation;

/// <summary>
/// Leases against slow sends and store failures, with two dispatchers on one store where it matters: a message is posted
/// once even when sending it (or the messages before it) outlasts the lease it was claimed under, and once when recording
/// it fails for a moment; one conversation's failure does not stop the others.
/// </summary>
public sealed class OutboxLeases
{
    private static readonly TestUser Rep = BotTestHost.User("Riley Representative");
    private static readonly TestUser Other = BotTestHost.User("Olu Other");

    [Fact]
    public async Task ASendOutlastingTheClaimLeaseKeepsItAliveAndIsNotRepeatedByASecondInstance()
    {
        // The trigger: Teams hangs on the first alert of a channel; the first lease of both alerts runs out meanwhile.
        var clock = new ManualTimeProvider(WholeSecond());
        var seams = new OutboxSeams();
        await using var host = await BotTestHost.StartAsync(o =>
        {
            o.Time = clock;
            o.Services = seams.Install;
            o.Settings["Outbox:Lease"] = "00:02:40";
        });
        var channel = BotTestHost.Channel("Safety");
        await host.QueueAsync(o => o.Send(ChannelRecord(host, channel), Card("first alert"), "alert:1", null));
        await host.QueueAsync(o => o.Send(ChannelRecord(host, channel), Card("second alert"), "alert:2", null));
        host.Connector.Inject("/activities", new InjectedFailure(201, Hang: TimeSpan.FromSeconds(15)));
        var store = host.Get<IOutboxStore>();
        var first = host.Get<OutboxDispatcher>().DrainOnceAsync(CancellationToken.None);
        var id = await SendStartedAsync(store, clock, "alert:1");

        // Five quarters of the lease pass during the send; each quarter renews it.
        for (var quarter = 1; quarter <= 5; quarter++)
        {
            clock.Advance(TimeSpan.FromSeconds(40));
            await WaitUntilAsync(() => Task.FromResult(seams.RenewCalls.GetValueOrDefault(id) == quarter));
        }

        Assert.Equal(clock.GetUtcNow() + TimeSpan.FromSeconds(160), (await store.GetAsync(id))!.LeaseUntil);
        var second = ActivatorUtilities.CreateInstance<OutboxDispatcher>(host.Services,
            Options.Create(new OutboxOptions { InstanceId = "instance-b", RunInBackground = false }));
        var takenBySecond = await second.DrainOnceAsync(CancellationToken.None);
        await first;

        // The first alert's send holds its lease; the second alert, not yet started, went to the second instance.
        Assert.Equal(1, takenBySecond);
        var texts = host.Sent(channel.ChannelId).Select(s => s.AllText).ToList();
        Assert.Single(texts, t => t.Contains("first alert", StringComparison.Ordinal));
        Assert.Single(texts, t => t.Contains("second alert", StringComparison.Ordinal));
        Assert.Equal(OutboxStatus.Sent, (await store.FindByDedupeKeyAsync("alert:1"))!.Status);
        Assert.Equal(OutboxStatus.Sent, (await store.FindByDedupeKeyAsync("alert:2"))!.Status);
    }

    [Fact]
    public async Task ASenderThatCannotKeepItsLeaseStopsAndAnotherInstanceSendsWithinOneLease()
    {
        // As when an instance dies mid-send: its lease is not renewed, and another instance must not wait for the longest
        // send the connector's retries allow (11 minutes with the defaults) before a safety alert goes.
        var clock = new ManualTimeProvider(WholeSecond());
        var seams = new OutboxSeams();
        await using var host = await BotTestHost.StartAsync(o =>
        {
            o.Time = clock;
            o.Services = seams.Install;
            o.Settings["Outbox:Lease"] = "00:02:40";
        });
        var channel = BotTestHost.Channel("Safety");
        await host.QueueAsync(o => o.Send(ChannelRecord(host, channel), Card("unsafe now"), "alert:1", null));
        host.Connector.Inject("/activities", new InjectedFailure(201, Hang: TimeSpan.FromMinutes(2)));
        var store = host.Get<IOutboxStore>();
        var first = host.Get<OutboxDispatcher>().DrainOnceAsync(CancellationToken.None);
        var id = await SendStartedAsync(store, clock, "alert:1");
        seams.RenewFault = _ => new SqliteException("disk I/O error", 10);

        // Three failed renewals bring the lease within a quarter of its end: the send is stopped, nothing is recorded.
        for (var quarter = 1; quarter <= 3; quarter++)
        {
            clock.Advance(TimeSpan.FromSeconds(40));
            await WaitUntilAsync(() => Task.FromResult(seams.RenewCalls.GetValueOrDefault(id) == quarter));
        }

        Assert.Equal(1, await first);
        var stopped = (await store.GetAsync(id))!;
        Assert.Equal((OutboxStatus.InFlight, 0), (stopped.Status, stopped.Attempts));
        Assert.NotNull(stopped.AttemptStartedAt);
        Assert.Empty(await store.ClaimDueAsync(clock.GetUtcNow(), 10, TimeSpan.FromMinutes(1), "too-early"));

        // One lease after the send began, another instance takes the alert over and posts it.
        clock.Advance(TimeSpan.FromSeconds(40));
        var second = ActivatorUtilities.CreateInstance<OutboxDispatcher>(host.Services,
            Options.Create(new OutboxOptions { InstanceId = "instance-b", RunInBackground = false }));
        Assert.Equal(1, await second.DrainOnceAsync(CancellationToken.None));
        Assert.Equal(OutboxStatus.Sent, (await store.GetAsync(id))!.Status);
        Assert.Single(host.Sent(channel.ChannelId), s => s.AllText.Contains("unsafe now", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AMessageWhoseLeaseWasTakenOverBeforeItsSendIsNotSent()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        var seams = new OutboxSeams();
        await using var host = await BotTestHost.StartAsync(o =>
        {
            o.Time = clock;
            o.Services = seams.Install;
        });
        await host.QueueAsync(o => o.SendToUser(host.ServiceUrl, BotTestHost.TenantId, Rep.Id, Card("Taken over"), "taken", null));
        seams.BeforeAttemptStarted = async (store, _) =>
        {
            // Its lease runs out just before its send, and another instance claims it.
            clock.Advance(TimeSpan.FromMinutes(3));
            Assert.Single(await store.ClaimDueAsync(clock.GetUtcNow(), 10, TimeSpan.FromMinutes(2), "instance-b"));
        };

        Assert.Equal(1, await host.Get<OutboxDispatcher>().DrainOnceAsync(CancellationToken.None));

        Assert.DoesNotContain(host.Connector.Requests, r => r.Path.StartsWith("/v3/conversations", StringComparison.Ordinal));
        var stored = (await host.Get<IOutboxStore>().FindByDedupeKeyAsync("taken"))!;
        Assert.Equal((OutboxStatus.InFlight, "instance-b", null), (stored.Status, stored.LeaseOwner, stored.AttemptStartedAt));
    }

    [Fact]
    public async Task AStoreErrorWhileRecordingASentMessageIsRetriedAndTheMessageIsPostedOnce()
    {
        var seams = new OutboxSeams();
        await using var host = await BotTestHost.StartAsync(o => o.Services = seams.Install);
        var queued = await host.QueueAsync(o => o.SendToUser(host.ServiceUrl, BotTestHost.TenantId, Rep.Id,
            Card("Recorded late"), "recorded-late", null));
        var id = (await host.Get<IOutboxStore>().FindByDedupeKeyAsync(queued))!.Id;
        var failures = 1;
        seams.MarkSentFault = m =>
            m == id && Interlocked.Decrement(ref failures) >= 0 ? new SqliteException("database is locked", 5) : null;

        await host.DrainOutboxAsync();

        Assert.Equal(2, seams.MarkSentCalls[id]);
        Assert.Equal(OutboxStatus.Sent, (await host.Get<IOutboxStore>().FindByDedupeKeyAsync(queued))!.Status);
        Assert.Single(host.Sent(BotTestHost.PersonalChat(Rep).Id));
    }

    [Fact]
    public async Task AConversationWhoseStoreCallsFailDoesNotStopTheOthers()
    {
        var seams = new OutboxSeams();
        await using var host = await BotTestHost.StartAsync(o =>
        {
            o.Services = seams.Install;
            o.Settings["Outbox:MaxParallelConversations"] = "1";
        });
        await host.QueueAsync(o => o.SendToUser(host.ServiceUrl, BotTestHost.TenantId, Rep.Id, Card("Rep one"), "rep:1", null));
        await host.QueueAsync(o => o.SendToUser(host.ServiceUrl, BotTestHost.TenantId, Rep.Id, Card("Rep two"), "rep:2", null));
        await host.QueueAsync(o => o.SendToUser(host.ServiceUrl, BotTestHost.TenantId, Other.Id, Card("Other one"), "other:1", null));
        var store = host.Get<IOutboxStore>();
        var failing = (await store.FindByDedupeKeyAsync("rep:1"))!.Id;
        seams.AttemptStartedFault = m => m == failing ? new SqliteException("disk I/O error", 10) : null;

        // One lane at a time, the failing conversation first: before, its failure ended the batch.
        Assert.Equal(3, await host.Get<OutboxDispatcher>().DrainOnceAsync(CancellationToken.None));

        Assert.Single(host.Sent(BotTestHost.PersonalChat(Other).Id));
        Assert.Empty(host.Sent(BotTestHost.PersonalChat(Rep).Id));
        Assert.Equal(OutboxStatus.Sent, (await store.FindByDedupeKeyAsync("other:1"))!.Status);
        // The rest of the failing conversation is not sent ahead of the message that failed.
        Assert.Equal(OutboxStatus.InFlight, (await store.FindByDedupeKeyAsync("rep:2"))!.Status);
    }

    // The send has begun once its attempt is recorded and the lease keeper's first wait (a quarter of 2 min 40 s) is set.
    private static async Task<long> SendStartedAsync(IOutboxStore store, ManualTimeProvider clock, string key)
    {
        await WaitUntilAsync(async () => (await store.FindByDedupeKeyAsync(key))!.AttemptStartedAt is not null
            && clock.RequestedDelays.Contains(TimeSpan.FromSeconds(40)));
        return (await store.FindByDedupeKeyAsync(key))!.Id;
    }

    private static DateTimeOffset WholeSecond() =>
        new(DateTimeOffset.UtcNow.Ticks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, TimeSpan.Zero);

    private static ConversationRecord ChannelRecord(BotTestHost host, TestConversation channel) =>
        new(channel.ChannelId!, host.ServiceUrl, BotTestHost.TenantId, "msteams", ConversationKind.Channel, channel.TeamId,
            null, null, null, null, null, BotTestHost.Bot.Id, true, DateTimeOffset.UtcNow);

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, "The condition did not come true within 30 s.");
            await Task.Delay(20);
        }
    }

    private static Activity Card(string title) => new()
    {
        Type = ActivityTypes.Message,
        From = BotTestHost.Bot,
        Attachments =
        [
            Attachment.AdaptiveCard(BotJson.ToElement(new { type = "AdaptiveCard", version = "1.5",
                body = new object[] { new { type = "TextBlock", text = title } } })),
        ],
    };
}
