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

    [Theory]
    [InlineData("Host=db;Database=wb", StorageDatabase.PostgresMaxConnections)]
    [InlineData("Host=db;Database=wb;Maximum Pool Size=40", 40)]
    [InlineData("Host=db;Database=wb;maximum pool size=3", 3)]
    [InlineData("Host=db;Database=wb;MaxPoolSize=100", 100)]
    public void AnInstanceOpensAFewConnectionsUnlessTheConnectionStringSaysHowMany(string given, int expected) =>
        Assert.Equal(expected, new NpgsqlConnectionStringBuilder(StorageDatabase.WithPoolDefaults(given)).MaxPoolSize);

    [Fact]
    public async Task ACallerBeyondTheConnectionLimitWaitsForOneToComeBack()
    {
        await using var storage = await TestStorage.CreatePostgresAsync(server);
        var database = storage.Get<StorageDatabase>();
        var held = new List<System.Data.Common.DbConnection>();
        for (var i = 0; i < StorageDatabase.PostgresMaxConnections; i++)
        {
            held.Add(await database.OpenAsync(CancellationToken.None));
        }

        var next = database.OpenAsync(CancellationToken.None);
        // Not a timing test: with the limit in force the open cannot complete however long this waits.
        Assert.NotSame(next, await Task.WhenAny(next, Task.Delay(TimeSpan.FromMilliseconds(300))));
        await held[0].DisposeAsync();
        await using var connection = await next.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(1, await connection.ExecuteScalarAsync<int>("SELECT 1"));
        foreach (var other in held.Skip(1))
        {
            await other.DisposeAsync();
        }
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
