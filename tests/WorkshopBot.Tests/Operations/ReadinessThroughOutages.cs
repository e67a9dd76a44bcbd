using System.Data.Common;
using System.Net;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WorkshopBot.Protocol.Connector;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Operations;

/// <summary>
/// /readyz tells the truth through what its reads and the outbox's beat do not show: a store whose commits are refused
/// (a full disk), and an outbox whose messages are put off again and again (no token for Teams).
/// </summary>
public sealed class ReadinessThroughOutages
{
    /// <summary>
    /// The bot's file may grow no further (as on a full disk): a commit that needs a new page fails with SQLITE_FULL while
    /// reads go on. /readyz answers 503 until a commit is stored again.
    /// </summary>
    [Fact]
    public async Task AnswersServiceUnavailableWhileCommitsAreRefusedAndReadyOnceOneIsStored()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await StartAsync(clock);
        var committer = host.Get<IStoreCommitter>();
        Assert.Equal(CommitOutcome.Committed, (await committer.CommitAsync(Work("before"), CancellationToken.None)).Outcome);
        using var before = await host.Client.GetAsync("/readyz");

        await LimitTheFileAsync(host, "(SELECT page_count FROM pragma_page_count())");
        await Assert.ThrowsAnyAsync<DbException>(() => committer.CommitAsync(Work("too-big"), CancellationToken.None));
        clock.Advance(TimeSpan.FromSeconds(42));
        HttpResponseMessage refused;
        string refusedBody;
        HttpResponseMessage live;
        // The failed commit closed the limited connection: the file is held so that /readyz's probe write is refused too.
        await using (var holder = await LockTheFileAsync(host))
        {
            refused = await host.Client.GetAsync("/readyz");
            refusedBody = await refused.Content.ReadAsStringAsync();
            live = await host.Client.GetAsync("/healthz");
        }

