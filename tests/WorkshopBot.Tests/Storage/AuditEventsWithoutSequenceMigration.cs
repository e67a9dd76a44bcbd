using Dapper;
using WorkshopBot.Storage;

namespace WorkshopBot.Tests.Storage;

/// <summary>
/// Migration 2322 (SQLite only) on a database as a bot before it left it: the audit log is rebuilt without AUTOINCREMENT,
/// so an audit line no longer rewrites sqlite_sequence (a page of every commit that holds one, every vote's among them).
/// Every line keeps its id and all it had, a redacted line stays redacted, the next line gets the next id, and the log
/// still refuses edits and deletions but the one redaction it allows.
/// </summary>
public sealed class AuditEventsWithoutSequenceMigration : StorageContract
{
    private const int Version = 2322;
    private const string Tenant = "0a1b2c3d-aaaa-4000-8000-00000000000a";

    protected override bool MigrateBeforeEachTest => false;

    protected override Task<TestStorage> CreateStorageAsync(bool migrate) => TestStorage.CreateSqliteAsync(migrate);

    [Fact]
    public async Task LinesKeepTheirIdsAndTheLogStaysAppendOnlyWithoutASequenceRow()
    {
        var migrator = Storage.Get<StorageMigrator>();
        await MigrateBeforeAsync(Version);
        const string OldInsert = """
            INSERT INTO audit_events (at, actor_id, actor_name, action, subject_type, subject_id, detail_json, tenant_id)
            VALUES (@at, 'aad-chair', 'Audit Chair', @action, 'audit', 'a-1', '{"n":1}', @Tenant)
            """;
        for (var i = 0; i < 3; i++)
        {
            await Storage.ExecuteRawAsync(OldInsert, new { at = UnixTime.ToMs(T0.AddHours(i)), action = "audit.step" + i, Tenant });
        }

        await Storage.ExecuteRawAsync(
            "UPDATE audit_events SET detail_json = NULL, redacted_at = @at WHERE id = 2", new { at = UnixTime.ToMs(T0.AddDays(1)) });
        await using (var before = await Storage.OpenRawAsync())
        {
            Assert.Equal(3, await before.ExecuteScalarAsync<long>("SELECT seq FROM sqlite_sequence WHERE name = 'audit_events'"));
        }

        Assert.Equal(migrator.Migrations.Select(m => m.Version).Where(v => v >= Version), await migrator.MigrateAsync());

        var log = Storage.Get<IAuditLog>();
        var kept = await log.ListAsync("audit", "a-1");
        Assert.Equal([1L, 2L, 3L], kept.Select(e => e.Id));
        Assert.Equal(["audit.step0", "audit.step1", "audit.step2"], kept.Select(e => e.Action));
        Assert.Equal(["{\"n\":1}", null, "{\"n\":1}"], kept.Select(e => e.DetailJson));
        Assert.All(kept, e => Assert.Equal(Tenant, e.TenantId));

        var added = await log.AppendAsync(new NewAuditEvent(T0.AddDays(2), "aad-chair", null, "audit.reopened", "audit", "a-1",
            TenantId: Tenant));
        Assert.Equal(4, added.Id);
        await using var connection = await Storage.OpenRawAsync();
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM sqlite_sequence WHERE name LIKE 'audit_events%'"));
        Assert.DoesNotContain("AUTOINCREMENT",
            await connection.ExecuteScalarAsync<string>("SELECT sql FROM sqlite_schema WHERE name = 'audit_events'"),
            StringComparison.OrdinalIgnoreCase);
        Assert.Equal(
            ["audit_events_no_delete", "audit_events_no_update", "ix_audit_events_deletions", "ix_audit_events_subject"],
            (await connection.QueryAsync<string>(
                "SELECT name FROM sqlite_schema WHERE tbl_name = 'audit_events' AND type IN ('index', 'trigger') ORDER BY name")).ToList());

        // Still append-only: an edit and a deletion refused, a second redaction refused, a first one allowed.
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() =>
            Storage.ExecuteRawAsync("UPDATE audit_events SET action = 'audit.other' WHERE id = 1"));
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => Storage.ExecuteRawAsync("DELETE FROM audit_events"));
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() =>
            Storage.ExecuteRawAsync("UPDATE audit_events SET detail_json = '{}', redacted_at = 1 WHERE id = 2"));
        Assert.Equal(1, await Storage.ExecuteRawAsync(
            "UPDATE audit_events SET detail_json = NULL, redacted_at = @at WHERE id = 3", new { at = UnixTime.ToMs(T0.AddDays(3)) }));
        Assert.Equal(4, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM audit_events"));
    }
}
