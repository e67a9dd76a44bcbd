using Dapper;
using WorkshopBot.Cards;
using WorkshopBot.Storage;

namespace WorkshopBot.Tests.Storage;

public abstract class ProcessedActivityStoreContract : StorageContract
{
    private IProcessedActivityStore Store => Storage.Get<IProcessedActivityStore>();

    [Fact]
    public async Task TryMarkProcessedIsTrueOnlyTheFirstTime()
    {
        Assert.True(await Store.TryMarkProcessedAsync("a:1", "act-1", T0));
        Assert.False(await Store.TryMarkProcessedAsync("a:1", "act-1", T0.AddSeconds(3)));
    }

    [Fact]
    public async Task SameActivityIdInAnotherConversationIsNew()
    {
        Assert.True(await Store.TryMarkProcessedAsync("a:1", "act-1", T0));
        Assert.True(await Store.TryMarkProcessedAsync("a:2", "act-1", T0));
    }

    [Fact]
    public async Task ExactlyOneOfTwentyConcurrentCallersWins()
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var callers = Enumerable.Range(0, 20).Select(_ => Task.Run(async () =>
        {
            await start.Task;
            return await Store.TryMarkProcessedAsync("a:1", "act-race", T0);
        })).ToArray();

        start.SetResult();
        var results = await Task.WhenAll(callers);

        Assert.Single(results, won => won);
    }

    [Fact]
    public async Task AnAnswerIsKeptPackedAndFoundAsGiven()
    {
        var json = "{\"ballot\":[" + string.Join(',', Enumerable.Range(1, 40).Select(i =>
            $"{{\"title\":\"● · #{i}\",\"value\":\"Idea {i}: agencies acted promptly and shared information.\"}}")) + "]}";
        var work = new StoreWork();
        work.MarkProcessed("a:1", "act-1", T0, 200, json);
        Assert.Equal(CommitOutcome.Committed,
            (await Storage.Get<IStoreCommitter>().CommitAsync(work, CancellationToken.None)).Outcome);

        Assert.Equal(new StoredResponse(200, json), await Store.FindAsync("a:1", "act-1"));
        await using var connection = await Storage.OpenRawAsync();
        var row = await connection.QuerySingleAsync<(string? Json, byte[]? Packed)>(
            "SELECT response_json AS Json, response_packed AS Packed FROM processed_activities WHERE activity_id = 'act-1'");
        Assert.Null(row.Json);
        Assert.NotNull(row.Packed);
        Assert.True(row.Packed.Length * 3 < System.Text.Encoding.UTF8.GetByteCount(json), $"{row.Packed.Length} bytes stored");
    }

    [Fact]
    public async Task AnAnswerKeptBeforeAnswersWerePackedIsStillFound()
    {
        await using (var connection = await Storage.OpenRawAsync())
        {
            await connection.ExecuteAsync("""
                INSERT INTO processed_activities (conversation_id, activity_id, processed_at, response_status, response_json)
                VALUES ('a:1', 'act-old', 0, 200, '{"kept":"as text"}')
                """);
        }

        Assert.Equal(new StoredResponse(200, """{"kept":"as text"}"""), await Store.FindAsync("a:1", "act-old"));
        var again = new StoreWork();
        again.MarkProcessed("a:1", "act-old", T0, 200, """{"new":1}""");
        var result = await Storage.Get<IStoreCommitter>().CommitAsync(again, CancellationToken.None);
        Assert.Equal(CommitOutcome.AlreadyProcessed, result.Outcome);
        Assert.Equal(new StoredResponse(200, """{"kept":"as text"}"""), result.Response);
    }

    [Fact]
    public async Task PruneForgetsOnlyOlderActivities()
    {
        await Store.TryMarkProcessedAsync("a:1", "old", T0);
        await Store.TryMarkProcessedAsync("a:1", "recent", T0.AddDays(2));

        var removed = await Store.PruneAsync(T0.AddDays(1));

        Assert.Equal(1, removed);
        Assert.True(await Store.TryMarkProcessedAsync("a:1", "old", T0.AddDays(3)));
        Assert.False(await Store.TryMarkProcessedAsync("a:1", "recent", T0.AddDays(3)));
    }

    /// <summary>The prune removes old marks a chunk at a time, and all of them, however many there are.</summary>
    [Fact]
    public async Task PruneRemovesEveryOldMarkAcrossChunks()
    {
        var old = (2 * SqlProcessedActivityStore.PruneChunk) + 7;
        await using (var connection = await Storage.Get<StorageDatabase>().OpenAsync(default))
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await connection.ExecuteAsync(
                "INSERT INTO processed_activities (conversation_id, activity_id, processed_at) VALUES ('a:1', @Id, @At)",
                Enumerable.Range(0, old).Select(i => new { Id = "old-" + i, At = T0.AddSeconds(i % 50).ToUnixTimeMilliseconds() }),
                transaction);
            await transaction.CommitAsync();
        }

        Assert.True(await Store.TryMarkProcessedAsync("a:1", "recent", T0.AddDays(2)));

        Assert.Equal(old, await Store.PruneAsync(T0.AddDays(1)));
        Assert.Equal(0, await Store.PruneAsync(T0.AddDays(1)));
        Assert.True(await Store.TryMarkProcessedAsync("a:1", "old-0", T0.AddDays(3)));
        Assert.True(await Store.TryMarkProcessedAsync("a:1", "old-" + (old - 1), T0.AddDays(3)));
        Assert.False(await Store.TryMarkProcessedAsync("a:1", "recent", T0.AddDays(3)));
    }
}

public sealed class ProcessedActivityStoreOnSqlite : ProcessedActivityStoreContract
{
    protected override Task<TestStorage> CreateStorageAsync(bool migrate) => TestStorage.CreateSqliteAsync(migrate);
}

[Collection(PostgresCollection.Name)]
public sealed class ProcessedActivityStoreOnPostgres(PostgresServerFixture server) : ProcessedActivityStoreContract
{
    protected override Task<TestStorage> CreateStorageAsync(bool migrate) =>
        TestStorage.CreatePostgresAsync(server, migrate);
}
