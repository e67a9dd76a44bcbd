using Dapper;
using WorkshopBot.Cards;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Support;

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

    /// <summary>The person an answer was given to is kept with the mark and read back wherever the mark is read for replay.</summary>
    [Fact]
    public async Task ThePersonAnsweredIsKeptWithTheMarkAndReadBackForReplay()
    {
        const string chair = "tenant-a/chair-oid";
        var work = new StoreWork();
        work.MarkProcessed("a:1", "act-export", T0, 200, """{"card":"export"}""", chair);
        var afresh = new StoreWork();
        afresh.MarkProcessedAfresh("a:1", "act-vote", T0, 200, "tenant-a/voter-oid");
        var anonymous = new StoreWork();
        anonymous.MarkProcessed("a:1", "act-update", T0, 200, null);
        var committer = Storage.Get<IStoreCommitter>();
        foreach (var each in new[] { work, afresh, anonymous })
        {
            Assert.Equal(CommitOutcome.Committed, (await committer.CommitAsync(each, CancellationToken.None)).Outcome);
        }

        var found = await Store.FindAsync("a:1", "act-export");
        Assert.Equal(new StoredResponse(200, """{"card":"export"}""") { PersonKey = chair }, found);
        Assert.True(found!.AnsweredAnother("tenant-a/practitioner-oid"));
        Assert.False(found.AnsweredAnother("TENANT-A/CHAIR-OID"));
        Assert.Equal(new StoredResponse(200, null) { Afresh = true, PersonKey = "tenant-a/voter-oid" },
            await Store.FindAsync("a:1", "act-vote"));
        Assert.Null((await Store.FindAsync("a:1", "act-update"))!.PersonKey);
        await using (var reader = await Storage.Get<StorageDatabase>().OpenReaderAsync(CancellationToken.None))
        {
            Assert.Equal(chair, (await reader.QueryAsync(Store.FindQuery("a:1", "act-export"), CancellationToken.None))?.PersonKey);
        }

        // A second delivery's commit finds the first's mark, with its person.
        var again = new StoreWork();
        again.MarkProcessed("a:1", "act-export", T0, 200, """{"card":"other"}""", "tenant-a/practitioner-oid");
        var result = await committer.CommitAsync(again, CancellationToken.None);
        Assert.Equal(CommitOutcome.AlreadyProcessed, result.Outcome);
        Assert.Equal(new StoredResponse(200, """{"card":"export"}""") { PersonKey = chair }, result.Response);
    }

    /// <summary>The group commit's batched marks (one statement for all on PostgreSQL) keep each work's own person.</summary>
    [Fact]
    public async Task MarksCommittedInOneBatchKeepTheirOwnPeople()
    {
        static string? PersonOf(int i) => i % 4 == 3 ? null : $"tenant-a/person-{i}";
        static StoreWork Work(int i, Action? inLeader)
        {
            var work = new StoreWork();
            work.MarkProcessed("a:1", "act-" + i, T0, 200, i % 2 == 0 ? $$"""{"answer":{{i}}}""" : null, PersonOf(i));
            work.Execute("nothing else", _ =>
            {
                inLeader?.Invoke();
                return [];
            });
            return work;
        }

        var committer = (SqlStoreCommitter)Storage.Get<IStoreCommitter>();
        var before = committer.AllAtOnceBatches;
        var results = await OneBatch.CommitAsync(committer, inLeader => Work(0, inLeader), i => Work(i, null), count: 11);

        Assert.All(results, r => Assert.Equal(CommitOutcome.Committed, Assert.IsType<CommitResult>(r).Outcome));
        Assert.True(committer.AllAtOnceBatches >= before + 2, "Both batches should have gone all at once.");
        for (var i = 0; i <= 11; i++)
        {
            Assert.Equal(PersonOf(i), (await Store.FindAsync("a:1", "act-" + i))?.PersonKey);
        }
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
