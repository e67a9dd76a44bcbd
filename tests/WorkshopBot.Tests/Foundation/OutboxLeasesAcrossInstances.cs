using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkshopBot.Cards;
using WorkshopBot.Outbox;
using WorkshopBot.Protocol.Connector;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Operations;
using WorkshopBot.Tests.Storage;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.Support.OutboxTestMessages;

namespace WorkshopBot.Tests.Foundation;

/// <summary>
/// Leases across instances that share one store, as several instances on one PostgreSQL database do: what an instance
/// that died mid-send held is taken over by another within about one lease, and posted once.
/// </summary>
public abstract class OutboxLeasesAcrossInstancesScenarios
{
    private static readonly TestUser Rep = BotTestHost.User("Riley Representative");

    /// <summary>A PostgreSQL database, or null for SQLite.</summary>
    protected abstract Task<string?> DatabaseAsync();

    /// <summary>
    /// Instance A starts posting a safety alert and dies mid-send (its call never ends, and it never comes back under its
    /// name): instance B on the same store takes the alert over once one lease (2 min) has passed since the send began,
    /// not before, and not only after the 11 min the longest send with all the connector's retries could take.
    /// </summary>
    [Fact]
    public async Task AMessageWhoseInstanceDiedMidSendIsTakenOverAfterOneLeaseAndPostedOnce()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        var postgres = await DatabaseAsync();
        await using var host = await BotTestHost.StartAsync(o =>
        {
            o.Time = clock;
            o.PostgresConnectionString = postgres;
        });
        await host.QueueAsync(o => o.SendToUser(host.ServiceUrl, BotTestHost.TenantId, Rep.Id, Card("Child unsafe now"), "safety",
            null));
        var store = host.Get<IOutboxStore>();
        var dead = new DeadConnector();
        var a = ActivatorUtilities.CreateInstance<OutboxDispatcher>(host.Services, dead,
            Options.Create(new OutboxOptions { InstanceId = "instance-a", RunInBackground = false }));
        var b = ActivatorUtilities.CreateInstance<OutboxDispatcher>(host.Services,
            Options.Create(new OutboxOptions { InstanceId = "instance-b", RunInBackground = false }));

