using WorkshopBot.Storage;

namespace WorkshopBot.Tests.Storage;

/// <summary>
/// Migration 1500 on a database as a bot before it left it: processed marks stored without the person they answered keep
/// their answers, read back without a person (so replayed to the conversation's tenant, as before), and new marks keep
/// theirs.
/// </summary>
public abstract class ProcessedPersonMigrationContract : StorageContract
{
    private const int Version = 1500;

    protected override bool MigrateBeforeEachTest => false;

    [Fact]
    public async Task AMarkStoredBeforeTheMigrationKeepsItsAnswerAndNamesNobody()
    {
        var migrator = Storage.Get<StorageMigrator>();
        await MigrateBeforeAsync(Version);

        var old = new StoreWork();
        old.MarkProcessed("a:1", "act-old", T0, 200, """{"card":"export"}""");
        await Storage.ExecuteRawAsync("""
            INSERT INTO processed_activities (conversation_id, activity_id, processed_at, response_status, response_packed)
            VALUES (@ConversationId, @ActivityId, 0, @ResponseStatus, @ResponsePacked)
            """, old.Processed);

        Assert.Equal(migrator.Migrations.Select(m => m.Version).Where(v => v >= Version), await migrator.MigrateAsync());

        var store = Storage.Get<IProcessedActivityStore>();
        var found = await store.FindAsync("a:1", "act-old");
        Assert.Equal(new StoredResponse(200, """{"card":"export"}"""), found);
        Assert.Null(found!.PersonKey);
        Assert.False(found.AnsweredAnother("tenant-a/anyone"));

        var fresh = new StoreWork();
        fresh.MarkProcessed("a:1", "act-new", T0, 200, """{"card":"export"}""", "tenant-a/chair");
        Assert.Equal(CommitOutcome.Committed,
            (await Storage.Get<IStoreCommitter>().CommitAsync(fresh, CancellationToken.None)).Outcome);
        Assert.Equal("tenant-a/chair", (await store.FindAsync("a:1", "act-new"))?.PersonKey);
    }
}

public sealed class ProcessedPersonMigrationOnSqlite : ProcessedPersonMigrationContract
{
    protected override Task<TestStorage> CreateStorageAsync(bool migrate) => TestStorage.CreateSqliteAsync(migrate);
}

[Collection(PostgresCollection.Name)]
public sealed class ProcessedPersonMigrationOnPostgres(PostgresServerFixture server) : ProcessedPersonMigrationContract
{
    protected override Task<TestStorage> CreateStorageAsync(bool migrate) => TestStorage.CreatePostgresAsync(server, migrate);
}
