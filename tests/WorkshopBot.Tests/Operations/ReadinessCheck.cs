using System.Net;
using Microsoft.Data.Sqlite;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Operations;

/// <summary>/readyz: ready while the store answers and the outbox drains; 503 when the store is gone or the outbox is stuck.</summary>
public sealed class ReadinessCheck
{
    [Fact]
    public async Task AnswersServiceUnavailableWhileTheOldestDueMessageHasWaitedTooLong()
    {
        var clock = new ManualTimeProvider();
        await using var host = await BotTestHost.StartAsync(o =>
        {
            o.Time = clock;
            o.Settings["Operations:OutboxStuckAfter"] = "00:10:00";
            o.Settings["Audits:RunJobsInBackground"] = "false";
            o.Settings["Workshop:RunTimerInBackground"] = "false";
        });
        var person = BotTestHost.User("Outbox Reader");
        await host.QueueAsync(o => o.SendToUser(host.ServiceUrl, BotTestHost.TenantId, person.Id,
            new Activity { Type = ActivityTypes.Message, Text = "queued" }, "readiness:1", null));

        using var fresh = await host.Client.GetAsync("/readyz");
        clock.Advance(TimeSpan.FromMinutes(11));
        using var stuck = await host.Client.GetAsync("/readyz");
        var stuckBody = await stuck.Content.ReadAsStringAsync();
        using var live = await host.Client.GetAsync("/healthz");
        await host.DrainOutboxAsync();
        using var drained = await host.Client.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, stuck.StatusCode);
        Assert.Contains("outbox stuck", stuckBody, StringComparison.Ordinal);
        Assert.Contains("\"oldestDueSeconds\":660", stuckBody, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, drained.StatusCode);
    }

    [Fact]
    public async Task AnswersServiceUnavailableWhenTheStoreIsGone()
    {
        var folder = Directory.CreateTempSubdirectory("workshopbot-readyz-");
        var database = Path.Combine(folder.FullName, "bot.db");
        await using var host = await BotTestHost.StartAsync(o =>
        {
            o.Settings["Storage:SqlitePath"] = database;
            o.Settings["Audits:RunJobsInBackground"] = "false";
        });
        using var before = await host.Client.GetAsync("/readyz");

        SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(folder.FullName, "bot.db*"))
        {
            File.Delete(file);
        }

        using var after = await host.Client.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, after.StatusCode);
        Assert.Contains("storage unavailable", await after.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
