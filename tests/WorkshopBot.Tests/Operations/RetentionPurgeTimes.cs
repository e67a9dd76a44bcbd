using Dapper;
using WorkshopBot.Audits.Jobs;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Conversations;
using WorkshopBot.Storage;
using WorkshopBot.Tests.ActionPlans;
using WorkshopBot.Tests.Briefings;
using WorkshopBot.Tests.Storage;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.ActionPlans.ActionScenario;

namespace WorkshopBot.Tests.Operations;

/// <summary>
/// Two purges in one run, and a reply still queued at the purge. The deletion log's time is each purge's commit, not the
/// run's start: with the clock moved 20 minutes between the two purges (a slow run), an answer stored just after the second
/// is still forgotten by the pruner. A reply Teams has kept failing (503, asked to wait half an hour) is dropped by the
/// purge with what it said, not sent afterwards. Manual clock; real store and purge job.
/// </summary>
internal static class RetentionPurgeTimes
{
    public static async Task DeletionTimeIsEachPurgesCommitAsync(string? postgres)
    {
        var seams = new DocumentSeams();
        await using var s = await StartAsync(postgres, services: seams.Install);
        var chair = new WorkshopBot.Common.PersonRef(Chair.AadObjectId, Chair.Name) { TenantId = BotTestHost.TenantId };
        var second = await BriefingSeed.OneCaseAuditAsync(s.Host.Services, chair, s.Time.GetUtcNow().AddDays(-10));
        await RetentionPurgeScenarios.CloseAsync(s.Host, s.Audit.Id, s.Time.GetUtcNow());
        await RetentionPurgeScenarios.CloseAsync(s.Host, second.Id, s.Time.GetUtcNow());
        s.Time.Advance(s.Time.GetUtcNow().AddMonths(73) - s.Time.GetUtcNow());
        var runStart = s.Time.GetUtcNow();
        // The run is slow: by the time the second audit is read for its purge, 20 minutes have passed.
        seams.AfterNextRead(AuditStore.Audits, AuditStore.Key(second.Id), () =>
        {
            s.Time.Advance(TimeSpan.FromMinutes(20));
            return Task.CompletedTask;
        });
        var purged = await s.Host.Get<RetentionJob>().RunOnceAsync(default);

        // A turn that read the second audit commits its answer 30 seconds after that purge's commit.
        s.Time.Advance(TimeSpan.FromSeconds(30));
        s.Host.Connector.Inject("a%3Aanother-organisation",
            new InjectedFailure(503, RetryAfter: TimeSpan.FromMinutes(30), Times: 40, Method: "POST"));
        var work = new StoreWork();
        work.MarkProcessed("conv-1", "straddling", s.Time.GetUtcNow(), 200, $$"""{"text":"Your audits: {{second.Title}}"}""");
        Assert.Equal(CommitOutcome.Committed, (await s.Host.Get<IStoreCommitter>().CommitAsync(work, default)).Outcome);
        s.Time.Advance(TimeSpan.FromHours(1));
        await s.Host.Get<ProcessedActivityPruner>().RunOnceAsync(default);
        var straddling = await s.Host.Get<IProcessedActivityStore>().FindAsync("conv-1", "straddling");

        Assert.True(seams.Ran);
        Assert.Equal(2, purged.Count);
        Assert.Equal(runStart.AddMinutes(20), Assert.Single(purged, p => p.AuditId == second.Id).Record.PurgedAt);
        Assert.NotNull(straddling);
        Assert.Null(straddling.Json);
    }

