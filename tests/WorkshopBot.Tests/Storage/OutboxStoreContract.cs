using System.Collections.Concurrent;
using WorkshopBot.Cards;
using WorkshopBot.Storage;

namespace WorkshopBot.Tests.Storage;

public abstract partial class OutboxStoreContract : StorageContract
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    private IOutboxStore Store => Storage.Get<IOutboxStore>();

    [Fact]
    public async Task EnqueueStoresPendingMessageDueAtCreation()
    {
        var message = await Store.EnqueueAsync(Send("k-1", correlationId: "audit:1"));

        Assert.True(message.Id > 0);
        Assert.Equal(OutboxStatus.Pending, message.Status);
        Assert.Equal(0, message.Attempts);
        Assert.Equal(T0, message.NextAttemptAt);
        Assert.Equal(T0, message.CreatedAt);
        Assert.Null(message.LeaseOwner);
        Assert.Null(message.CompletedAt);
        Assert.Equal("""{"type":"message","text":"k-1"}""", message.PayloadJson);
        Assert.Equal(message, await Store.GetAsync(message.Id));
    }

    [Fact]
    public async Task EnqueueTwiceWithSameDedupeKeyReturnsTheExistingMessage()
    {
        var first = await Store.EnqueueAsync(Send("k-1"));

        var second = await Store.EnqueueAsync(Send("k-1") with
        {
            PayloadJson = """{"type":"message","text":"changed"}""",
            CreatedAt = T0.AddMinutes(1),
        });

        Assert.Equal(first, second);
        Assert.Equal(1, await Store.CountPendingAsync());
    }

    [Fact]
    public async Task EnqueueRejectsUpdateWithoutActivityId()
    {
        var update = Send("k-1") with { Kind = OutboxKind.Update };

        await Assert.ThrowsAsync<ArgumentException>(() => Store.EnqueueAsync(update));
        Assert.Equal(0, await Store.CountPendingAsync());
    }

    [Fact]
    public async Task EnqueueKeepsTargetsOfCreateConversationKinds()
    {
        var personal = await Store.EnqueueAsync(Send("k-1") with
        {
            Kind = OutboxKind.CreatePersonalConversation,
            ConversationId = null,
            TargetUserId = "29:user-1",
        });
        var thread = await Store.EnqueueAsync(Send("k-2") with
        {
            Kind = OutboxKind.CreateChannelThread,
            ConversationId = null,
            TargetChannelId = "19:c1@thread.tacv2",
        });

        Assert.Equal(OutboxKind.CreatePersonalConversation, (await Store.GetAsync(personal.Id))!.Kind);
        Assert.Equal("29:user-1", (await Store.GetAsync(personal.Id))!.TargetUserId);
        Assert.Equal("19:c1@thread.tacv2", (await Store.GetAsync(thread.Id))!.TargetChannelId);
    }

    [Fact]
    public async Task ClaimLeasesDueMessagesToOwnerOldestFirst()
    {
        var later = await Store.EnqueueAsync(Send("k-later") with { NextAttemptAt = T0.AddSeconds(30) });
        var earlier = await Store.EnqueueAsync(Send("k-earlier"));
        await Store.EnqueueAsync(Send("k-future") with { NextAttemptAt = T0.AddHours(1) });

        var claimed = await Store.ClaimDueAsync(T0.AddMinutes(1), 10, Lease, "drainer-a");

        Assert.Equal([earlier.Id, later.Id], claimed.Select(m => m.Id));
        Assert.All(claimed, m =>
        {
            Assert.Equal(OutboxStatus.InFlight, m.Status);
            Assert.Equal("drainer-a", m.LeaseOwner);
            Assert.Equal(T0.AddMinutes(2), m.LeaseUntil);
        });
    }

    [Fact]
    public async Task ClaimTakesAtMostMax()
    {
        for (var i = 0; i < 5; i++)
        {
            await Store.EnqueueAsync(Send($"k-{i}"));
        }

        var claimed = await Store.ClaimDueAsync(T0, 3, Lease, "drainer-a");

        Assert.Equal(3, claimed.Count);
        Assert.Equal(2, (await Store.ClaimDueAsync(T0, 10, Lease, "drainer-b")).Count);
    }

    [Fact]
    public async Task SecondClaimerGetsNothingWhileLeaseIsValid()
    {
        await Store.EnqueueAsync(Send("k-1"));
        Assert.Single(await Store.ClaimDueAsync(T0, 10, Lease, "drainer-a"));

        var second = await Store.ClaimDueAsync(T0.AddSeconds(59), 10, Lease, "drainer-b");

        Assert.Empty(second);
    }

    [Fact]
    public async Task ExpiredLeaseIsReclaimable()
    {
        var message = await Store.EnqueueAsync(Send("k-1"));
        await Store.ClaimDueAsync(T0, 10, Lease, "drainer-a");

        var reclaimed = await Store.ClaimDueAsync(T0.AddMinutes(1), 10, Lease, "drainer-b");

        var claim = Assert.Single(reclaimed);
        Assert.Equal(message.Id, claim.Id);
        Assert.Equal("drainer-b", claim.LeaseOwner);
        Assert.Equal(T0.AddMinutes(2), claim.LeaseUntil);
    }

    [Fact]
    public async Task MarkSentFailsForStaleOwnerAndSucceedsForCurrentOwner()
    {
        var message = await Store.EnqueueAsync(Send("k-1"));
        await Store.ClaimDueAsync(T0, 10, Lease, "drainer-a");
        await Store.ClaimDueAsync(T0.AddMinutes(2), 10, Lease, "drainer-b");

        var staleResult = await Store.MarkSentAsync(message.Id, "drainer-a", "1:stale", null, T0.AddMinutes(2));
        var currentResult = await Store.MarkSentAsync(message.Id, "drainer-b", "1:sent", "a:new", T0.AddMinutes(3));

        Assert.False(staleResult);
        Assert.True(currentResult);
        var sent = await Store.GetAsync(message.Id);
        Assert.NotNull(sent);
        Assert.Equal(OutboxStatus.Sent, sent.Status);
        Assert.Equal("1:sent", sent.SentActivityId);
        Assert.Equal("a:new", sent.ResultConversationId);
        Assert.Equal(T0.AddMinutes(3), sent.CompletedAt);
        Assert.Null(sent.LeaseOwner);
    }

    [Fact]
    public async Task MarkFailsWhenMessageWasNeverClaimed()
    {
        var message = await Store.EnqueueAsync(Send("k-1"));

        Assert.False(await Store.MarkSentAsync(message.Id, "drainer-a", "1:x", null, T0));
        Assert.False(await Store.MarkFailedAsync(message.Id, "drainer-a", "boom", T0));
        Assert.Equal(OutboxStatus.Pending, (await Store.GetAsync(message.Id))!.Status);
    }

    [Fact]
    public async Task StaleOwnerCannotRescheduleBlockOrFail()
    {
        var message = await Store.EnqueueAsync(Send("k-1"));
        await Store.ClaimDueAsync(T0, 10, Lease, "drainer-a");
        await Store.ClaimDueAsync(T0.AddMinutes(2), 10, Lease, "drainer-b");

        Assert.False(await Store.RescheduleAsync(message.Id, "drainer-a", T0.AddMinutes(5), "429", T0.AddMinutes(2)));
        Assert.False(await Store.MarkBlockedAsync(message.Id, "drainer-a", "blocked", T0.AddMinutes(2)));
        Assert.False(await Store.MarkFailedAsync(message.Id, "drainer-a", "boom", T0.AddMinutes(2)));

        var stored = await Store.GetAsync(message.Id);
        Assert.Equal(OutboxStatus.InFlight, stored!.Status);
        Assert.Equal("drainer-b", stored.LeaseOwner);
        Assert.Equal(0, stored.Attempts);
    }

    [Fact]
    public async Task BlockedAndFailedMessagesAreFinal()
    {
        var blocked = await Store.EnqueueAsync(Send("k-1"));
        var failed = await Store.EnqueueAsync(Send("k-2"));
        await Store.ClaimDueAsync(T0, 10, Lease, "drainer-a");

        Assert.True(await Store.MarkBlockedAsync(blocked.Id, "drainer-a", "403 MessageWritesBlocked", T0.AddSeconds(1)));
        Assert.True(await Store.MarkFailedAsync(failed.Id, "drainer-a", "400 BadArgument", T0.AddSeconds(1)));

        Assert.Empty(await Store.ClaimDueAsync(T0.AddDays(1), 10, Lease, "drainer-b"));
        Assert.Equal(0, await Store.CountPendingAsync());
        var storedBlocked = await Store.GetAsync(blocked.Id);
        Assert.Equal(OutboxStatus.Blocked, storedBlocked!.Status);
        Assert.Equal("403 MessageWritesBlocked", storedBlocked.LastError);
        Assert.Equal(T0.AddSeconds(1), storedBlocked.CompletedAt);
        Assert.Equal(OutboxStatus.Failed, (await Store.GetAsync(failed.Id))!.Status);
    }

    [Fact]
    public async Task RescheduleIncrementsAttemptsAndDelaysNextClaim()
    {
        var message = await Store.EnqueueAsync(Send("k-1"));
        await Store.ClaimDueAsync(T0, 10, Lease, "drainer-a");

        Assert.True(await Store.RescheduleAsync(message.Id, "drainer-a", T0.AddSeconds(30), "429 Too Many Requests",
            T0.AddSeconds(1)));

        var rescheduled = await Store.GetAsync(message.Id);
        Assert.NotNull(rescheduled);
        Assert.Equal(OutboxStatus.Pending, rescheduled.Status);
        Assert.Equal(1, rescheduled.Attempts);
        Assert.Equal(T0.AddSeconds(30), rescheduled.NextAttemptAt);
        Assert.Equal("429 Too Many Requests", rescheduled.LastError);
        Assert.Null(rescheduled.LeaseOwner);
        Assert.Null(rescheduled.LeaseUntil);
        Assert.Empty(await Store.ClaimDueAsync(T0.AddSeconds(29), 10, Lease, "drainer-a"));
        var again = Assert.Single(await Store.ClaimDueAsync(T0.AddSeconds(30), 10, Lease, "drainer-a"));
        Assert.Equal(1, again.Attempts);
    }

    [Fact]
    public async Task ConcurrentClaimersNeverShareAMessage()
    {
        const int messageCount = 120;
        for (var i = 0; i < messageCount; i++)
        {
            await Store.EnqueueAsync(Send($"k-{i}"));
        }

        var claims = new ConcurrentBag<long>();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var drainers = Enumerable.Range(0, 8).Select(n => Task.Run(async () =>
        {
            await start.Task;
            while (true)
            {
                var batch = await Store.ClaimDueAsync(T0, 3, Lease, $"drainer-{n}");
                if (batch.Count == 0)
                {
                    return;
                }

                foreach (var message in batch)
                {
                    claims.Add(message.Id);
                }
            }
        })).ToArray();

        start.SetResult();
        await Task.WhenAll(drainers);

        Assert.Equal(messageCount, claims.Count);
        Assert.Equal(messageCount, claims.Distinct().Count());
    }

    [Fact]
    public async Task ListByCorrelationReturnsTheBatchInEnqueueOrder()
    {
        var first = await Store.EnqueueAsync(Send("k-1", correlationId: "audit:7"));
        await Store.EnqueueAsync(Send("k-2", correlationId: "audit:8"));
        var third = await Store.EnqueueAsync(Send("k-3", correlationId: "audit:7"));

        var batch = await Store.ListByCorrelationAsync("audit:7");

        Assert.Equal([first.Id, third.Id], batch.Select(m => m.Id));
    }

    [Fact]
    public async Task CountPendingCountsMessagesNotYetCompleted()
    {
        var sent = await Store.EnqueueAsync(Send("k-1"));
        await Store.EnqueueAsync(Send("k-2"));
        await Store.EnqueueAsync(Send("k-3") with { NextAttemptAt = T0.AddHours(1) });
        await Store.ClaimDueAsync(T0, 2, Lease, "drainer-a");
        await Store.MarkSentAsync(sent.Id, "drainer-a", "1:ok", null, T0);

        Assert.Equal(2, await Store.CountPendingAsync());
    }

    private static NewOutboxMessage Send(string dedupeKey, string? correlationId = null) => new()
    {
        TenantId = "tenant-1",
        Kind = OutboxKind.Send,
        ServiceUrl = "https://smba.trafficmanager.net/emea/",
        ConversationId = "a:1",
        PayloadJson = $$"""{"type":"message","text":"{{dedupeKey}}"}""",
        DedupeKey = dedupeKey,
        CorrelationId = correlationId,
        CreatedAt = T0,
    };
}

public sealed class OutboxStoreOnSqlite : OutboxStoreContract
{
    protected override Task<TestStorage> CreateStorageAsync(bool migrate) => TestStorage.CreateSqliteAsync(migrate);
}

[Collection(PostgresCollection.Name)]
public sealed class OutboxStoreOnPostgres(PostgresServerFixture server) : OutboxStoreContract
{
    protected override Task<TestStorage> CreateStorageAsync(bool migrate) =>
        TestStorage.CreatePostgresAsync(server, migrate);
}
