using System.Text.Json;
using Dapper;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Storage;

/// <summary>
/// A <see cref="StoreWork"/> is stored whole or not at all: its processed mark, documents, outbox messages and audit
/// entries commit in one transaction, and concurrent works are group-committed without one's conflict undoing another.
/// </summary>
public abstract class StoreCommitterContract : StorageContract
{
    private IStoreCommitter Committer => Storage.Get<IStoreCommitter>();

    private IDocumentStore Documents => Storage.Get<IDocumentStore>();

    [Fact]
    public async Task AWorkCommitsItsMarkDocumentsOutboxMessageAndAuditEntryTogether()
    {
        var work = Work("act-1", "doc-1");

        var result = await Committer.CommitAsync(work, CancellationToken.None);

        Assert.Equal(CommitOutcome.Committed, result.Outcome);
        Assert.NotNull(await Documents.GetAsync("things", "doc-1"));
        Assert.NotNull(await Storage.Get<IOutboxStore>().GetAsync(1));
        Assert.Single(await Storage.Get<IAuditLog>().ListAsync("thing", "doc-1"));
        Assert.False(await Storage.Get<IProcessedActivityStore>().TryMarkProcessedAsync("a:1", "act-1", T0));
    }

    [Fact]
    public async Task ARedeliveredActivityStoresNothingAndGetsTheAnswerGivenFirst()
    {
        await Committer.CommitAsync(Work("act-1", "doc-1", response: """{"n":1}"""), CancellationToken.None);

        var again = await Committer.CommitAsync(Work("act-1", "doc-2", response: """{"n":2}"""), CancellationToken.None);

        Assert.Equal(CommitOutcome.AlreadyProcessed, again.Outcome);
        Assert.Equal(new StoredResponse(200, """{"n":1}"""), again.Response);
        Assert.Null(await Documents.GetAsync("things", "doc-2"));
        Assert.Single(await Storage.Get<IAuditLog>().ListRecentAsync(10));
    }

    [Fact]
    public async Task AStaleUpdateWritesNothingOfItsWorkNotEvenTheMark()
    {
        await Documents.TryInsertAsync("things", "doc-1", "{}", null, null);
        await Documents.TryUpdateAsync("things", "doc-1", 1, """{"v":2}""", null, null);
        var work = new StoreWork();
        work.MarkProcessed("a:1", "act-stale", T0, 200, null);
        work.Append(new NewAuditEvent(T0, "u-1", "User", "thing.changed", "thing", "doc-1"));
        work.Update("things", "doc-1", expectedVersion: 1, """{"v":"stale"}""", null, null, "t-1");

        var result = await Committer.CommitAsync(work, CancellationToken.None);

        Assert.Equal(CommitOutcome.Conflict, result.Outcome);
        Assert.Equal("""{"v":2}""", (await Documents.GetAsync("things", "doc-1"))!.Json);
        Assert.Empty(await Storage.Get<IAuditLog>().ListRecentAsync(10));
        Assert.True(await Storage.Get<IProcessedActivityStore>().TryMarkProcessedAsync("a:1", "act-stale", T0));
    }

    [Fact]
    public async Task ADeleteRemovesTheVersionReadAndAStaleOneWritesNothingOfItsWork()
    {
        await Documents.TryInsertAsync("things", "doc-1", """{"v":1}""", null, null);
        await Documents.TryInsertAsync("things", "doc-2", """{"v":1}""", null, null);
        await Documents.TryUpdateAsync("things", "doc-2", 1, """{"v":2}""", null, null);
        var stale = new StoreWork();
        stale.MarkProcessed("a:1", "act-stale", T0, 200, null);
        stale.Append(new NewAuditEvent(T0, "u-1", "User", "thing.removed", "thing", "doc-2"));
        stale.Delete("things", "doc-2", expectedVersion: 1);
        var current = new StoreWork();
        current.Delete("things", "doc-1", expectedVersion: 1);

        var refused = await Committer.CommitAsync(stale, CancellationToken.None);
        var deleted = await Committer.CommitAsync(current, CancellationToken.None);

        Assert.Equal((CommitOutcome.Conflict, CommitOutcome.Committed), (refused.Outcome, deleted.Outcome));
        Assert.Equal("""{"v":2}""", (await Documents.GetAsync("things", "doc-2"))!.Json);
        Assert.Empty(await Storage.Get<IAuditLog>().ListRecentAsync(10));
        Assert.Null(await Documents.GetAsync("things", "doc-1"));
    }