    public static async Task QueuedReplyIsDroppedAsync(string? postgres)
    {
        await using var s = await StartAsync(postgres);
        await RetentionPurgeScenarios.CloseAsync(s.Host, s.Audit.Id, s.Time.GetUtcNow());
        s.Time.Advance(s.Time.GetUtcNow().AddMonths(73) - s.Time.GetUtcNow());
        var chat = BotTestHost.PersonalChat(Chair);
        await s.Host.SayAsync(Chair, chat, "hello");
        await s.Host.DrainOutboxAsync();

        // A turn that read the audit answered with its title, committed as a turn commits its reply; Teams is down for the
        // chair's chat and asks for half an hour each time, so the reply is still queued at the purge.
        s.Host.Connector.Inject(Uri.EscapeDataString(chat.Id),
            new InjectedFailure(503, RetryAfter: TimeSpan.FromMinutes(30), Times: 40, Method: "POST"));
        s.Host.Connector.Inject("a%3Aanother-organisation",
            new InjectedFailure(503, RetryAfter: TimeSpan.FromMinutes(30), Times: 40, Method: "POST"));
        var work = new StoreWork();
        work.MarkProcessed(chat.Id, "asked", s.Time.GetUtcNow(), 200, null);
        work.Enqueue(new NewOutboxMessage
        {
            TenantId = BotTestHost.TenantId, Kind = OutboxKind.Send, ServiceUrl = s.Host.ServiceUrl, ConversationId = chat.Id,
            PayloadJson = $$"""{"type":"message","text":"Your audits: {{s.Audit.Title}} (closed)"}""",
            DedupeKey = $"reply:{chat.Id}:asked:1", CreatedAt = s.Time.GetUtcNow(),
        });
        // Another organisation's reply, queued too: its people never saw this audit, so the purge leaves it to be sent.
        work.Enqueue(new NewOutboxMessage
        {
            TenantId = "5d2c9a41-0b7e-4f3a-8c61-9e0d2b4a7f15", Kind = OutboxKind.Send, ServiceUrl = s.Host.ServiceUrl,
            ConversationId = "a:another-organisation", PayloadJson = """{"type":"message","text":"Another organisation's reply"}""",
            DedupeKey = "reply:a:another-organisation:asked:1", CreatedAt = s.Time.GetUtcNow(),
        });
        Assert.Equal(CommitOutcome.Committed, (await s.Host.Get<IStoreCommitter>().CommitAsync(work, default)).Outcome);
        await s.Host.DrainOutboxAsync();
        s.Time.Advance(TimeSpan.FromMinutes(10));
        var queued = await RepliesWithTextAsync(s.Host, s.Audit.Title);
        Assert.Single(await s.Host.Get<RetentionJob>().RunOnceAsync(default));
        var afterPurge = await RepliesWithTextAsync(s.Host, s.Audit.Title);
        var othersAfterPurge = await RepliesWithTextAsync(s.Host, "Another organisation's reply");
        var requestsAfterPurge = s.Host.Connector.Requests.Count;
        for (var i = 0; i < 4; i++)
        {
            s.Time.Advance(TimeSpan.FromMinutes(30));
            await s.Host.DrainOutboxAsync();
        }

        Assert.Contains(queued, r => r.Status == "Pending");
        Assert.Empty(afterPurge);
        Assert.Equal("Pending", Assert.Single(othersAfterPurge).Status);
        Assert.DoesNotContain(s.Host.Connector.Requests.Skip(requestsAfterPurge),
            r => r.Body.Contains(s.Audit.Title, StringComparison.Ordinal));
    }

    private static async Task<List<(string Key, string Status)>> RepliesWithTextAsync(BotTestHost host, string text)
    {
        await using var c = await host.Get<StorageDatabase>().OpenAsync(default);
        return (await c.QueryAsync<(string, string)>(
            "SELECT dedupe_key, status FROM outbox_messages WHERE dedupe_key LIKE 'reply:%' AND payload_json LIKE @text",
            new { text = "%" + text + "%" })).ToList();
    }
}

/// <summary>Purge times and queued replies on SQLite.</summary>
public sealed class RetentionPurgeTimesOnSqlite
{
    [Fact]
    public Task TheDeletionLogTimeIsEachPurgesCommitSoAStraddlingAnswerOnTheSecondIsForgotten() =>
        RetentionPurgeTimes.DeletionTimeIsEachPurgesCommitAsync(null);

    [Fact]
    public Task AReplyStillQueuedAtThePurgeIsDroppedWithItsText() => RetentionPurgeTimes.QueuedReplyIsDroppedAsync(null);
}

/// <summary>The same on PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class RetentionPurgeTimesOnPostgres(PostgresServerFixture server)
{
    [Fact]
    public async Task TheDeletionLogTimeIsEachPurgesCommitSoAStraddlingAnswerOnTheSecondIsForgotten() =>
        await RetentionPurgeTimes.DeletionTimeIsEachPurgesCommitAsync(await server.CreateDatabaseAsync());

    [Fact]
    public async Task AReplyStillQueuedAtThePurgeIsDroppedWithItsText() =>
        await RetentionPurgeTimes.QueuedReplyIsDroppedAsync(await server.CreateDatabaseAsync());
}
