using Npgsql;
using WorkshopBot.Storage;

namespace WorkshopBot.Tests.Storage;

/// <summary>
/// On PostgreSQL a turn waits for a lock, and for a connection from the pool, no longer than Teams waits for its answer:
/// the server's lock_timeout and the pool's Timeout are a few seconds unless the connection string sets them (Npgsql
/// waits 15 s for a connection, and PostgreSQL for a lock for ever). The migrator waits as long as it must, and gives
/// the connection the turn's wait back. (SQLite: <see cref="StorageDatabase.SqliteBusyTimeoutMs"/>, and the end-to-end
/// test SaveWhileTheFileIsLocked.)
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class StoreLockWaits(PostgresServerFixture server)
{
    [Theory]
    [InlineData("Host=db;Database=wb", StorageDatabase.PostgresOpenTimeoutSeconds, "-c lock_timeout=3000")]
    [InlineData("Host=db;Database=wb;Timeout=20", 20, "-c lock_timeout=3000")]
    [InlineData("Host=db;Database=wb;Options=-c search_path=wb", StorageDatabase.PostgresOpenTimeoutSeconds,
        "-c search_path=wb -c lock_timeout=3000")]
    [InlineData("Host=db;Database=wb;Options=-c lock_timeout=10s", StorageDatabase.PostgresOpenTimeoutSeconds, "-c lock_timeout=10s")]
    public void ATurnWaitsAFewSecondsUnlessTheConnectionStringSaysOtherwise(string given, int timeout, string options)
    {
        var builder = new NpgsqlConnectionStringBuilder(StorageDatabase.WithPoolDefaults(given));

        Assert.Equal(timeout, builder.Timeout);
        Assert.Equal(options, builder.Options);
        Assert.Equal(3000, StorageDatabase.PostgresLockTimeoutMs);
    }

    [Fact]
    public async Task TheServerEndsALockWaitAfterAFewSecondsAndTheMigratorLeavesItSo()
    {
        await using var storage = await TestStorage.CreatePostgresAsync(server);

        Assert.Equal("3s", await storage.QueryScalarAsync<string>("SHOW lock_timeout"));
        await storage.Get<StorageMigrator>().MigrateAsync();
        Assert.Equal("3s", await storage.QueryScalarAsync<string>("SHOW lock_timeout"));
    }
}
