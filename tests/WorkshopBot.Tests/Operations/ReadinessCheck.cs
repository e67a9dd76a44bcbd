using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WorkshopBot.Outbox;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Storage;
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

    /// <summary>
    /// The outbox's counts are every tenant's: only a caller on this computer (a probe on loopback) reads them. A request
    /// a proxy or load balancer forwarded, or one naming the bot's public host, gets the status word alone, with the same
    /// status code, which is what load balancers read.
    /// </summary>
    [Fact]
    public async Task AnswersTheStatusAloneToACallerFromElsewhere()
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
            new Activity { Type = ActivityTypes.Message, Text = "queued" }, "readiness:public", null));

        var (forwardedStatus, forwarded) = await ReadyAsync(host, "X-Forwarded-For", "203.0.113.7");
        var (namedStatus, named) = await ReadyAsync(host, "Host", "workshopbot.example.org");
        clock.Advance(TimeSpan.FromMinutes(11));
        var (stuckStatus, stuck) = await ReadyAsync(host, "X-Forwarded-For", "203.0.113.7");
        var (localStatus, local) = await ReadyAsync(host, null, null);

        Assert.Equal((HttpStatusCode.OK, "{\"status\":\"ready\"}"), (forwardedStatus, forwarded));
        Assert.Equal((HttpStatusCode.OK, "{\"status\":\"ready\"}"), (namedStatus, named));
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "{\"status\":\"outbox stuck\"}"), (stuckStatus, stuck));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, localStatus);
        Assert.Contains("\"oldestDueSeconds\":660", local, StringComparison.Ordinal);
        Assert.Contains("\"depth\":1", local, StringComparison.Ordinal);
    }

    private static async Task<(HttpStatusCode Status, string Body)> ReadyAsync(BotTestHost host, string? header, string? value)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/readyz");
        if (header == "Host")
        {
            request.Headers.Host = value;
        }
        else if (header is not null)
        {
            request.Headers.TryAddWithoutValidation(header, value);
        }

        using var response = await host.Client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
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

    /// <summary>
    /// A beat that waited too long for the file's lock (SQLite busy: another connection held it a moment) is one busy moment:
    /// /readyz stays ready, and its probe write, stored, forgets the contention.
    /// </summary>
    [Fact]
    public async Task StaysReadyWhenTheOutboxsBeatMeetsABusyStore()
    {
        var seams = new OutboxSeams();
        await using var host = await BotTestHost.StartAsync(o => o.Services = seams.Install);
        var dispatcher = host.Get<OutboxDispatcher>();
        await dispatcher.BeatAsync(CancellationToken.None);

        seams.BeatFault = () => new SqliteException("database is locked", 5);
        await Assert.ThrowsAsync<SqliteException>(() => dispatcher.BeatAsync(CancellationToken.None));
        var refusesWrites = dispatcher.StoreRefusesWrites;
        using var busy = await host.Client.GetAsync("/readyz");
        seams.BeatFault = null;

        Assert.False(refusesWrites);
        Assert.Equal(HttpStatusCode.OK, busy.StatusCode);
        Assert.Null(host.Get<StoreWrites>().Contended);
    }

    /// <summary>
    /// A store that answers reads but refuses writes (read-only after a failover, a full disk) passes the read of
    /// <c>/healthz</c>, yet no turn can be stored: the outbox's beat, a write every Outbox:Lease / 12, is refused, and
    /// <c>/readyz</c> answers 503 until a beat is stored again.
    /// </summary>
    [Fact]
    public async Task AnswersServiceUnavailableWhileTheStoreRefusesTheOutboxsBeat()
    {
        var seams = new OutboxSeams();
        await using var host = await BotTestHost.StartAsync(o => o.Services = seams.Install);
        var dispatcher = host.Get<OutboxDispatcher>();
        await dispatcher.BeatAsync(CancellationToken.None);
        using var before = await host.Client.GetAsync("/readyz");

        seams.BeatFault = () => new SqliteException("attempt to write a readonly database", 8);
        await Assert.ThrowsAsync<SqliteException>(() => dispatcher.BeatAsync(CancellationToken.None));
        using var refused = await host.Client.GetAsync("/readyz");
        var refusedBody = await refused.Content.ReadAsStringAsync();
        using var live = await host.Client.GetAsync("/healthz");
        seams.BeatFault = null;
        await dispatcher.BeatAsync(CancellationToken.None);
        using var after = await host.Client.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Contains("storage refuses writes", refusedBody, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    /// <summary>
    /// Another running process with this bot's instance id (none set: both resolve to the same host name) is reported as
    /// a misconfiguration once both have beaten, without taking the bot out of service.
    /// </summary>
    [Fact]
    public async Task SaysWhenAnotherRunningProcessSharesTheOutboxInstanceId()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await BotTestHost.StartAsync(o => o.Time = clock);
        var own = host.Get<IOptions<OutboxOptions>>().Value;
        var other = ActivatorUtilities.CreateInstance<OutboxDispatcher>(host.Services,
            Options.Create(new OutboxOptions { InstanceId = own.ResolveInstanceId(), RunInBackground = false }));
        await host.Get<OutboxDispatcher>().DrainOnceAsync(CancellationToken.None);
        await other.DrainOnceAsync(CancellationToken.None);
        using var alone = await host.Client.GetAsync("/readyz");
        var aloneBody = await alone.Content.ReadAsStringAsync();

        clock.Advance(own.Heartbeat);
        await other.BeatAsync(CancellationToken.None);
        await host.Get<OutboxDispatcher>().BeatAsync(CancellationToken.None);
        using var shared = await host.Client.GetAsync("/readyz");

        Assert.Contains("\"sharedInstanceId\":false", aloneBody, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, shared.StatusCode);
        Assert.Contains("\"sharedInstanceId\":true", await shared.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
