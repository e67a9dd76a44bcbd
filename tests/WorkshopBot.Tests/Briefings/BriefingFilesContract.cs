using Microsoft.Extensions.DependencyInjection;
using WorkshopBot.Briefings.Storage;
using WorkshopBot.Common.Storage;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Storage;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Briefings;

/// <summary>
/// The store of briefings' Word files (<see cref="BriefingFiles"/>), the same on SQLite and PostgreSQL: a file is recorded
/// once; a withdrawal or purge queues the kept files of the versions it takes and no other; a queued deletion is due, claimed
/// by one pass at a time, and its outcome kept only by the pass that holds it; a claim that ran out is taken over.
/// </summary>
internal static class BriefingFilesContract
{
    private static readonly Guid Audit = Guid.Parse("00000000-0000-0000-0000-00000000f11e");

    public static async Task RunAsync(string? postgres)
    {
        var clock = new ManualTimeProvider();
        await using var host = await BotTestHost.StartAsync(o =>
        {
            o.Time = clock;
            o.PostgresConnectionString = postgres;
        });
        var files = host.Get<BriefingFiles>();
        var now = clock.GetUtcNow();

        // Recorded twice (a retried finish): one row. v2's file, and another audit's, stay out of what follows.
        await RecordAsync(host, 1, "item-1", keep: true, now);
        await RecordAsync(host, 1, "item-1", keep: true, now);
        await RecordAsync(host, 2, "item-2", keep: true, now);
        Assert.Equal([BriefingFiles.Kept, BriefingFiles.Kept], (await files.ListAsync(Audit, default)).Select(f => f.Status));
        Assert.Empty(await files.ListDueAsync(now, 10, default));

        // Withdrawing through v1 queues v1's file only.
        await host.WorkAsync(services =>
        {
            BriefingFiles.QueueWithdrawn(services.GetRequiredService<UnitOfWork>().Store, Audit, 1, now);
            return Task.CompletedTask;
        });
        var due = Assert.Single(await files.ListDueAsync(now, 10, default));
        Assert.Equal((1, BriefingFiles.Withdrawn, "drive-1", "item-1"), (due.Version, due.Reason, due.DriveId, due.ItemId));

        // A purge keeping v2 queues nothing more; keeping nothing, v2's too.
        Assert.Equal(0, await PurgeAsync(host, [2], now));
        Assert.Equal(1, await PurgeAsync(host, [], now));
        Assert.Equal(2, (await files.ListDueAsync(now, 10, default)).Count);

        // One pass at a time: the second claim is refused, and a stranger's outcome is not kept.
        Assert.True(await files.ClaimAsync(due.Id, "pass-a", now, now.AddMinutes(1), default));
        Assert.False(await files.ClaimAsync(due.Id, "pass-b", now, now.AddMinutes(1), default));
        Assert.Single(await files.ListDueAsync(now, 10, default));
        Assert.False(await files.FinishAsync(due.Id, "pass-b", null, null, now, default));

        // Busy: queued again until the wait is over; then claimed again, counting the tries.
        Assert.True(await files.FinishAsync(due.Id, "pass-a", now.AddMinutes(5), "Microsoft Graph is throttling requests (429).", now,
            default));
        Assert.DoesNotContain(await files.ListDueAsync(now.AddMinutes(4), 10, default), f => f.Id == due.Id);
        var retried = Assert.Single(await files.ListDueAsync(now.AddMinutes(5), 10, default), f => f.Id == due.Id);
        Assert.Equal((1, "Microsoft Graph is throttling requests (429)."), (retried.Attempts, retried.LastError));

        // A claim that ran out is taken over; the late owner's outcome is then refused.
        Assert.True(await files.ClaimAsync(due.Id, "pass-c", now.AddMinutes(5), now.AddMinutes(6), default));
        Assert.True(await files.ClaimAsync(due.Id, "pass-d", now.AddMinutes(7), now.AddMinutes(8), default));
        Assert.False(await files.FinishAsync(due.Id, "pass-c", null, null, now.AddMinutes(7), default));
        Assert.True(await files.FinishAsync(due.Id, "pass-d", null, null, now.AddMinutes(7), default));

        // Failed for good, only while the claim holds (otherwise the work stores nothing); kept in view, never due again.
        var other = Assert.Single(await files.ListDueAsync(now.AddMinutes(7), 10, default));
        Assert.True(await files.ClaimAsync(other.Id, "pass-e", now.AddMinutes(7), now.AddMinutes(8), default));
        Assert.False(await FailAsync(host, other.Id, "pass-f", now));
        Assert.Equal(BriefingFiles.Pending, (await files.ListAsync(Audit, default)).Single(f => f.Id == other.Id).Status);
        Assert.True(await FailAsync(host, other.Id, "pass-e", now.AddMinutes(7)));
        var all = await files.ListAsync(Audit, default);
        Assert.Equal([BriefingFiles.Deleted, BriefingFiles.Failed], all.Select(f => f.Status));
        Assert.NotNull(all[1].ReportedAt);
        Assert.Empty(await files.ListDueAsync(now.AddDays(30), 10, default));

        // A file recorded as one to delete (its upload finished too late) is queued at once, even when recorded kept before.
        await RecordAsync(host, 3, "item-3", keep: true, now);
        await RecordAsync(host, 3, "item-3", keep: false, now);
        var late = Assert.Single(await files.ListDueAsync(now, 10, default));
        Assert.Equal((3, BriefingFiles.NoLongerPosted), (late.Version, late.Reason));

        await IntentsAsync(host, files, now);
        await PruningAsync(host, files, now);
    }

