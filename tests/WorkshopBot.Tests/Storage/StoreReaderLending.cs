using WorkshopBot.Storage;

namespace WorkshopBot.Tests.Storage;

/// <summary>
/// The connections lent for the hot reads (<see cref="StorageDatabase.OpenReaderAsync"/>) are kept open with their
/// statements prepared, yet a read never sees an old state: each read sees what was committed before it, a failed
/// read does not spoil the next, and many readers at once each get their own connection.
/// </summary>
public sealed class StoreReaderLending : IAsyncLifetime
{
    private const string Read = "SELECT json FROM documents WHERE collection = @collection AND id = @id";

    private TestStorage _storage = null!;

    public async Task InitializeAsync() => _storage = await TestStorage.CreateSqliteAsync();

    public async Task DisposeAsync() => await _storage.DisposeAsync();

    [Fact]
    public async Task AKeptReaderSeesEachCommitMadeSinceItsLastRead()
    {
        var database = _storage.Get<StorageDatabase>();
        await Insert("d1", "{\"n\":1}");
        Assert.Equal("{\"n\":1}", await ReadAsync(database, "d1"));
        for (var n = 2; n <= 5; n++)
        {
            await _storage.ExecuteRawAsync("UPDATE documents SET json = @json WHERE id = 'd1'", new { json = $"{{\"n\":{n}}}" });
            Assert.Equal($"{{\"n\":{n}}}", await ReadAsync(database, "d1"));
        }

        Assert.Null(await ReadAsync(database, "missing"));
    }

    [Fact]
    public async Task AReadThatFailsLeavesTheNextReadsWorking()
    {
        var database = _storage.Get<StorageDatabase>();
        await Insert("d2", "{}");
        for (var i = 0; i < StorageDatabase.KeptReaders + 2; i++)
        {
            await using var reader = await database.OpenReaderAsync(CancellationToken.None);
            await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => reader.QueryAsync("SELECT nope FROM nowhere",
                (_, _) => Task.FromResult(0), CancellationToken.None));
        }

        Assert.Equal("{}", await ReadAsync(database, "d2"));
    }

    [Fact]
    public async Task ManyReadersAtOnceEachReadTheirOwnRow()
    {
        var database = _storage.Get<StorageDatabase>();
        const int readers = StorageDatabase.KeptReaders * 4;
        for (var i = 0; i < readers; i++)
        {
            await Insert("r" + i, $"{{\"i\":{i}}}");
        }

        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var reads = Enumerable.Range(0, readers).Select(async i =>
        {
            await using var reader = await database.OpenReaderAsync(CancellationToken.None);
            await gate.Task;
            return await reader.QueryAsync(Read, async (row, ct) => await row.ReadAsync(ct) ? row.GetString(0) : null,
                CancellationToken.None, ("@collection", "lending"), ("@id", "r" + i));
        }).ToList();
        gate.SetResult();

        Assert.Equal(Enumerable.Range(0, readers).Select(i => $"{{\"i\":{i}}}"), await Task.WhenAll(reads));
        Assert.Equal("{\"i\":3}", await ReadAsync(database, "r3"));
    }

    [Fact]
    public async Task TheReaderLentBackLastIsLentFirstWhateverTheThread()
    {
        // A reader drops its pages when it next reads after any commit: the one used last is the likeliest to hold them.
        // Both are lent back on one thread and lent again on others (a bag would give each thread its own first).
        var database = _storage.Get<StorageDatabase>();
        Assert.Null(await ReadAsync(database, "warm"));
        var first = await database.OpenReaderAsync(CancellationToken.None);
        var second = await database.OpenReaderAsync(CancellationToken.None);
        var (a, b) = (first.Connection, second.Connection);
        Assert.NotSame(a, b);
        await OnThreadOfItsOwn(async () =>
        {
            await first.DisposeAsync();
            await second.DisposeAsync();
            return 0;
        });

        var again = await OnThreadOfItsOwn(() => database.OpenReaderAsync(CancellationToken.None));
        Assert.Same(b, again.Connection);
        var next = await OnThreadOfItsOwn(() => database.OpenReaderAsync(CancellationToken.None));
        Assert.Same(a, next.Connection);
        await next.DisposeAsync();
        await again.DisposeAsync();
    }

    // Lending and lending back a kept reader complete at once, so all of it runs on the new thread.
    private static Task<T> OnThreadOfItsOwn<T>(Func<Task<T>> work) =>
        Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();

    private Task<int> Insert(string id, string json) => _storage.ExecuteRawAsync(
        "INSERT INTO documents (collection, id, version, json, updated_at) VALUES ('lending', @id, 1, @json, 0)", new { id, json });

    private static async Task<string?> ReadAsync(StorageDatabase database, string id)
    {
        await using var reader = await database.OpenReaderAsync(CancellationToken.None);
        return await reader.QueryAsync(Read, async (row, ct) => await row.ReadAsync(ct) ? row.GetString(0) : null,
            CancellationToken.None, ("@collection", "lending"), ("@id", id));
    }
}