    [Fact]
    public async Task ConcurrentWorksCommitIndependentlyWhenOneConflicts()
    {
        await Documents.TryInsertAsync("things", "shared", "{}", null, null);
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = Enumerable.Range(0, 40).Select(i => Task.Run(async () =>
        {
            await start.Task;
            var work = Work("act-" + i, "doc-" + i);
            // Every work also updates one shared document from version 1: exactly one of them can win it.
            work.Update("things", "shared", 1, JsonSerializer.Serialize(new { i }), null, null, "t-1");
            return await Committer.CommitAsync(work, CancellationToken.None);
        })).ToList();

        start.SetResult();
        var results = await Task.WhenAll(tasks);

        Assert.Single(results, r => r.Outcome == CommitOutcome.Committed);
        Assert.Equal(39, results.Count(r => r.Outcome == CommitOutcome.Conflict));
        Assert.Single(await Documents.ListAsync("things", key1: "winner"));
        Assert.Single(await Storage.Get<IAuditLog>().ListRecentAsync(100));
    }

    /// <summary>
    /// Works that insert the same new document at the same moment (Start pressed twice: the workshop's id is derived
    /// from what both presses read) commit once; the others conflict whole, so their turns run again from fresh reads.
    /// </summary>
    [Fact]
    public async Task ConcurrentInsertsOfOneIdCommitOnce()
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = Enumerable.Range(0, 20).Select(i => Task.Run(async () =>
        {
            await start.Task;
            return await Committer.CommitAsync(Work("act-" + i, "same"), CancellationToken.None);
        })).ToList();

        start.SetResult();
        var results = await Task.WhenAll(tasks);

