using Microsoft.Data.Sqlite;
using Npgsql;
using WorkshopBot.Tests.Storage;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Hosting;

/// <summary>
/// The built bot started on a store that answers but fails while it prepares its tables, for a reason that is not in the
/// settings: a user without the right to create them, a database that takes no writes, a migration that fails. One line says
/// what to do about that (not "check the settings"), exit code 2, no stack trace.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class StoreFailuresAtStart(PostgresServerFixture server) : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("workshopbot-storefail-");

    /// <summary>A user who may connect but not create tables (the database's owner did not grant it): 42501.</summary>
    [Fact]
    public async Task AUserWithoutTheRightToCreateTablesIsToldWhichRightsToGrant()
    {
        var database = await server.CreateDatabaseAsync();
        var role = "wb_limited_" + Guid.NewGuid().ToString("N")[..12];
        await AdminAsync(database, $"CREATE ROLE {role} LOGIN PASSWORD 'limited-secret-3'; REVOKE CREATE ON SCHEMA public FROM PUBLIC;");
        try
        {
            var limited = new NpgsqlConnectionStringBuilder(database) { Username = role, Password = "limited-secret-3" };

            var (bot, exit) = await StartAsync(limited.ToString());

            AssertOneLine(bot, exit, $"PostgreSQL host {limited.Host}:{limited.Port}, database {limited.Database}: user {role} lacks "
                + "a right WorkshopBot needs (42501: permission denied for schema public).");
            Assert.Contains($"grant those rights to {role}", bot.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("limited-secret-3", bot.Output, StringComparison.Ordinal);
        }
        finally
        {
            await server.DropDatabaseAsync(database);
            await AdminAsync(server.AdminConnectionString, $"DROP ROLE IF EXISTS {role}");
        }
    }

    /// <summary>A database whose sessions are read-only (as on a standby): 25006.</summary>
    [Fact]
    public async Task ADatabaseThatTakesNoWritesIsNamedSo()
    {
        var database = await server.CreateDatabaseAsync();
        var settings = new NpgsqlConnectionStringBuilder(database);
        await AdminAsync(database, $"ALTER DATABASE \"{settings.Database}\" SET default_transaction_read_only = on");

        var (bot, exit) = await StartAsync(database);

        AssertOneLine(bot, exit, $"PostgreSQL host {settings.Host}:{settings.Port}, database {settings.Database}, takes no writes "
            + "(25006: cannot execute CREATE TABLE in a read-only transaction): WorkshopBot needs the primary server");
    }

    /// <summary>The first migration meets a table of its name already there (a schema left half made by hand): 42P07.</summary>
    [Fact]
    public async Task AMigrationThatFailsOnPostgresIsNotBlamedOnTheSettings()
    {
        var database = await server.CreateDatabaseAsync();
        var settings = new NpgsqlConnectionStringBuilder(database);
        await AdminAsync(database, "CREATE TABLE conversations (made_by_hand integer)");

        var (bot, exit) = await StartAsync(database);

        AssertOneLine(bot, exit, $"PostgreSQL host {settings.Host}:{settings.Port}, database {settings.Database}, failed while "
            + "WorkshopBot prepared or read its tables (42P07: relation \"conversations\" already exists). This is not a settings "
            + "problem: keep this message");
    }

    /// <summary>The same on SQLite: SQLite error 1, which said "could not be read ... check that the file is not damaged".</summary>
    [Fact]
    public async Task AMigrationThatFailsOnSqliteIsNotBlamedOnTheSettings()
    {
        var data = Path.Combine(_folder.FullName, "data");
        var file = Path.Combine(data, "workshopbot.db");
        Directory.CreateDirectory(data);
        await using (var connection = new SqliteConnection($"Data Source={file};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var create = connection.CreateCommand();
            create.CommandText = "CREATE TABLE conversations (made_by_hand INTEGER)";
            await create.ExecuteNonQueryAsync();
        }

        await using var bot = BotProcess.Start(_folder.FullName, new Dictionary<string, string?>
        {
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Storage__DataFolder"] = data,
        });
        var exit = await bot.WaitForExitAsync();

        AssertOneLine(bot, exit, $"the SQLite database {file} failed while WorkshopBot prepared or read its tables (SQLite Error 1: "
            + "'table conversations already exists'). This is not a settings problem: keep this message");
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }

    private async Task<(BotProcess Bot, int Exit)> StartAsync(string connectionString)
    {
        var bot = BotProcess.Start(_folder.FullName, new Dictionary<string, string?>
        {
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Storage__Provider"] = "Postgres",
            ["Storage__PostgresConnectionString"] = connectionString,
        });
        try
        {
            return (bot, await bot.WaitForExitAsync());
        }
        finally
        {
            await bot.DisposeAsync();
        }
    }

    private static async Task AdminAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Exit code 2 and one line on standard error: the sentence, naming no setting as the cause, and no stack frame.</summary>
    private static void AssertOneLine(BotProcess bot, int exit, string said)
    {
        var errors = bot.Output.Split('\n').Where(l => l.StartsWith("err: ", StringComparison.Ordinal)).ToList();
        Assert.True(exit == 2, $"exit {exit}:\n{bot.Output}");
        Assert.True(errors.Count == 1, bot.Output);
        Assert.StartsWith("err: WorkshopBot cannot start: " + said, errors[0], StringComparison.Ordinal);
        Assert.DoesNotContain("check the settings", errors[0], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", bot.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", bot.Output, StringComparison.Ordinal);
    }
}
