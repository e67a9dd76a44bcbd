using Dapper;
using WorkshopBot.Storage;

namespace WorkshopBot.Tests.Storage;

/// <summary>
/// Migration 1600 on a database as a bot before it left it: the append-only audit log gains its tenant column, every
/// entry stored before keeps all it had and has no tenant, the log still refuses edits, and new entries carry theirs.
/// </summary>
public abstract class AuditEventTenantsMigrationContract : StorageContract
{
    private const int Version = 1600;
    private const string Tenant = "0a1b2c3d-aaaa-4000-8000-00000000000a";

    protected override bool MigrateBeforeEachTest => false;

    [Fact]
    public async Task EntriesStoredBeforeKeepEverythingAndHaveNoTenant()
    {
        var migrator = Storage.Get<StorageMigrator>();
        await MigrateBeforeAsync(Version);

        const string OldInsert = """
            INSERT INTO audit_events (at, actor_id, actor_name, action, subject_type, subject_id, detail_json)
            VALUES (@at, @actor, @name, @action, 'audit', 'a-1', @detail)
            """;
        await Storage.ExecuteRawAsync(OldInsert,
            new { at = UnixTime.ToMs(T0), actor = "aad-chair", name = "Audit Chair", action = "audit.created", detail = "{\"n\":1}" });
        await Storage.ExecuteRawAsync(OldInsert,
            new
            {
                at = UnixTime.ToMs(T0.AddHours(1)), actor = "bot", name = (string?)null, action = "retention.purged",
                detail = (string?)null,
            });

        Assert.Equal(migrator.Migrations.Select(m => m.Version).Where(v => v >= Version), await migrator.MigrateAsync());

        var log = Storage.Get<IAuditLog>();
        var kept = await log.ListAsync("audit", "a-1");
        Assert.Equal(
            [
                (T0, "aad-chair", (string?)"Audit Chair", "audit.created", (string?)"{\"n\":1}", (string?)null),
                (T0.AddHours(1), "bot", null, "retention.purged", null, null),
            ],
            kept.Select(e => (e.At, e.ActorId, e.ActorName, e.Action, e.DetailJson, e.TenantId)));

        var added = await log.AppendAsync(new NewAuditEvent(T0.AddHours(2), "aad-chair", null, "audit.reopened", "audit", "a-1",
            TenantId: Tenant));
        Assert.Equal([null, null, Tenant], (await log.ListAsync("audit", "a-1")).Select(e => e.TenantId));
        Assert.Equal(Tenant, added.TenantId);

        // Still append-only: the old entries cannot be given a tenant afterwards, nor removed.
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() =>
            Storage.ExecuteRawAsync("UPDATE audit_events SET tenant_id = @Tenant WHERE id = @id", new { Tenant, id = kept[0].Id }));
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => Storage.ExecuteRawAsync("DELETE FROM audit_events"));
        await using var connection = await Storage.OpenRawAsync();
        Assert.Equal(2, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM audit_events WHERE tenant_id IS NULL"));
    }
}

public sealed class AuditEventTenantsMigrationOnSqlite : AuditEventTenantsMigrationContract
{
    protected override Task<TestStorage> CreateStorageAsync(bool migrate) => TestStorage.CreateSqliteAsync(migrate);
}

[Collection(PostgresCollection.Name)]
public sealed class AuditEventTenantsMigrationOnPostgres(PostgresServerFixture server) : AuditEventTenantsMigrationContract
{
    protected override Task<TestStorage> CreateStorageAsync(bool migrate) => TestStorage.CreatePostgresAsync(server, migrate);
}
