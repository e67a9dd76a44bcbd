using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using WorkshopBot.Cards;
using WorkshopBot.Outbox;
using WorkshopBot.Protocol.Connector;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.Support.OutboxTestMessages;

namespace WorkshopBot.Tests.Foundation;

/// <summary>
/// Leases against slow sends and store failures, with two dispatchers on one store where it matters: a message is posted
/// once even when sending it (or the messages before it) outlasts the lease it was claimed under, and once when recording
/// it fails for a moment; a send is over before its deadline (lease minus margin), stopped there if need be, and posted
/// once later; one conversation's failure does not stop the others. Instances that die: OutboxLeasesAcrossInstances.
/// </summary>
public sealed class OutboxLeases
{
    private static readonly TestUser Rep = BotTestHost.User("Riley Representative");
    private static readonly TestUser Other = BotTestHost.User("Olu Other");

    [Fact]
    public async Task ASendOutlastingTheClaimLeaseIsNotRepeatedByASecondInstance()
    {
        // The trigger: the first alert of a channel starts a minute after its claim (the instance was busy), then Teams
        // hangs on it; the claim lease of the second alert runs out meanwhile, the first's send lease (from its start) not.
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        var seams = new OutboxSeams();
        await using var host = await BotTestHost.StartAsync(o =>
        {
            o.Time = clock;
            o.Services = seams.Install;
            o.Settings["Outbox:Lease"] = "00:02:00";
        });
        var (channel, conversation) = SafetyChannel(host);
        await host.QueueAsync(o => o.Send(conversation, Card("first alert"), "alert:1", null));
        await host.QueueAsync(o => o.Send(conversation, Card("second alert"), "alert:2", null));
        host.Connector.Inject("/activities", new InjectedFailure(201, Hang: TimeSpan.FromSeconds(5)));
        var store = host.Get<IOutboxStore>();
        var waited = 0;
        seams.AfterClaimed = _ =>
        {
            if (Interlocked.Exchange(ref waited, 1) == 0)
            {
                clock.Advance(TimeSpan.FromMinutes(1));
            }

            return Task.CompletedTask;
        };

        var first = host.Get<OutboxDispatcher>().DrainOnceAsync(CancellationToken.None);
        await WaitUntilAsync(async () => (await store.FindByDedupeKeyAsync("alert:1"))!.AttemptStartedAt is not null);
        clock.Advance(TimeSpan.FromSeconds(70));
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

    /// <summary>
    /// Teams answers 503 at the last moment of every attempt (30 s each): with the connector's four attempts the send would
    /// end at 2 min, when its lease does and another instance may take the message. It stops after three, before its
    /// deadline (lease minus 20 s), goes back to the queue with one attempt spent, and is posted once later.
    /// </summary>
    [Fact]
    public async Task ASendThatWouldOutlastItsDeadlineIsStoppedAndTheMessageIsPostedOnceLater()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await BotTestHost.StartAsync(o =>
        {
            o.Time = clock;
            o.Services = services =>
            {
                services.AddSingleton<IJitterSource>(new FixedJitterSource(0));
                services.AddHttpClient<IConnectorClient, ConnectorClient>()
                    .AddHttpMessageHandler(() => new EachAttemptTakes(clock, TimeSpan.FromSeconds(30)));
            };
        });
        var (channel, conversation) = SafetyChannel(host);
        await host.QueueAsync(o => o.Send(conversation, Card("Child unsafe now"), "slow-alert", null));
        host.Connector.Inject("/activities", new InjectedFailure(503, Times: 3));
        var store = host.Get<IOutboxStore>();
        var start = clock.GetUtcNow();

        Assert.Equal(1, await host.Get<OutboxDispatcher>().DrainOnceAsync(CancellationToken.None));

        var stopped = (await store.FindByDedupeKeyAsync("slow-alert"))!;
        Assert.Equal(3, host.Connector.Requests.Count(r => r.Path.EndsWith("/activities", StringComparison.Ordinal)));
        Assert.Equal(start + TimeSpan.FromSeconds(90), clock.GetUtcNow());
        Assert.Equal((OutboxStatus.Pending, 1, null), (stopped.Status, stopped.Attempts, stopped.LeaseOwner));
        Assert.Empty(host.Sent(channel.ChannelId));

        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(1, await host.Get<OutboxDispatcher>().DrainOnceAsync(CancellationToken.None));

        Assert.Single(host.Sent(channel.ChannelId));
        Assert.Equal(OutboxStatus.Sent, (await store.FindByDedupeKeyAsync("slow-alert"))!.Status);
    }

