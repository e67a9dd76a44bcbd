using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Npgsql;
using WorkshopBot.Hosting;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Storage;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Hosting;

/// <summary>
/// With <c>Storage:MigrateOnStartup=false</c> (migrations left to a release step) a bot whose store has not applied every
/// migration it knows would start, report healthy and ready, and fail every turn that touches what they add. So it does
/// not start: one line naming the setting and the migrations missing, exit code 2, as for any other start-up failure.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class SchemaBehindAtStart(PostgresServerFixture server) : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("workshopbot-schema-");

    private static SchemaMigration Latest => StorageMigrator.LoadMigrations(StorageProvider.Sqlite)[^1];

    [Fact]
    public async Task AnEmptySqliteStoreWithMigrationsOffEndsTheStart()
    {
        await using var bot = BotProcess.Start(_folder.FullName, Settings(migrate: false));

        var exit = await bot.WaitForExitAsync();

        var count = StorageMigrator.LoadMigrations(StorageProvider.Sqlite).Length;
        AssertOneLine(bot, exit, $"Storage:MigrateOnStartup is false, but the store has not applied {count} schema migrations");
    }

    [Fact]
    public async Task ASqliteStoreOneMigrationBehindEndsTheStartNamingItAndACurrentOneStarts()
    {
        await using (var first = BotProcess.Start(_folder.FullName, Settings(migrate: true)))
        {
            await first.WaitUntilListeningAsync();
        }

        await using (var current = BotProcess.Start(_folder.FullName, Settings(migrate: false)))
        {
            await current.WaitUntilListeningAsync();
        }

        SqliteConnection.ClearAllPools();
        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(_folder.FullName, "data", "workshopbot.db")}"))
        {
            await connection.OpenAsync();
            await using var forget = connection.CreateCommand();
            forget.CommandText = $"DELETE FROM schema_migrations WHERE version = {Latest.Version}";
            Assert.Equal(1, await forget.ExecuteNonQueryAsync());
        }

        SqliteConnection.ClearAllPools();
        await using var behind = BotProcess.Start(_folder.FullName, Settings(migrate: false));
        var exit = await behind.WaitForExitAsync();

        AssertOneLine(behind, exit, $"has not applied 1 schema migration this version needs ({Latest.Version:D4}_{Latest.Name})");
        Assert.DoesNotContain("Now listening", behind.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APostgresStoreOneMigrationBehindDoesNotStart()
    {
        var database = await server.CreateDatabaseAsync();
        await using (await BotTestHost.StartAsync(o => o.PostgresConnectionString = database))
        {
            // Started once on this version: every migration applied.
        }

        var latest = StorageMigrator.LoadMigrations(StorageProvider.Postgres)[^1];
        await using (var connection = new NpgsqlConnection(database))
        {
            await connection.OpenAsync();
            await using var forget = new NpgsqlCommand($"DELETE FROM schema_migrations WHERE version = {latest.Version}", connection);
            Assert.Equal(1, await forget.ExecuteNonQueryAsync());
        }

        // The real composition started as a host starts it (no Program around it): the store's start-up step refuses.
        var builder = WebApplication.CreateBuilder(WorkshopBotHost.Options([]));
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["Storage:Provider"] = "Postgres",
            ["Storage:PostgresConnectionString"] = database,
            ["Storage:MigrateOnStartup"] = "false",
            ["MicrosoftAppId"] = BotTestHost.AppId,
            ["MicrosoftAppPassword"] = "test-secret",
            ["WorkshopBot:AllowedTenants:0"] = BotTestHost.TenantId,
        });
        builder.AddWorkshopBot();
        await using var app = builder.Build();
        app.MapWorkshopBot();
        var error = await Assert.ThrowsAnyAsync<Exception>(() => app.StartAsync());

        var messages = string.Join(" | ", Flatten(error).Select(e => e.Message));
        Assert.Contains($"has not applied 1 schema migration this version needs ({latest.Version:D4}_{latest.Name})", messages,
            StringComparison.Ordinal);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }

    private Dictionary<string, string?> Settings(bool migrate) => new()
    {
        ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
        ["ASPNETCORE_ENVIRONMENT"] = "Development",
        ["Storage__DataFolder"] = Path.Combine(_folder.FullName, "data"),
        ["Storage__MigrateOnStartup"] = migrate ? "true" : "false",
    };

    private static IEnumerable<Exception> Flatten(Exception error)
    {
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            yield return e;
            if (e is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Flatten))
                {
                    yield return inner;
                }
            }
        }
    }

    private static void AssertOneLine(BotProcess bot, int exit, string said)
    {
        var errors = bot.Output.Split('\n').Where(l => l.StartsWith("err: ", StringComparison.Ordinal)).ToList();
        Assert.True(exit == 2, $"exit {exit}:\n{bot.Output}");
        Assert.True(errors.Count == 1, bot.Output);
        Assert.StartsWith("err: WorkshopBot cannot start: ", errors[0], StringComparison.Ordinal);
        Assert.Contains(said, errors[0], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", bot.Output, StringComparison.Ordinal);
    }
}
