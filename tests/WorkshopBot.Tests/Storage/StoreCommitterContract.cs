using System.Text.Json;
using Dapper;
using WorkshopBot.Storage;

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