    /// <summary>
    /// What the connector's own limits do not bound (here the bot's token, which hangs) is stopped at the send's deadline on
    /// the real clock, before the lease ends: the message goes back to the queue (it may have reached Teams, so an attempt
    /// is spent and it is logged) and is posted once later.
    /// </summary>
    [Fact]
    public async Task ASendStillRunningAtItsDeadlineIsCutOffAndTheMessageIsPostedOnceLater()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        var token = new FirstTokenHangs();
        await using var host = await BotTestHost.StartAsync(o =>
        {
            o.Time = clock;
            o.Settings["Outbox:Lease"] = "00:00:03";
            o.Settings["Outbox:SendMargin"] = "00:00:01";
            o.Settings["Bot:Connector:AttemptTimeout"] = "00:00:01";
            o.Services = services =>
            {
                services.RemoveAll<IBotTokenProvider>();
                services.AddSingleton<IBotTokenProvider>(token);
            };
        });
        var (channel, conversation) = SafetyChannel(host);
        await host.QueueAsync(o => o.Send(conversation, Card("Child unsafe now"), "cut-alert", null));
        var store = host.Get<IOutboxStore>();
        var watch = System.Diagnostics.Stopwatch.StartNew();

        // Bounded here so that a send nothing stops (as before the deadline) fails the test instead of hanging it.
        Assert.Equal(1, await host.Get<OutboxDispatcher>().DrainOnceAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60)));

        var cut = (await store.FindByDedupeKeyAsync("cut-alert"))!;
        // Not before the deadline; the upper bound only tells a hang from a slow machine (the send's deadline is 2 s away).
        Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(1.9), TimeSpan.FromSeconds(60));
        Assert.Equal((OutboxStatus.Pending, 1, SendDeadlineReachedException.Code), (cut.Status, cut.Attempts, cut.LastError));
        Assert.Empty(host.Sent(channel.ChannelId));

        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(1, await host.Get<OutboxDispatcher>().DrainOnceAsync(CancellationToken.None));

        Assert.Single(host.Sent(channel.ChannelId));
        Assert.Equal(OutboxStatus.Sent, (await store.FindByDedupeKeyAsync("cut-alert"))!.Status);
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

    private static (TestConversation Channel, ConversationRecord Conversation) SafetyChannel(BotTestHost host)
    {
        var channel = BotTestHost.Channel("Safety");
        return (channel, new ConversationRecord(channel.ChannelId!, host.ServiceUrl, BotTestHost.TenantId,
            "msteams", ConversationKind.Channel, channel.TeamId, null, null, null, null, null,
            BotTestHost.Bot.Id, true, DateTimeOffset.UtcNow));
    }

    /// <summary>Each connector attempt takes <paramref name="took"/> on the bot's clock before Teams' answer arrives.</summary>
    private sealed class EachAttemptTakes(ManualTimeProvider clock, TimeSpan took) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            clock.Advance(took);
            return response;
        }
    }

    /// <summary>The first token the bot asks for never comes (until the caller gives up); later ones do.</summary>
    private sealed class FirstTokenHangs : IBotTokenProvider
    {
        private int _calls;

        public async Task<string?> GetTokenAsync(CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _calls) == 1)
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            return FakeBotTokenProvider.DefaultToken;
        }
    }
}
