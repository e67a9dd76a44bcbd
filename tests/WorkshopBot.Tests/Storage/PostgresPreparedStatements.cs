using Dapper;
using Npgsql;
using WorkshopBot.Storage;

namespace WorkshopBot.Tests.Storage;

/// <summary>
/// On PostgreSQL the bot's repeated statements stay prepared on the server: the pool keeps a connection's prepared
/// statements when it is handed back (no DISCARD ALL), and Npgsql prepares a statement after a few runs. Before this,
/// every read and commit statement was parsed and planned each time it ran.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresPreparedStatements(PostgresServerFixture server)
{
    [Fact]
    public void TheConnectionStringKeepsStatementsPreparedUnlessItSaysOtherwise()
    {
        var defaults = new NpgsqlConnectionStringBuilder(StorageDatabase.WithPoolDefaults("Host=db;Database=wb"));
        Assert.Equal(StorageDatabase.PostgresAutoPrepared, defaults.MaxAutoPrepare);
        Assert.True(defaults.NoResetOnClose);

        var chosen = new NpgsqlConnectionStringBuilder(
            StorageDatabase.WithPoolDefaults("Host=db;Database=wb;Max Auto Prepare=0;No Reset On Close=false"));
        Assert.Equal(0, chosen.MaxAutoPrepare);
        Assert.False(chosen.NoResetOnClose);
    }

    [Fact]
    public async Task AReadRepeatedOnPooledConnectionsIsPreparedOnTheServer()
    {
        await using var storage = await TestStorage.CreatePostgresAsync(server);
        var activities = storage.Get<IProcessedActivityStore>();
        for (var i = 0; i < 20; i++)
        {
            Assert.Null(await activities.FindAsync("a:1", "act-" + i));
        }

        // The pool hands back the connection those reads used; its prepared statements are still there.
        await using var connection = await storage.Get<StorageDatabase>().OpenAsync(CancellationToken.None);
        var prepared = await connection.QueryAsync<string>("SELECT statement FROM pg_prepared_statements");
        Assert.Contains(prepared, s => s.Contains("processed_activities", StringComparison.Ordinal));
    }
}
