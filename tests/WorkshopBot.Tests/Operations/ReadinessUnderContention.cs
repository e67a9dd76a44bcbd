using System.Data.Common;
using System.Net;
using Dapper;
using Npgsql;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Storage;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Operations;

/// <summary>
/// /readyz on PostgreSQL when a commit waits too long for a lock (lock_timeout, 55P03). Another transaction holding what a
/// commit needs (another instance's turn, a busy vote) is one busy moment: the instance stays in rotation, since taking it out
/// would only send the same votes to an instance that shares the same store. A store that cannot take writes at all (every
/// table the bot writes held) is reported not ready once readiness's own probe write is refused too, and ready again once
/// the probe is stored. Before, the one lock timeout made /readyz answer 503 until the next probe, up to five seconds on.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ReadinessUnderContention(PostgresServerFixture server)
{
    [Fact]
    public async Task ALockTimeoutAtCommitWhileAnotherTransactionHoldsTheRowsLeavesTheInstanceReady()
    {
        var (host, database, clock) = await StartAsync();
        await using var _ = host;
        var committer = host.Get<IStoreCommitter>();
        Assert.Equal(CommitOutcome.Committed, (await committer.CommitAsync(Work("before"), CancellationToken.None)).Outcome);
        // A load balancer's regular probe: the probe write is not due again for a few seconds.
        using var before = await host.Client.GetAsync("/readyz");

        HttpResponseMessage busy;
        HttpResponseMessage probed;
        await using (var holder = await HoldAsync(database, "documents"))
        {
            await Assert.ThrowsAnyAsync<DbException>(() => committer.CommitAsync(Work("busy"), CancellationToken.None));
            busy = await host.Client.GetAsync("/readyz");
            clock.Advance(StoreWriteProbe.Interval);
            probed = await host.Client.GetAsync("/readyz");
        }

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.OK, busy.StatusCode);
        Assert.Equal(HttpStatusCode.OK, probed.StatusCode);
        // The probe's write was stored while the documents were still held: the store takes writes; nothing is left.
        Assert.Null(host.Get<StoreWrites>().Refusal);
        Assert.Null(host.Get<StoreWrites>().Contended);
        Assert.Equal(CommitOutcome.Committed, (await committer.CommitAsync(Work("after"), CancellationToken.None)).Outcome);
        busy.Dispose();
        probed.Dispose();
    }

    [Fact]
    public async Task AStoreWhoseEveryWriteWaitsOutItsLockIsNotReadyOnceTheProbeWriteFailsTooAndReadyWhenItIsStored()
    {
        var (host, database, clock) = await StartAsync();
        await using var _ = host;
        var committer = host.Get<IStoreCommitter>();
        using var before = await host.Client.GetAsync("/readyz");

        HttpResponseMessage refused;
        string refusedBody;
        await using (var holder = await HoldAsync(database, "documents", "schema_migrations"))
        {
            await Assert.ThrowsAnyAsync<DbException>(() => committer.CommitAsync(Work("locked-out"), CancellationToken.None));
            clock.Advance(StoreWriteProbe.Interval);
            refused = await host.Client.GetAsync("/readyz");
            refusedBody = await refused.Content.ReadAsStringAsync();
        }

        clock.Advance(StoreWriteProbe.Interval);
        using var released = await host.Client.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Contains("storage refuses writes", refusedBody, StringComparison.Ordinal);
        Assert.True(refusedBody.Contains("\"error\":\"PostgresException 55P03\"", StringComparison.Ordinal), refusedBody);
        Assert.Equal(HttpStatusCode.OK, released.StatusCode);
        Assert.Null(host.Get<StoreWrites>().Refusal);
        refused.Dispose();
    }

    /// <summary>A bot on a fresh database whose lock waits are short (300 ms), on a clock the test moves.</summary>
    private async Task<(BotTestHost Host, string Database, ManualTimeProvider Clock)> StartAsync()
    {
        var database = await server.CreateDatabaseAsync();
        var shortWait = new NpgsqlConnectionStringBuilder(database) { Options = "-c lock_timeout=300" }.ToString();
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        var host = await BotTestHost.StartAsync(o =>
        {
            o.PostgresConnectionString = shortWait;
            o.Time = clock;
            o.Settings["Audits:RunJobsInBackground"] = "false";
            o.Settings["Workshop:RunTimerInBackground"] = "false";
        });
        return (host, database, clock);
    }

    /// <summary>Another transaction holding these tables against writes (reads still pass) until disposed.</summary>
    private static async Task<NpgsqlConnection> HoldAsync(string database, params string[] tables)
    {
        // Not pooled: closing it ends the session, and the transaction with its locks.
        var holder = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database) { Pooling = false }.ToString());
        await holder.OpenAsync();
        await holder.ExecuteAsync("BEGIN TRANSACTION");
        foreach (var table in tables)
        {
            await holder.ExecuteAsync($"LOCK TABLE {table} IN EXCLUSIVE MODE");
        }

        return holder;
    }

    private static StoreWork Work(string id)
    {
        var work = new StoreWork();
        work.Insert("readiness-contention", id, "{\"note\":\"x\"}", null, null, BotTestHost.TenantId);
        return work;
    }
}
