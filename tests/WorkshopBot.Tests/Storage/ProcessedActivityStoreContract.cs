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
    public async Task PruneForgetsOnlyOlderActivities()
    {
        await Store.TryMarkProcessedAsync("a:1", "old", T0);
        await Store.TryMarkProcessedAsync("a:1", "recent", T0.AddDays(2));

        var removed = await Store.PruneAsync(T0.AddDays(1));

        Assert.Equal(1, removed);
        Assert.True(await Store.TryMarkProcessedAsync("a:1", "old", T0.AddDays(3)));
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