    // An upload's intent: one row per version and channel, held while its upload's claim stands, then queued like a file;
    // gone once the upload records the file's ids.
    private static async Task IntentsAsync(BotTestHost host, BriefingFiles files, DateTimeOffset now)
    {
        var intent = new BriefingFileUpload(BotTestHost.TenantId, Audit, 4, "19:alpha@thread.tacv2", null, null);
        var fingerprint = await host.Get<FileNameFingerprints>().FunctionAsync(default);
        var hash = fingerprint("Neglect-audit-2026-04-20-v4.docx");
        await host.WorkAsync(services =>
        {
            var work = services.GetRequiredService<UnitOfWork>().Store;
            BriefingFiles.Intend(work, intent, hash, "upload-a", now.AddMinutes(1), now);
            BriefingFiles.Intend(work, intent, hash, "upload-b", now.AddMinutes(2), now);
            return Task.CompletedTask;
        });
        var row = Assert.Single(await files.ListAsync(Audit, default), f => f.Version == 4);
        Assert.Equal((false, BriefingFiles.Kept, hash), (row.Located, row.Status, row.NameHash));
        Assert.Equal(hash, fingerprint("NEGLECT-AUDIT-2026-04-20-V4.DOCX"));

        await host.WorkAsync(services =>
        {
            BriefingFiles.QueueWithdrawn(services.GetRequiredService<UnitOfWork>().Store, Audit, 4, now);
            return Task.CompletedTask;
        });
        Assert.DoesNotContain(await files.ListDueAsync(now.AddMinutes(1), 10, default), f => f.Version == 4);
        Assert.False(await files.ClaimAsync(row.Id, "pass-g", now.AddMinutes(1), now.AddMinutes(3), default));
        Assert.Single(await files.ListDueAsync(now.AddMinutes(2), 10, default), f => f.Version == 4);

        // The upload's outcome came with the file's ids: the file's own row stands for it, and the intent goes.
        await host.WorkAsync(services =>
        {
            var work = services.GetRequiredService<UnitOfWork>().Store;
            BriefingFiles.Settle(work, intent, "upload-b", located: true, now);
            BriefingFiles.Record(work, intent with { DriveId = "drive-1", ItemId = "item-4" }, keep: false, now);
            return Task.CompletedTask;
        });
        var located = Assert.Single(await files.ListAsync(Audit, default), f => f.Version == 4);
        Assert.Equal((true, "item-4", BriefingFiles.Pending), (located.Located, located.ItemId, located.Status));
    }

    // Rows of files deleted more than KeepDeletedFor ago are pruned; those deleted since, kept, queued or failed stay.
    private static async Task PruningAsync(BotTestHost host, BriefingFiles files, DateTimeOffset now)
    {
        var before = await files.ListAsync(Audit, default);
        var deleted = Assert.Single(before, f => f.Status == BriefingFiles.Deleted);

        Assert.Equal(0, await files.PruneAsync(now.AddMinutes(7) + BriefingFiles.KeepDeletedFor - TimeSpan.FromMinutes(1), default));
        Assert.Equal(1, await files.PruneAsync(now.AddMinutes(8) + BriefingFiles.KeepDeletedFor, default));

        var after = await files.ListAsync(Audit, default);
        Assert.Equal(before.Where(f => f.Id != deleted.Id).Select(f => f.Id), after.Select(f => f.Id));
        Assert.Contains(after, f => f.Status == BriefingFiles.Failed);
        Assert.Contains(after, f => f.Status == BriefingFiles.Pending);
    }

    private static Task RecordAsync(BotTestHost host, int version, string item, bool keep, DateTimeOffset now) =>
        host.WorkAsync(services =>
        {
            BriefingFiles.Record(services.GetRequiredService<UnitOfWork>().Store,
                new BriefingFileUpload(BotTestHost.TenantId, Audit, version, "19:alpha@thread.tacv2", "drive-1", item), keep, now);
            return Task.CompletedTask;
        });

    // True once stored; false when the work could not be stored (it conflicted on every try).
    private static Task<bool> FailAsync(BotTestHost host, long id, string owner, DateTimeOffset now) =>
        host.Get<WorkRunner>().RunAsync((services, _) =>
        {
            BriefingFiles.Fail(services.GetRequiredService<UnitOfWork>().Store, id, owner, "The bot has no permission (403).", now);
            return Task.FromResult(true);
        }, CancellationToken.None);

    private static async Task<int> PurgeAsync(BotTestHost host, int[] kept, DateTimeOffset now)
    {
        var database = host.Get<StorageDatabase>();
        await using var connection = await database.OpenAsync(default);
        await using var transaction = await connection.BeginTransactionAsync();
        var queued = await BriefingFiles.QueuePurgedAsync(connection, transaction, Audit, kept, now, default);
        await transaction.CommitAsync();
        return queued;
    }
}

public sealed class BriefingFilesContractOnSqlite
{
    [Fact]
    public Task RecordsQueuesClaimsAndKeepsOneOutcome() => BriefingFilesContract.RunAsync(null);
}

[Collection(PostgresCollection.Name)]
public sealed class BriefingFilesContractOnPostgres(PostgresServerFixture server)
{
    [Fact]
    public async Task RecordsQueuesClaimsAndKeepsOneOutcome() => await BriefingFilesContract.RunAsync(await server.CreateDatabaseAsync());
}
