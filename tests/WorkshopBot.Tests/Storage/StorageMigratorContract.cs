using Microsoft.Extensions.DependencyInjection;
using WorkshopBot.Cards;
using WorkshopBot.Storage;

namespace WorkshopBot.Tests.Storage;

public abstract class StorageMigratorContract : StorageContract
{
    protected override bool MigrateBeforeEachTest => false;

    private StorageMigrator Migrator => Storage.Get<StorageMigrator>();

    [Fact]
    public async Task MigrateAppliesAndRecordsEveryScript()
    {
        var expected = Migrator.Migrations.Select(m => m.Version).ToList();

        var applied = await Migrator.MigrateAsync();

        Assert.NotEmpty(expected);
        Assert.Equal(expected, applied);
        Assert.Equal(expected, await Migrator.GetAppliedVersionsAsync());
    }

    [Fact]
    public async Task SecondMigrateIsANoOp()
    {
        await Migrator.MigrateAsync();
        var recordedAt = await Storage.QueryScalarAsync<long>("SELECT MAX(applied_at) FROM schema_migrations");
        Storage.Clock.Advance(TimeSpan.FromHours(1));

        var applied = await Migrator.MigrateAsync();

        Assert.Empty(applied);
        Assert.Equal(Migrator.Migrations.Length,
            await Storage.QueryScalarAsync<long>("SELECT COUNT(*) FROM schema_migrations"));
        Assert.Equal(recordedAt, await Storage.QueryScalarAsync<long>("SELECT MAX(applied_at) FROM schema_migrations"));
    }

    [Fact]
    public async Task TwoInstancesMigratingAtOnceApplyEachScriptOnce()
    {
        var other = Storage.CreateInstance().GetRequiredService<StorageMigrator>();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = Task.Run(async () => { await start.Task; return await Migrator.MigrateAsync(); });
        var second = Task.Run(async () => { await start.Task; return await other.MigrateAsync(); });

        start.SetResult();
        var results = await Task.WhenAll(first, second);

        Assert.Equal(Migrator.Migrations.Select(m => m.Version), results.SelectMany(r => r).Order());
        Assert.Equal(Migrator.Migrations.Length,
            await Storage.QueryScalarAsync<long>("SELECT COUNT(*) FROM schema_migrations"));
    }

    [Fact]
    public async Task MigrateRefusesWhenAnAppliedScriptWasEdited()
    {
        await Migrator.MigrateAsync();
        await Storage.ExecuteRawAsync("UPDATE schema_migrations SET checksum = 'edited' WHERE version = 1");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Migrator.MigrateAsync());

        Assert.Contains("append-only", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StoresWorkAfterMigration()
    {
        await Migrator.MigrateAsync();

        Assert.True(await Storage.Get<IProcessedActivityStore>().TryMarkProcessedAsync("a:1", "act-1", T0));
    }
}

public sealed class StorageMigratorOnSqlite : StorageMigratorContract
{
    protected override Task<TestStorage> CreateStorageAsync(bool migrate) => TestStorage.CreateSqliteAsync(migrate);

    [Fact]
    public async Task SqliteConnectionsUseWalBusyTimeoutForeignKeysAndNormalSync()
    {
        await Storage.Get<StorageMigrator>().MigrateAsync();

        Assert.Equal("wal", await Storage.QueryScalarAsync<string>("PRAGMA journal_mode"));
        Assert.Equal(5000, await Storage.QueryScalarAsync<long>("PRAGMA busy_timeout"));
        Assert.Equal(1, await Storage.QueryScalarAsync<long>("PRAGMA foreign_keys"));
        Assert.Equal(1, await Storage.QueryScalarAsync<long>("PRAGMA synchronous"));
    }
}

[Collection(PostgresCollection.Name)]
public sealed class StorageMigratorOnPostgres(PostgresServerFixture server) : StorageMigratorContract
{
    protected override Task<TestStorage> CreateStorageAsync(bool migrate) =>
        TestStorage.CreatePostgresAsync(server, migrate);
}
