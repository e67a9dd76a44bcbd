using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WorkshopBot.Outbox;
using WorkshopBot.Protocol.Connector;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Storage;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.Support.OutboxTestMessages;

namespace WorkshopBot.Tests.Foundation;

/// <summary>
/// The updates of one posted card (the chair's audit tracker refreshed twice, a briefing and then its withdrawal) land in
/// the order they were queued, the newest last, so Teams never keeps showing the older: after a retry, when both are
/// pending together, when another instance sends the older, and when that instance dies mid-send.
/// </summary>
public abstract class OutboxUpdatesInOrderScenarios
{
    private const string PostKey = "tracker-post";
    private static readonly TestConversation Audit = BotTestHost.Channel("Audit 12");

    /// <summary>A PostgreSQL database, or null for SQLite.</summary>
    protected abstract Task<string?> DatabaseAsync();

    /// <summary>
    /// The first refresh fails with a 502 and waits 30 s to be retried; the second is sent meanwhile. When the first's
    /// retry is due it is given up, not sent: it would have put the older tracker back over the newer.
    /// </summary>
    [Fact]
    public async Task AnOlderUpdateDueForItsRetryIsNotSentAfterANewerOne()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await StartAsync(clock, o =>
        {
            o.Settings["Bot:Connector:MaxAttempts"] = "1";
            o.Settings["Outbox:RetryDelay"] = "00:00:30";
        });
        host.Connector.Inject("/activities/", new InjectedFailure(502, Method: "PUT"));

        await QueueUpdateAsync(host, 1);
        await host.DrainOutboxAsync();
        await QueueUpdateAsync(host, 2);
        await host.DrainOutboxAsync();
        clock.Advance(TimeSpan.FromSeconds(31));
        await host.DrainOutboxAsync();

