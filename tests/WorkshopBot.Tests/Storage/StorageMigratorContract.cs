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
        Assert.Equal(StorageDatabase.SqliteBusyTimeoutMs, await Storage.QueryScalarAsync<long>("PRAGMA busy_timeout"));
        Assert.Equal(1, await Storage.QueryScalarAsync<long>("PRAGMA foreign_keys"));
        Assert.Equal(1, await Storage.QueryScalarAsync<long>("PRAGMA synchronous"));
    }

    [Fact]
    public async Task VotesStoredBeforeTheyWereKeptByVoterAreAllThereAfter()
    {
        // A database as a bot before migration 0800 left it: every earlier script applied and recorded, votes stored.
        var migrator = Storage.Get<StorageMigrator>();
        await MigrateBeforeAsync(800);

        Assert.DoesNotContain("WITHOUT ROWID", await VotesTableSqlAsync(), StringComparison.OrdinalIgnoreCase);
        var stored = new[]
        {
            ("poll-b", "voter-2", "idea-1", 3, 1_700_000_000_003L),
            ("poll-a", "voter-9", "idea-40", 1, 1_700_000_000_001L),
            ("poll-a", "voter-1", "idea-7", 2, 1_700_000_000_002L),
        };
        foreach (var (poll, voter, option, dots, at) in stored)
        {
            await Storage.ExecuteRawAsync("INSERT INTO workshop_votes VALUES (@poll, @voter, @option, @dots, @at)",
                new { poll, voter, option, dots, at });
        }

        // Up to migration 2324, which moved each voter's dots into their own row (VoterBallotInRowMigration).
        await MigrateBeforeAsync(2324, from: 800);

        Assert.Contains("WITHOUT ROWID", await VotesTableSqlAsync(), StringComparison.OrdinalIgnoreCase);
        await using var connection = await Storage.OpenRawAsync();
        var after = (await Dapper.SqlMapper.QueryAsync<(string, string, string, long, long)>(connection,
            "SELECT poll_id, voter_key, option_id, dots, updated_at FROM workshop_votes")).ToList();
        Assert.Equal(stored.Select(v => (v.Item1, v.Item2, v.Item3, (long)v.Item4, v.Item5)).Order(), after.Order());
        await Assert.ThrowsAnyAsync<Microsoft.Data.Sqlite.SqliteException>(() => Storage.ExecuteRawAsync(
            "INSERT INTO workshop_votes VALUES ('poll-a', 'voter-9', 'idea-40', 2, 1)"));
        await Assert.ThrowsAnyAsync<Microsoft.Data.Sqlite.SqliteException>(() => Storage.ExecuteRawAsync(
            "INSERT INTO workshop_votes VALUES ('poll-a', 'voter-3', 'idea-1', 0, 1)"));

        Assert.Equal(migrator.Migrations.Select(m => m.Version).Where(v => v >= 2324), await migrator.MigrateAsync());
        var store = new WorkshopBot.Workshop.Storage.SqlWorkshopVoteStore(Storage.Get<StorageDatabase>(), Storage.Get<IStoreCommitter>());
        foreach (var (poll, voter, option, dots, _) in stored)
        {
            Assert.Equal(new Dictionary<string, int> { [option] = dots }, await store.BallotAsync(poll, voter, default));
        }
    }

    private Task<string?> VotesTableSqlAsync() =>
        Storage.QueryScalarAsync<string>("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'workshop_votes'");
}

[Collection(PostgresCollection.Name)]
public sealed class StorageMigratorOnPostgres(PostgresServerFixture server) : StorageMigratorContract
{
    protected override Task<TestStorage> CreateStorageAsync(bool migrate) =>
        TestStorage.CreatePostgresAsync(server, migrate);
}
