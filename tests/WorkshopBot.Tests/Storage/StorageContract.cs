using WorkshopBot.Storage;

namespace WorkshopBot.Tests.Storage;

/// <summary>Base of the contract tests: a fresh, migrated database per test on the subclass's provider.</summary>
public abstract class StorageContract : IAsyncLifetime
{
    protected static readonly DateTimeOffset T0 = TestStorage.DefaultStart;

    private TestStorage? storage;

    protected TestStorage Storage =>
        storage ?? throw new InvalidOperationException("The test storage has not been created.");

    protected virtual bool MigrateBeforeEachTest => true;

    public async Task InitializeAsync() => storage = await CreateStorageAsync(MigrateBeforeEachTest);

    public async Task DisposeAsync()
    {
        if (storage is not null)
        {
            await storage.DisposeAsync();
        }
    }

    protected abstract Task<TestStorage> CreateStorageAsync(bool migrate);

    /// <summary>
    /// The database as a bot of an earlier release left it (with <see cref="MigrateBeforeEachTest"/> off): every migration
    /// before <paramref name="version"/> applied and recorded, none after. With <paramref name="from"/>, on a database so
    /// left before <paramref name="from"/>: the migrations from it on, before <paramref name="version"/>.
    /// </summary>
    protected async Task MigrateBeforeAsync(int version, int from = 0)
    {
        var migrator = Storage.Get<StorageMigrator>();
        if (from == 0)
        {
            await Storage.ExecuteRawAsync(
                "CREATE TABLE schema_migrations (version INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, "
                + "applied_at BIGINT NOT NULL)");
        }

        foreach (var earlier in migrator.Migrations.Where(m => m.Version >= from && m.Version < version))
        {
            await Storage.ExecuteRawAsync(earlier.Sql);
            await Storage.ExecuteRawAsync("INSERT INTO schema_migrations VALUES (@Version, @Name, @Checksum, 0)", earlier);
        }
    }
}
