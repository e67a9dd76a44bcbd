using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WorkshopBot.Cards;
using WorkshopBot.Outbox;
using WorkshopBot.Protocol.Connector;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Storage;
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