        Assert.Equal(["Tracker rev 2"], Landed(host));
        var older = (await host.Get<IOutboxStore>().FindByDedupeKeyAsync(UpdateKey(1)))!;
        Assert.Equal((OutboxStatus.Failed, IOutboxStore.SupersededError), (older.Status, older.LastError));
        Assert.NotNull(older.ReportedAt);
        Assert.Equal(OutboxStatus.Sent, (await host.Get<IOutboxStore>().FindByDedupeKeyAsync(UpdateKey(2)))!.Status);
    }

    /// <summary>
    /// Two refreshes pending together are not sent side by side (the older's PUT reaching Teams last): only the newer is.
    /// </summary>
    [Fact]
    public async Task TwoPendingUpdatesOfOneCardAreNotSentSideBySide()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await StartAsync(clock);
        var newerLanded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // The older's PUT, if it is made, reaches Teams only once the newer's has been answered.
        var connector = new GatedConnector(host.Get<IConnectorClient>(), async (text, send) =>
        {
            if (text.Contains("rev 1", StringComparison.Ordinal))
            {
                await newerLanded.Task.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }

            await send();
            if (text.Contains("rev 2", StringComparison.Ordinal))
            {
                newerLanded.TrySetResult();
            }
        });
        var dispatcher = Dispatcher(host, "web-1", connector);

        await QueueUpdateAsync(host, 1);
        await QueueUpdateAsync(host, 2);
        while (await dispatcher.DrainOnceAsync(CancellationToken.None) > 0)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(["Tracker rev 2"], Landed(host));
        Assert.Equal(OutboxStatus.Failed, (await host.Get<IOutboxStore>().FindByDedupeKeyAsync(UpdateKey(1)))!.Status);
    }

    /// <summary>
    /// Instance A is sending the first refresh (its PUT not yet answered) when the second is queued: instance B, on the same
    /// store, does not send the second ahead of it, but once A's has landed.
    /// </summary>
    [Fact]
    public async Task AnotherInstanceSendsTheNewerUpdateOnlyOnceTheOlderInFlightHasLanded()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await StartAsync(clock);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var held = new GatedConnector(host.Get<IConnectorClient>(), async (_, send) =>
        {
            entered.TrySetResult();
            await release.Task;
            await send();
        });
        var a = Dispatcher(host, "web-a", held);
        var b = Dispatcher(host, "web-b");

        await QueueUpdateAsync(host, 1);
        var sending = a.DrainOnceAsync(CancellationToken.None);
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await QueueUpdateAsync(host, 2);
        var whileInFlight = await b.DrainOnceAsync(CancellationToken.None);
        var landedWhileInFlight = Landed(host);
        release.TrySetResult();
        await sending;
        clock.Advance(TimeSpan.FromSeconds(1));
        await b.DrainOnceAsync(CancellationToken.None);

        Assert.Equal((1, 0), (whileInFlight, landedWhileInFlight.Count));
        Assert.Equal(["Tracker rev 1", "Tracker rev 2"], Landed(host));
        var store = host.Get<IOutboxStore>();
        Assert.Equal((OutboxStatus.Sent, OutboxStatus.Sent),
            ((await store.FindByDedupeKeyAsync(UpdateKey(1)))!.Status, (await store.FindByDedupeKeyAsync(UpdateKey(2)))!.Status));
    }

    /// <summary>
    /// Instance A dies while its PUT of the first refresh hangs. The second is held while A's lease lasts, then B takes the
    /// first over and gives it up, and sends the second: the card ends on the newer tracker, and A's call, ending at last,
    /// changes nothing.
    /// </summary>
    [Fact]
    public async Task WhenTheInstanceSendingTheOlderUpdateDiesTheNewerIsSentAndTheOlderNever()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await StartAsync(clock);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var gone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var dead = new GatedConnector(host.Get<IConnectorClient>(), async (_, _) =>
        {
            entered.TrySetResult();
            await gone.Task;
            throw new ConnectorException("The connection is gone.", null, null, null);
        });
        var a = Dispatcher(host, "web-a", dead);
        var b = Dispatcher(host, "web-b");

        await QueueUpdateAsync(host, 1);
        var dying = a.DrainOnceAsync(CancellationToken.None);
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await QueueUpdateAsync(host, 2);
        await b.DrainOnceAsync(CancellationToken.None);
        var landedWhileALives = Landed(host);
        clock.Advance(TimeSpan.FromMinutes(2));
        await b.DrainOnceAsync(CancellationToken.None);
        gone.TrySetResult();
        await dying;
        clock.Advance(TimeSpan.FromMinutes(1));
        await b.DrainOnceAsync(CancellationToken.None);

        Assert.Empty(landedWhileALives);
        Assert.Equal(["Tracker rev 2"], Landed(host));
        var store = host.Get<IOutboxStore>();
        Assert.Equal(IOutboxStore.SupersededError, (await store.FindByDedupeKeyAsync(UpdateKey(1)))!.LastError);
        Assert.Equal(OutboxStatus.Sent, (await store.FindByDedupeKeyAsync(UpdateKey(2)))!.Status);
    }

    /// <summary>The bot, on the test's clock, with the tracker card posted in the audit's channel.</summary>
    private async Task<BotTestHost> StartAsync(ManualTimeProvider clock, Action<BotTestHostOptions>? more = null)
    {
        var postgres = await DatabaseAsync();
        var host = await BotTestHost.StartAsync(o =>
        {
            o.Time = clock;
            o.PostgresConnectionString = postgres;
            more?.Invoke(o);
        });
        host.Connector.LimitClock = clock;
        await host.QueueAsync(o => o.PostToChannel(host.ServiceUrl, BotTestHost.TenantId, Audit.ChannelId!, Card("Tracker rev 0"),
            PostKey, null));
        await host.DrainOutboxAsync();
        return host;
    }

    private static Task<string> QueueUpdateAsync(BotTestHost host, int revision) =>
        host.QueueAsync(o => o.UpdatePosted(host.ServiceUrl, BotTestHost.TenantId, PostKey, Card($"Tracker rev {revision}"),
            UpdateKey(revision), null));

    private static string UpdateKey(int revision) => $"tracker:rev:{revision}";

    /// <summary>The trackers the updates that Teams accepted put on the card, in the order they landed.</summary>
    private static List<string> Landed(BotTestHost host) =>
        host.Sent(Audit.ChannelId).Where(s => s.Method == "PUT")
            .Select(s => s.AllText.Contains("rev 1", StringComparison.Ordinal) ? "Tracker rev 1"
                : s.AllText.Contains("rev 2", StringComparison.Ordinal) ? "Tracker rev 2" : "another card")
            .ToList();

    private static OutboxDispatcher Dispatcher(BotTestHost host, string instance, IConnectorClient? connector = null)
    {
        var options = Options.Create(new OutboxOptions { InstanceId = instance, RunInBackground = false });
        return connector is null
            ? ActivatorUtilities.CreateInstance<OutboxDispatcher>(host.Services, options)
            : ActivatorUtilities.CreateInstance<OutboxDispatcher>(host.Services, connector, options);
    }

    /// <summary>
    /// The bot's real connector client, with a step in front of each update: given the card's text and the update itself
    /// (to hold it, let it go, or never make it).
    /// </summary>
    private sealed class GatedConnector(IConnectorClient inner, Func<string, Func<Task>, Task> beforeUpdate) : IConnectorClient
    {
        public Task<ResourceResponse> SendToConversationAsync(string serviceUrl, string conversationId, Activity activity,
            CancellationToken cancellationToken = default) =>
            inner.SendToConversationAsync(serviceUrl, conversationId, activity, cancellationToken);

        public Task<ResourceResponse> ReplyToActivityAsync(string serviceUrl, string conversationId, string replyToId,
            Activity activity, CancellationToken cancellationToken = default) =>
            inner.ReplyToActivityAsync(serviceUrl, conversationId, replyToId, activity, cancellationToken);

        public async Task<ResourceResponse> UpdateActivityAsync(string serviceUrl, string conversationId, string activityId,
            Activity activity, CancellationToken cancellationToken = default)
        {
            ResourceResponse? response = null;
            await beforeUpdate(BotJson.Serialize(activity), async () =>
                response = await inner.UpdateActivityAsync(serviceUrl, conversationId, activityId, activity, cancellationToken));
            return response!;
        }

        public Task DeleteActivityAsync(string serviceUrl, string conversationId, string activityId,
            CancellationToken cancellationToken = default) =>
            inner.DeleteActivityAsync(serviceUrl, conversationId, activityId, cancellationToken);

        public Task<ConversationResourceResponse> CreateConversationAsync(string serviceUrl, ConversationParameters parameters,
            CancellationToken cancellationToken = default) => inner.CreateConversationAsync(serviceUrl, parameters, cancellationToken);

        public Task<PagedMembersResult> GetPagedMembersAsync(string serviceUrl, string conversationId, int? pageSize = null,
            string? continuationToken = null, CancellationToken cancellationToken = default) =>
            inner.GetPagedMembersAsync(serviceUrl, conversationId, pageSize, continuationToken, cancellationToken);

        public Task<TeamsChannelAccount> GetMemberAsync(string serviceUrl, string conversationId, string userId,
            CancellationToken cancellationToken = default) => inner.GetMemberAsync(serviceUrl, conversationId, userId, cancellationToken);

        public Task<ConversationList> GetTeamChannelsAsync(string serviceUrl, string teamId,
            CancellationToken cancellationToken = default) => inner.GetTeamChannelsAsync(serviceUrl, teamId, cancellationToken);
    }
}

/// <summary>On the default SQLite store.</summary>
public sealed class OutboxUpdatesInOrderOnSqlite : OutboxUpdatesInOrderScenarios
{
    protected override Task<string?> DatabaseAsync() => Task.FromResult<string?>(null);
}

/// <summary>On PostgreSQL, where several instances share one store.</summary>
[Collection(PostgresCollection.Name)]
public sealed class OutboxUpdatesInOrderOnPostgres(PostgresServerFixture server) : OutboxUpdatesInOrderScenarios
{
    protected override async Task<string?> DatabaseAsync() => await server.CreateDatabaseAsync();
}
