using System.Net;
using Dapper;
using Npgsql;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Insights;
using WorkshopBot.Tests.Storage;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Foundation;

/// <summary>
/// A turn that PostgreSQL could not do just now (a lock not had within lock_timeout, 55P03; its connections ended under
/// it) stores nothing and is answered 503 with Retry-After, not 500: Teams and anything watching know it is worth trying
/// again, and the same activity sent again is then handled in full. The tab's API answers so too. Before, each was a 500.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class StoreBusyOnPostgres(PostgresServerFixture server)
{
    private static readonly TestUser Pat = BotTestHost.User("Pat Practitioner");
    private static readonly TestConversation Chat = BotTestHost.PersonalChat(Pat);

    [Fact]
    public async Task ATurnThatWaitsTooLongForALockIs503WithRetryAfterAndIsDoneWhenSentAgain()
    {
        var database = await server.CreateDatabaseAsync();
        try
        {
            var shortWait = new NpgsqlConnectionStringBuilder(database) { Options = "-c lock_timeout=300" }.ToString();
            await using var host = await BotTestHost.StartAsync(o => o.PostgresConnectionString = shortWait);
            using (var first = await host.PostAsync(host.Message(Pat, Chat, "help")))
            {
                Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            }

            var cards = host.CardsIn(Chat.Id).Count;
            var before = await FingerprintAsync(database);
            var message = host.Message(Pat, Chat, "help");
            await using (var holder = new NpgsqlConnection(database))
            {
                // Another transaction holds the table the turn's mark goes to (reads still pass) for longer than the turn waits.
                await holder.OpenAsync();
                await using var holding = await holder.BeginTransactionAsync();
                await holder.ExecuteAsync("LOCK TABLE processed_activities IN EXCLUSIVE MODE", transaction: holding);

                using var busy = await host.PostAsync(message);
                Assert.Equal(HttpStatusCode.ServiceUnavailable, busy.StatusCode);
                Assert.Equal(StoreFailures.RetryAfter, busy.Headers.RetryAfter?.Delta);
                await holding.RollbackAsync();
            }

            Assert.Equal(before, await FingerprintAsync(database));
            Assert.Equal(cards, host.CardsIn(Chat.Id).Count);

            // Sent again once the lock is gone: handled, once.
            using var again = await host.PostAsync(message);
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
            await host.RepliesSentAsync();
            Assert.Equal(cards + 1, host.CardsIn(Chat.Id).Count);
        }
        finally
        {
            await server.DropDatabaseAsync(database);
        }
    }

    [Fact]
    public async Task ATurnWhoseConnectionsAreEndedIsNever500AndIsDoneWhenSentAgain()
    {
        var database = await server.CreateDatabaseAsync();
        try
        {
            await using var host = await BotTestHost.StartAsync(o => o.PostgresConnectionString = database);
            using (var first = await host.PostAsync(host.Message(Pat, Chat, "help")))
            {
                Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            }

            var cards = host.CardsIn(Chat.Id).Count;
            await using (var admin = new NpgsqlConnection(server.AdminConnectionString))
            {
                // As a failover or a server restart does: every connection the bot holds in its pool is ended.
                var name = new NpgsqlConnectionStringBuilder(database).Database;
                Assert.True(await admin.ExecuteScalarAsync<long>(
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = @name AND pid <> pg_backend_pid()",
                    new { name }) > 0);
            }

            var message = host.Message(Pat, Chat, "help");
            var statuses = new List<HttpStatusCode>();
            for (var i = 0; i < 5 && statuses.LastOrDefault() != HttpStatusCode.OK; i++)
            {
                using var response = await host.PostAsync(message);
                statuses.Add(response.StatusCode);
                if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
                {
                    Assert.Equal(StoreFailures.RetryAfter, response.Headers.RetryAfter?.Delta);
                }
            }

            Assert.All(statuses, s => Assert.Contains(s, new[] { HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable }));
            Assert.Equal(HttpStatusCode.OK, statuses[^1]);
            await host.RepliesSentAsync();
            Assert.Equal(cards + 1, host.CardsIn(Chat.Id).Count);
        }
        finally
        {
            await server.DropDatabaseAsync(database);
        }
    }

    [Fact]
    public async Task TheTabsApiIs503WithRetryAfterWhileItsAuditLogLineWaitsTooLongForALock()
    {
        var database = await server.CreateDatabaseAsync();
        var tab = new ShortLockWaitTab(new NpgsqlConnectionStringBuilder(database) { Options = "-c lock_timeout=300" }.ToString());
        await tab.InitializeAsync();
        try
        {
            var token = tab.Token(TabHost.Chair);
            using (var first = await tab.GetAsync("/tab/api/summary", token))
            {
                Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            }

            var before = await FingerprintAsync(database);
            await using (var holder = new NpgsqlConnection(database))
            {
                // The summary is served only once its audit-log line is stored: that line cannot be, for now.
                await holder.OpenAsync();
                await using var holding = await holder.BeginTransactionAsync();
                await holder.ExecuteAsync("LOCK TABLE audit_events IN EXCLUSIVE MODE", transaction: holding);

                using var busy = await tab.GetAsync("/tab/api/summary", token);
                Assert.Equal(HttpStatusCode.ServiceUnavailable, busy.StatusCode);
                Assert.Equal(StoreFailures.RetryAfter, busy.Headers.RetryAfter?.Delta);
                Assert.DoesNotContain("auditsHeld", await busy.Content.ReadAsStringAsync(), StringComparison.Ordinal);
                await holding.RollbackAsync();
            }

            Assert.Equal(before, await FingerprintAsync(database));
            using var again = await tab.GetAsync("/tab/api/summary", token);
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        }
        finally
        {
            await tab.DisposeAsync();
            await server.DropDatabaseAsync(database);
        }
    }

    private sealed class ShortLockWaitTab(string postgres) : TabHost
    {
        protected override void Configure(BotTestHostOptions options) => options.PostgresConnectionString = postgres;
    }

    /// <summary>Row counts of the tables a turn writes to.</summary>
    private static async Task<string> FingerprintAsync(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        var counts = new List<string>();
        foreach (var table in new[] { "processed_activities", "conversations", "audit_events", "documents", "outbox_messages" })
        {
            counts.Add(table + " " + await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table}"));
        }

        return string.Join(", ", counts);
    }
}
