using WorkshopBot.Storage;

namespace WorkshopBot.Tests.Storage;

/// <summary>
/// Migration 2100 on a database as a bot before it left it: a card to a person queued before the migration keeps its
/// serviceUrl and names no conversation it came from (so it is sent as before, to its copy when the person has no chat);
/// cards queued afterwards, through the store and through a unit of work, keep the conversation they name.
/// </summary>
public abstract class OutboxServiceUrlFromMigrationContract : StorageContract
{
    private const int Version = 2100;

    protected override bool MigrateBeforeEachTest => false;

    [Fact]
    public async Task ACardQueuedBeforeTheMigrationNamesNoSourceAndLaterOnesKeepTheirs()
    {
        var migrator = Storage.Get<StorageMigrator>();
        await MigrateBeforeAsync(Version);

        await Storage.ExecuteRawAsync("""
            INSERT INTO outbox_messages (tenant_id, kind, service_url, target_user_id, payload_json, dedupe_key, status, attempts,
                next_attempt_at, created_at, updated_at)
            VALUES ('tenant-a', 'CreatePersonalConversation', 'https://smba.trafficmanager.net/uk/', '29:lead', '{}', 'old',
                'Pending', 0, 0, 0, 0)
            """);

        Assert.Equal(migrator.Migrations.Select(m => m.Version).Where(v => v >= Version), await migrator.MigrateAsync());

        var store = Storage.Get<IOutboxStore>();
        var old = (await store.FindByDedupeKeyAsync("old"))!;
        Assert.Equal(("https://smba.trafficmanager.net/uk/", null), (old.ServiceUrl, old.ServiceUrlFrom));

        var queued = await store.EnqueueAsync(Card("new") with { ServiceUrlFrom = "19:audits@thread.tacv2" });
        Assert.Equal("19:audits@thread.tacv2", queued.ServiceUrlFrom);
        var work = new StoreWork();
        work.Enqueue(Card("in-a-turn") with { ServiceUrlFrom = "19:plan@thread.tacv2" });
        Assert.Equal(CommitOutcome.Committed, (await Storage.Get<IStoreCommitter>().CommitAsync(work, CancellationToken.None)).Outcome);
        Assert.Equal("19:plan@thread.tacv2", (await store.FindByDedupeKeyAsync("in-a-turn"))!.ServiceUrlFrom);
        var claimed = await store.ClaimDueAsync(T0, 10, TimeSpan.FromMinutes(1), "owner");
        Assert.Equal([null, "19:audits@thread.tacv2", "19:plan@thread.tacv2"],
            claimed.OrderBy(m => m.Id).Select(m => m.ServiceUrlFrom));
    }

    private static NewOutboxMessage Card(string key) => new()
    {
        TenantId = "tenant-a",
        Kind = OutboxKind.CreatePersonalConversation,
        ServiceUrl = "https://smba.trafficmanager.net/uk/",
        TargetUserId = "29:lead",
        PayloadJson = "{}",
        DedupeKey = key,
        CreatedAt = T0,
    };
}

public sealed class OutboxServiceUrlFromMigrationOnSqlite : OutboxServiceUrlFromMigrationContract
{
    protected override Task<TestStorage> CreateStorageAsync(bool migrate) => TestStorage.CreateSqliteAsync(migrate);
}

[Collection(PostgresCollection.Name)]
public sealed class OutboxServiceUrlFromMigrationOnPostgres(PostgresServerFixture server) : OutboxServiceUrlFromMigrationContract
{
    protected override Task<TestStorage> CreateStorageAsync(bool migrate) => TestStorage.CreatePostgresAsync(server, migrate);
}