        Assert.Single(results, r => r.Outcome == CommitOutcome.Committed);
        Assert.Equal(19, results.Count(r => r.Outcome == CommitOutcome.Conflict));
        Assert.Single(await Documents.ListAsync("things", key1: "winner"));
        Assert.Single(await Storage.Get<IAuditLog>().ListRecentAsync(100));
    }

    [Fact]
    public async Task TheDocumentCarriesItsTenant()
    {
        await Committer.CommitAsync(Work("act-1", "doc-1"), CancellationToken.None);

        await using var connection = await Storage.OpenRawAsync();
        var tenant = await connection.ExecuteScalarAsync<string>("SELECT tenant_id FROM documents WHERE id = 'doc-1'");

        Assert.Equal("t-1", tenant);
    }

    [Fact]
    public async Task AQueuedMessageWithATakenDedupeKeyIsNotAConflict()
    {
        await Committer.CommitAsync(Work("act-1", "doc-1", dedupe: "same"), CancellationToken.None);

        var second = await Committer.CommitAsync(Work("act-2", "doc-2", dedupe: "same"), CancellationToken.None);

        Assert.Equal(CommitOutcome.Committed, second.Outcome);
        Assert.Equal(1, await Storage.Get<IOutboxStore>().CountPendingAsync());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task StatementWorksInOneBatchEachKeepTheirOwnOutcome(bool withFailedStatements)
    {
        await Committer.CommitAsync(StatementWork("act-dup", 0, response: """{"n":1}"""), CancellationToken.None);
        var results = await CommitInOneBatchAsync(i =>
            StatementWork(i % 10 == 3 ? "act-dup" : "act-" + i, withFailedStatements || i % 10 != 7 ? i : 0));

        for (var i = 1; i < 40; i++)
        {
            switch (i % 10)
            {
                case 3:
                    var again = Assert.IsType<CommitResult>(results[i - 1]);
                    Assert.Equal(CommitOutcome.AlreadyProcessed, again.Outcome);
                    Assert.Equal(new StoredResponse(200, """{"n":1}"""), again.Response);
                    break;
                case 5:
                    Assert.Equal(CommitOutcome.Conflict, Assert.IsType<CommitResult>(results[i - 1]).Outcome);
                    break;
                case 7 when withFailedStatements:
                    Assert.IsAssignableFrom<System.Data.Common.DbException>(results[i - 1]);
                    break;
                default:
                    Assert.Equal(CommitOutcome.Committed, Assert.IsType<CommitResult>(results[i - 1]).Outcome);
                    break;
            }
        }

        // The first work, the first "act-dup" and the 27 (or 31) others that committed; nothing of a conflict or a failure.
        var committed = withFailedStatements ? 29 : 33;
        await using var connection = await Storage.OpenRawAsync();
        Assert.Equal(committed, await connection.ExecuteScalarAsync<long>(
            "SELECT participants FROM workshop_counts WHERE workshop_id = 'w-shared'"));
        Assert.Equal(committed, (await Storage.Get<IAuditLog>().ListRecentAsync(100)).Count);
        Assert.True(await Storage.Get<IProcessedActivityStore>().TryMarkProcessedAsync("a:1", "act-5", T0));
        Assert.Equal(withFailedStatements, await Storage.Get<IProcessedActivityStore>().TryMarkProcessedAsync("a:1", "act-17", T0));
        Assert.False(await Storage.Get<IProcessedActivityStore>().TryMarkProcessedAsync("a:1", "act-9", T0));
    }

    [Fact]
    public async Task AStatementTakenOncePerTransactionRunsOnceForAWholeBatch()
    {
        var results = await CommitInOneBatchAsync(i => StatementWork("act-" + i, 0, once: true), once: true);

        Assert.All(results, r => Assert.Equal(CommitOutcome.Committed, Assert.IsType<CommitResult>(r).Outcome));
        await using var connection = await Storage.OpenRawAsync();
        Assert.Equal(40, await connection.ExecuteScalarAsync<long>(
            "SELECT participants FROM workshop_counts WHERE workshop_id = 'w-shared'"));
        // Counted once by the first work's own batch and once by the batch of the 39 others.
        Assert.Equal(2, await connection.ExecuteScalarAsync<long>(
            "SELECT participants FROM workshop_counts WHERE workshop_id = 'w-once'"));
    }

    private Task<object[]> CommitInOneBatchAsync(Func<int, StoreWork> work, bool once = false) =>
        OneBatch.CommitAsync(Committer, inLeader => StatementWork("act-0", 0, inLeader: inLeader, once: once), work);

    /// <summary>
    /// Counts one on a shared row; work i with i mod 10 = 5 also expects a row that is not there (a conflict), and with
    /// i mod 10 = 7 writes to a table that does not exist (a failed statement).
    /// </summary>
    private static StoreWork StatementWork(string activityId, int i, string? response = null,
        Action? inLeader = null, bool once = false)
    {
        var work = new StoreWork();
        work.MarkProcessed("a:1", activityId, T0, 200, response);
        work.Execute("count " + i, _ =>
        {
            inLeader?.Invoke();

            var statements = new List<StoreStatement>
            {
                new("""
                    INSERT INTO workshop_counts (workshop_id, participants) VALUES (@w, 1)
                    ON CONFLICT (workshop_id) DO UPDATE SET participants = workshop_counts.participants + 1
                    """, null, ("@w", "w-shared")),
            };
            if (once)
            {
                // Deliberately not idempotent, to count how often it runs.
                statements.Add(new("""
                    INSERT INTO workshop_counts (workshop_id, participants) VALUES (@w, 1)
                    ON CONFLICT (workshop_id) DO UPDATE SET participants = workshop_counts.participants + 1
                    """, null, ("@w", "w-once")) { OncePerTransaction = true });
            }

            if (i % 10 == 5)
            {
                statements.Add(new("UPDATE workshop_counts SET participants = participants WHERE workshop_id = @w", 1, ("@w", "none")));
            }
            else if (i % 10 == 7)
            {
                statements.Add(new("INSERT INTO no_such_table (n) VALUES (@n)", null, ("@n", i)));
            }

            return statements;
        });
        work.Append(new NewAuditEvent(T0, "u-1", "User", "thing.counted", "thing", "c-" + i));
        return work;
    }

    private static StoreWork Work(string activityId, string documentId, string? response = null, string? dedupe = null)
    {
        var work = new StoreWork();
        work.MarkProcessed("a:1", activityId, T0, 200, response);
        work.Insert("things", documentId, """{"n":1}""", "winner", null, "t-1");
        work.Enqueue(new NewOutboxMessage
        {
            TenantId = "t-1",
            Kind = OutboxKind.Send,
            ServiceUrl = "https://smba.trafficmanager.net/uk/",
            ConversationId = "a:1",
            PayloadJson = """{"type":"message","text":"hi"}""",
            DedupeKey = dedupe ?? "send:" + activityId,
            CreatedAt = T0,
        });
        work.Append(new NewAuditEvent(T0, "u-1", "User", "thing.created", "thing", documentId));
        return work;
    }
}

public sealed class StoreCommitterOnSqlite : StoreCommitterContract
{
    protected override Task<TestStorage> CreateStorageAsync(bool migrate) => TestStorage.CreateSqliteAsync(migrate);
}

[Collection(PostgresCollection.Name)]
public sealed class StoreCommitterOnPostgres(PostgresServerFixture server) : StoreCommitterContract
{
    protected override Task<TestStorage> CreateStorageAsync(bool migrate) => TestStorage.CreatePostgresAsync(server, migrate);
}
