using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WorkshopBot.Operations;
using WorkshopBot.Tests.Storage;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Operations;

/// <summary>
/// Instances sharing one PostgreSQL store time leases by their own clocks; each compares its clock with the database
/// server's (on this machine, so the machine's clock here): an error is logged once while they differ by more than
/// Operations:ClockDifferenceAllowed, a caller on this computer reads the difference on /readyz, and agreement again is
/// logged once. On SQLite nothing is measured.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ClockAgainstTheStore(PostgresServerFixture server)
{
    [Fact]
    public async Task AnInstanceWhoseClockIsTwoMinutesBehindTheDatabaseServerSaysSoUntilItAgrees()
    {
        var database = await server.CreateDatabaseAsync();
        try
        {
            var logs = new UndeliverableMessages.CapturedLogs();
            var clock = new ManualTimeProvider(DateTimeOffset.UtcNow.AddMinutes(-2));
            await using var host = await BotTestHost.StartAsync(o =>
            {
                o.PostgresConnectionString = database;
                o.Time = clock;
                o.Services += services => services.AddSingleton<ILoggerProvider>(logs);
                o.Settings["Logging:LogLevel:WorkshopBot.Operations.StoreClockCheck"] = "Information";
            });
            var check = host.Get<StoreClockCheck>();

            var behind = await check.CheckAsync(default);
            await check.CheckAsync(default);
            var (status, body) = await ReadyAsync(host);
            clock.SetUtcNow(DateTimeOffset.UtcNow);
            var agrees = await check.CheckAsync(default);

            Assert.InRange(behind!.Value.TotalSeconds, -140, -100);
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Matches("\"clock\":\\{\"differenceSeconds\":-1[0-3][0-9]", body);
            Assert.InRange(agrees!.Value.Duration().TotalSeconds, 0, 5);
            var said = logs.Entries.Where(e => e.Text.Contains("database server's", StringComparison.Ordinal)).ToList();
            Assert.Single(said, e => e.Level == LogLevel.Error && e.Text.Contains("allowed 5 s", StringComparison.Ordinal));
            // The check at start and the two above: an error once, then a warning at each check while it lasts.
            Assert.Contains(said, e => e.Level == LogLevel.Warning && e.Text.Contains("still differs", StringComparison.Ordinal));
            Assert.Single(said, e => e.Level == LogLevel.Information && e.Text.Contains("agrees", StringComparison.Ordinal));
        }
        finally
        {
            await server.DropDatabaseAsync(database);
        }
    }

    [Fact]
    public async Task OnSqliteNothingIsMeasured()
    {
        await using var host = await BotTestHost.StartAsync();

        var measured = await host.Get<StoreClockCheck>().CheckAsync(default);
        var (status, body) = await ReadyAsync(host);

        Assert.Null(measured);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.DoesNotContain("clock", body, StringComparison.Ordinal);
    }

    private static async Task<(HttpStatusCode Status, string Body)> ReadyAsync(BotTestHost host)
    {
        using var response = await host.Client.GetAsync("/readyz");
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