        await LimitTheFileAsync(host, "1073741823");
        Assert.Equal(CommitOutcome.Committed, (await committer.CommitAsync(Work("after"), CancellationToken.None)).Outcome);
        using var after = await host.Client.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Contains("storage refuses writes", refusedBody, StringComparison.Ordinal);
        Assert.True(refusedBody.Contains("\"error\":\"SqliteException 13\"", StringComparison.Ordinal), refusedBody);
        Assert.True(refusedBody.Contains("\"refusedSeconds\":42", StringComparison.Ordinal), refusedBody);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        refused.Dispose();
        live.Dispose();
    }

    /// <summary>
    /// An instance out of rotation gets no turns, so no commit of its own says that the store takes writes again: /readyz
    /// tries a probe write itself, at most once every few seconds however often it is asked, and is ready again once the
    /// store takes it, without a turn.
    /// </summary>
    [Fact]
    public async Task IsReadyAgainWithoutATurnOnceTheStoreTakesWritesAndProbesAtMostEveryFewSeconds()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await StartAsync(clock);
        var committer = host.Get<IStoreCommitter>();
        var holder = await LockTheFileAsync(host);
        await Assert.ThrowsAnyAsync<DbException>(() => committer.CommitAsync(Work("locked-out"), CancellationToken.None));
        using var locked = await host.Client.GetAsync("/readyz");
        clock.Advance(StoreWriteProbe.Interval);
        using var stillLocked = await host.Client.GetAsync("/readyz");

        await holder.DisposeAsync();
        clock.Advance(StoreWriteProbe.Interval / 2);
        using var tooSoon = await host.Client.GetAsync("/readyz");
        clock.Advance(StoreWriteProbe.Interval / 2);
        using var released = await host.Client.GetAsync("/readyz");
        using var again = await host.Client.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, locked.StatusCode);
        Assert.Contains("storage refuses writes", await locked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, stillLocked.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, tooSoon.StatusCode);
        Assert.Equal(HttpStatusCode.OK, released.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Null(host.Get<StoreWrites>().Refusal);
    }

    /// <summary>
    /// Another connection held the file a moment longer than a commit waits (SQLite busy): one busy moment, not a store
    /// that cannot write. /readyz, asked again before its probe write is due, stays ready, and the probe, once due, stores
    /// its write and forgets the contention.
    /// </summary>
    [Fact]
    public async Task OneBusyMomentAtCommitLeavesTheInstanceReady()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await StartAsync(clock);
        var committer = host.Get<IStoreCommitter>();
        using var before = await host.Client.GetAsync("/readyz");
        await using (var holder = await LockTheFileAsync(host))
        {
            await Assert.ThrowsAnyAsync<DbException>(() => committer.CommitAsync(Work("busy"), CancellationToken.None));
        }

        using var busy = await host.Client.GetAsync("/readyz");
        var contended = host.Get<StoreWrites>().Contended;
        clock.Advance(StoreWriteProbe.Interval);
        using var probed = await host.Client.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.OK, busy.StatusCode);
        Assert.Equal("SqliteException 5", contended?.Error);
        Assert.Equal(HttpStatusCode.OK, probed.StatusCode);
        Assert.Null(host.Get<StoreWrites>().Contended);
        Assert.Null(host.Get<StoreWrites>().Refusal);
    }

    /// <summary>
    /// An hour without a token for Teams: every attempt is put off without spending one, which moves the message's next
    /// attempt on each time. It has still waited an hour, and /readyz (on the bot's computer) says so, counted from when it
    /// was queued; but the bot stays ready, since every instance shares the same Teams and credentials and can still take in
    /// turns. Once the message is sent, nothing is waiting.
    /// </summary>
    [Fact]
    public async Task StaysReadyThroughAnHourWithoutATokenAndCountsTheWaitFromQueueing()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        var tokens = new SwitchableBotTokenProvider();
        await using var host = await BotTestHost.StartAsync(o =>
        {
            o.Time = clock;
            o.Settings["Operations:OutboxStuckAfter"] = "00:10:00";
            o.Settings["Outbox:RetryDelay"] = "00:00:30";
            o.Settings["Audits:RunJobsInBackground"] = "false";
            o.Settings["Workshop:RunTimerInBackground"] = "false";
            o.Services += services =>
            {
                services.RemoveAll<IBotTokenProvider>();
                services.AddSingleton<IBotTokenProvider>(tokens);
            };
        });
        var person = BotTestHost.User("Long Outage Chair");
        await host.QueueAsync(o => o.SendToUser(host.ServiceUrl, BotTestHost.TenantId, person.Id,
            new Activity { Type = ActivityTypes.Message, Text = "queued" }, "readiness:token-outage", null));

        for (var minute = 0; minute < 60; minute++)
        {
            await host.DrainOutboxAsync();
            clock.Advance(TimeSpan.FromMinutes(1));
        }

        using var stuck = await host.Client.GetAsync("/readyz");
        var stuckBody = await stuck.Content.ReadAsStringAsync();
        tokens.Failing = false;
        // The token is tried at growing pauses, at most Outbox:MaxRetryDelay (10 min) apart.
        clock.Advance(TimeSpan.FromMinutes(10));
        await host.DrainOutboxAsync();
        using var drained = await host.Client.GetAsync("/readyz");

        Assert.True(tokens.Failures >= 6, $"{tokens.Failures} tokens refused");
        Assert.Equal(HttpStatusCode.OK, stuck.StatusCode);
        Assert.Contains("\"oldestQueuedSeconds\":3600", stuckBody, StringComparison.Ordinal);
        Assert.DoesNotContain("\"oldestDueSeconds\":3600", stuckBody, StringComparison.Ordinal);
        Assert.Single(host.Sent(BotTestHost.PersonalChat(person).Id));
        Assert.Equal(HttpStatusCode.OK, drained.StatusCode);
        Assert.Contains("\"oldestQueuedSeconds\":0", await drained.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>A bot on a SQLite file and this clock, its audit jobs and poll timer run by nobody.</summary>
    private static Task<BotTestHost> StartAsync(ManualTimeProvider clock) =>
        BotTestHost.StartAsync(o =>
        {
            o.Time = clock;
            o.Settings["Audits:RunJobsInBackground"] = "false";
            o.Settings["Workshop:RunTimerInBackground"] = "false";
        });

    /// <summary>A work needing many new pages: a document of 256 KiB.</summary>
    private static StoreWork Work(string id)
    {
        var work = new StoreWork();
        work.Insert("readiness-probes", id, "{\"fill\":\"" + new string('x', 256 * 1024) + "\"}", null, null, BotTestHost.TenantId);
        return work;
    }

    /// <summary>Holds SQLite's write lock on the bot's file from another connection until disposed.</summary>
    private static async Task<SqliteConnection> LockTheFileAsync(BotTestHost host)
    {
        var holder = new SqliteConnection($"Data Source={host.Get<StorageDatabase>().SqliteFilePath};Pooling=False");
        await holder.OpenAsync();
        await holder.ExecuteAsync("BEGIN EXCLUSIVE");
        return holder;
    }

    /// <summary>Sets how far the bot's file may grow, on the connection the group commit writes on.</summary>
    internal static async Task LimitTheFileAsync(BotTestHost host, string pages)
    {
        var database = host.Get<StorageDatabase>();
        var writer = await database.OpenWriterAsync(CancellationToken.None);
        try
        {
            var limit = await writer.ExecuteScalarAsync<long>("SELECT " + pages);
            await writer.ExecuteScalarAsync<long>($"PRAGMA max_page_count = {limit}");
        }
        finally
        {
            await database.ReleaseWriterAsync(writer, broken: false);
        }
    }
}