        var dying = a.DrainOnceAsync(CancellationToken.None);
        await WaitUntilAsync(() => Task.FromResult(dead.Calls > 0));
        var begun = (await store.FindByDedupeKeyAsync("safety"))!;
        clock.Advance(TimeSpan.FromMinutes(2) - TimeSpan.FromSeconds(1));
        var takenEarly = await b.DrainOnceAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(1));
        var takenOver = await b.DrainOnceAsync(CancellationToken.None);

        Assert.Equal((OutboxStatus.InFlight, true), (begun.Status, begun.LeaseOwner!.StartsWith("instance-a/", StringComparison.Ordinal)));
        Assert.Equal(begun.AttemptStartedAt + TimeSpan.FromMinutes(2), begun.LeaseUntil);
        Assert.Equal((0, 1), (takenEarly, takenOver));
        Assert.Single(host.Sent(BotTestHost.PersonalChat(Rep).Id));
        Assert.Equal(OutboxStatus.Sent, (await store.FindByDedupeKeyAsync("safety"))!.Status);

        // A's call ends at last (its connection is gone): what it records is fenced off, nothing is posted again.
        dead.Gone();
        await dying;
        Assert.Single(host.Sent(BotTestHost.PersonalChat(Rep).Id));
        Assert.Equal(OutboxStatus.Sent, (await store.FindByDedupeKeyAsync("safety"))!.Status);
    }

    /// <summary>
    /// Two running processes resolve to the same instance id (no Outbox:InstanceId set, one host): the second's start-up
    /// leaves alone the safety alert the first is sending (before, it took it back, and the alert could be posted twice),
    /// and once the first beats again each tells that they share the id.
    /// </summary>
    [Fact]
    public async Task ASecondRunningProcessWithTheSameInstanceIdLeavesTheFirstsMessageAloneAndSaysTheyShareIt()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await StartAsync(clock);
        var store = host.Get<IOutboxStore>();
        var dead = new DeadConnector();
        var (aLogs, bLogs) = (new UndeliverableMessages.CapturedLogs(), new UndeliverableMessages.CapturedLogs());
        var a = Dispatcher(host, "shared", aLogs, dead);
        var b = Dispatcher(host, "shared", bLogs);

        var sending = a.DrainOnceAsync(CancellationToken.None);
        await WaitUntilAsync(() => Task.FromResult(dead.Calls > 0));
        clock.Advance(TimeSpan.FromSeconds(5));
        var resumed = await b.ResumeAsync(CancellationToken.None);
        var takenByB = await b.DrainOnceAsync(CancellationToken.None);
        var held = (await store.FindByDedupeKeyAsync("safety"))!;
        clock.Advance(TimeSpan.FromSeconds(5));
        await a.BeatAsync(CancellationToken.None);
        await b.BeatAsync(CancellationToken.None);

        Assert.Equal(((0, 0), 0), (resumed, takenByB));
        Assert.Equal((OutboxStatus.InFlight, true), (held.Status, held.LeaseOwner!.StartsWith("shared/", StringComparison.Ordinal)));
        Assert.Empty(host.Sent(BotTestHost.PersonalChat(Rep).Id));
        Assert.True(a.SharesInstanceId && b.SharesInstanceId);
        Assert.Single(bLogs.Entries, e => e.Level == LogLevel.Error && e.Text.Contains("Outbox:InstanceId", StringComparison.Ordinal));
        Assert.Single(aLogs.Entries, e => e.Level == LogLevel.Error && e.Text.Contains("Outbox:InstanceId", StringComparison.Ordinal));

        dead.Gone();
        await sending;
        Assert.Empty(host.Sent(BotTestHost.PersonalChat(Rep).Id));
    }

    /// <summary>
    /// A run dies mid-send and the next run of the same instance id starts 5 s later, while the dead run's beat is fresh:
    /// the alert is not taken back at start-up (the dead run cannot be told from a live one yet), but at the beat after
    /// the dead run's beat is stale (30 s), well before its lease (2 min) would free it; posted once, no error said.
    /// </summary>
    [Fact]
    public async Task ARunThatCrashedJustBeforeTheNextStartedIsTakenBackOnceItsBeatIsStale()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await StartAsync(clock);
        var store = host.Get<IOutboxStore>();
        var dead = new DeadConnector();
        var logs = new UndeliverableMessages.CapturedLogs();
        var crashed = Dispatcher(host, "web-1", new UndeliverableMessages.CapturedLogs(), dead);
        var next = Dispatcher(host, "web-1", logs);

        var dying = crashed.DrainOnceAsync(CancellationToken.None);
        await WaitUntilAsync(() => Task.FromResult(dead.Calls > 0));
        clock.Advance(TimeSpan.FromSeconds(5));
        var atStart = await next.ResumeAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(10));
        var whileFresh = await next.BeatAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(16));
        var onceStale = await next.BeatAsync(CancellationToken.None);
        var sent = await next.DrainOnceAsync(CancellationToken.None);

        Assert.Equal(((0, 0), (0, 0), (1, 1), 1), (atStart, whileFresh, onceStale, sent));
        Assert.Single(host.Sent(BotTestHost.PersonalChat(Rep).Id));
        Assert.Equal(OutboxStatus.Sent, (await store.FindByDedupeKeyAsync("safety"))!.Status);
        Assert.False(next.SharesInstanceId);
        Assert.DoesNotContain(logs.Entries, e => e.Level == LogLevel.Error);

        dead.Gone();
        await dying;
        Assert.Single(host.Sent(BotTestHost.PersonalChat(Rep).Id));
    }

    /// <summary>A run that died long ago (its beat stale) is taken back at the next run's start-up, as before runs beat.</summary>
    [Fact]
    public async Task ARunWhoseBeatIsAlreadyStaleIsTakenBackAtStartUp()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await StartAsync(clock);
        var dead = new DeadConnector();
        var crashed = Dispatcher(host, "web-1", new UndeliverableMessages.CapturedLogs(), dead);
        var next = Dispatcher(host, "web-1", new UndeliverableMessages.CapturedLogs());

        var dying = crashed.DrainOnceAsync(CancellationToken.None);
        await WaitUntilAsync(() => Task.FromResult(dead.Calls > 0));
        clock.Advance(TimeSpan.FromSeconds(31));
        var atStart = await next.ResumeAsync(CancellationToken.None);
        var sent = await next.DrainOnceAsync(CancellationToken.None);

        Assert.Equal(((1, 1), 1), (atStart, sent));
        Assert.Single(host.Sent(BotTestHost.PersonalChat(Rep).Id));
        dead.Gone();
        await dying;
        Assert.Single(host.Sent(BotTestHost.PersonalChat(Rep).Id));
    }

    /// <summary>
    /// The background drainer registers its run, renews its beat every twelfth of the lease (10 s), and forgets the run
    /// when it stops gracefully, so that the next run takes back at once what it left.
    /// </summary>
    [Fact]
    public async Task ARunningDrainerBeatsAndAGracefulStopForgetsItsRun()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        var postgres = await DatabaseAsync();
        await using var host = await BotTestHost.StartAsync(o =>
        {
            o.Time = clock;
            o.PostgresConnectionString = postgres;
            o.BackgroundOutbox = true;
        });
        var start = clock.GetUtcNow();

        await WaitUntilAsync(async () => (await RunsAsync(host)).Count == 1);
        var first = Assert.Single(await RunsAsync(host));
        clock.Advance(TimeSpan.FromSeconds(10));
        await WaitUntilAsync(async () => (await RunsAsync(host)).Single().BeatAt > first.BeatAt);
        var beaten = Assert.Single(await RunsAsync(host));
        await host.RestartAsync();
        await WaitUntilAsync(async () => (await RunsAsync(host)).Count == 1);
        var next = Assert.Single(await RunsAsync(host));

        Assert.Equal(UnixTime.ToMs(start), first.BeatAt);
        Assert.Equal((first.Owner, UnixTime.ToMs(start + TimeSpan.FromSeconds(10))), (beaten.Owner, beaten.BeatAt));
        Assert.NotEqual(first.Owner, next.Owner);
    }

    private static async Task<List<(string Owner, long BeatAt)>> RunsAsync(BotTestHost host)
    {
        await using var connection = await host.Get<StorageDatabase>().OpenAsync(CancellationToken.None);
        return [.. await Dapper.SqlMapper.QueryAsync<(string, long)>(connection, "SELECT owner, beat_at FROM outbox_runs")];
    }

    private async Task<BotTestHost> StartAsync(ManualTimeProvider clock)
    {
        var postgres = await DatabaseAsync();
        var host = await BotTestHost.StartAsync(o =>
        {
            o.Time = clock;
            o.PostgresConnectionString = postgres;
        });
        await host.QueueAsync(o => o.SendToUser(host.ServiceUrl, BotTestHost.TenantId, Rep.Id, Card("Child unsafe now"), "safety",
            null));
        return host;
    }

    private static OutboxDispatcher Dispatcher(BotTestHost host, string instance, UndeliverableMessages.CapturedLogs logs,
        IConnectorClient? connector = null)
    {
        var options = Options.Create(new OutboxOptions { InstanceId = instance, RunInBackground = false });
        var logger = new LoggerFactory([logs]).CreateLogger<OutboxDispatcher>();
        return connector is null
            ? ActivatorUtilities.CreateInstance<OutboxDispatcher>(host.Services, options, logger)
            : ActivatorUtilities.CreateInstance<OutboxDispatcher>(host.Services, connector, options, logger);
    }

    /// <summary>The connector of an instance that died mid-send: its calls never end, until its connection is gone.</summary>
    private sealed class DeadConnector : IConnectorClient
    {
        private readonly TaskCompletionSource _gone = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public void Gone() => _gone.TrySetResult();

        public Task<ResourceResponse> SendToConversationAsync(string serviceUrl, string conversationId, Activity activity,
            CancellationToken cancellationToken = default) => HangAsync<ResourceResponse>(cancellationToken);

        public Task<ResourceResponse> ReplyToActivityAsync(string serviceUrl, string conversationId, string replyToId,
            Activity activity, CancellationToken cancellationToken = default) => HangAsync<ResourceResponse>(cancellationToken);

        public Task<ResourceResponse> UpdateActivityAsync(string serviceUrl, string conversationId, string activityId,
            Activity activity, CancellationToken cancellationToken = default) => HangAsync<ResourceResponse>(cancellationToken);

        public Task DeleteActivityAsync(string serviceUrl, string conversationId, string activityId,
            CancellationToken cancellationToken = default) => HangAsync<bool>(cancellationToken);

        public Task<ConversationResourceResponse> CreateConversationAsync(string serviceUrl, ConversationParameters parameters,
            CancellationToken cancellationToken = default) => HangAsync<ConversationResourceResponse>(cancellationToken);

        public Task<PagedMembersResult> GetPagedMembersAsync(string serviceUrl, string conversationId, int? pageSize = null,
            string? continuationToken = null, CancellationToken cancellationToken = default) =>
            HangAsync<PagedMembersResult>(cancellationToken);

        public Task<TeamsChannelAccount> GetMemberAsync(string serviceUrl, string conversationId, string userId,
            CancellationToken cancellationToken = default) => HangAsync<TeamsChannelAccount>(cancellationToken);

        public Task<ConversationList> GetTeamChannelsAsync(string serviceUrl, string teamId,
            CancellationToken cancellationToken = default) => HangAsync<ConversationList>(cancellationToken);

        private async Task<T> HangAsync<T>(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            await _gone.Task.WaitAsync(cancellationToken);
            throw new ConnectorException("The connection is gone.", null, null, null);
        }
    }
}

/// <summary>On the default SQLite store.</summary>
public sealed class OutboxLeasesAcrossInstancesOnSqlite : OutboxLeasesAcrossInstancesScenarios
{
    protected override Task<string?> DatabaseAsync() => Task.FromResult<string?>(null);
}

/// <summary>On PostgreSQL, where several instances share one store.</summary>
[Collection(PostgresCollection.Name)]
public sealed class OutboxLeasesAcrossInstancesOnPostgres(PostgresServerFixture server) : OutboxLeasesAcrossInstancesScenarios
{
    protected override async Task<string?> DatabaseAsync() => await server.CreateDatabaseAsync();
}
