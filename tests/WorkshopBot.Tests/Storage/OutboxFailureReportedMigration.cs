using WorkshopBot.Storage;

namespace WorkshopBot.Tests.Storage;

/// <summary>
/// Migration 2200 on a database as a bot before it left it: messages that had failed or been blocked count as reported
/// (an upgrade reports no old failure again); those sent or still to send do not, and a message failing afterwards is
/// listed until it is reported.
/// </summary>
public abstract class OutboxFailureReportedMigrationContract : StorageContract
{
    private const int Version = 2200;

    protected override bool MigrateBeforeEachTest => false;

    [Fact]
    public async Task FailuresStoredBeforeTheMigrationCountAsReportedAndLaterOnesDoNot()
    {
        var migrator = Storage.Get<StorageMigrator>();
        await MigrateBeforeAsync(Version);
        var completed = T0.AddMinutes(-5).ToUnixTimeMilliseconds();
        foreach (var (key, status) in new[] { ("failed", "Failed"), ("blocked", "Blocked"), ("sent", "Sent"), ("pending", "Pending") })
        {
            await Storage.ExecuteRawAsync("""
                INSERT INTO outbox_messages (tenant_id, kind, service_url, conversation_id, payload_json, dedupe_key, status,
                    attempts, next_attempt_at, created_at, updated_at, completed_at)
                VALUES ('tenant-a', 'Send', 'https://smba.trafficmanager.net/uk/', 'a:1', '{}', @key, @status, 0, 0, 0, @completed,
                    @completed)
                """, new { key, status, completed });
        }

        Assert.Equal(migrator.Migrations.Select(m => m.Version).Where(v => v >= Version), await migrator.MigrateAsync());

        var store = Storage.Get<IOutboxStore>();
        var reported = new List<DateTimeOffset?>();
        foreach (var key in new[] { "failed", "blocked", "sent", "pending" })
        {
            reported.Add((await store.FindByDedupeKeyAsync(key))!.ReportedAt);
        }

        Assert.Equal([T0.AddMinutes(-5), T0.AddMinutes(-5), null, null], reported);
        Assert.Empty(await store.ListUnreportedAsync(T0.AddDays(-7), T0.AddHours(1), 10));

        var pending = (await store.FindByDedupeKeyAsync("pending"))!;
        await store.ClaimDueAsync(T0, 10, TimeSpan.FromMinutes(1), "owner");
        Assert.True(await store.MarkFailedAsync(pending.Id, "owner", "400", T0));
        Assert.Equal([pending.Id], (await store.ListUnreportedAsync(T0.AddDays(-7), T0.AddHours(1), 10)).Select(m => m.Id));
    }
}

public sealed class OutboxFailureReportedMigrationOnSqlite : OutboxFailureReportedMigrationContract
{
    protected override Task<TestStorage> CreateStorageAsync(bool migrate) => TestStorage.CreateSqliteAsync(migrate);
}

[Collection(PostgresCollection.Name)]
public sealed class OutboxFailureReportedMigrationOnPostgres(PostgresServerFixture server) : OutboxFailureReportedMigrationContract
{
    protected override Task<TestStorage> CreateStorageAsync(bool migrate) => TestStorage.CreatePostgresAsync(server, migrate);
}
