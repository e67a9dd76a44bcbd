using System.Text.Json;
using WorkshopBot.Cards;
using WorkshopBot.Common;
using WorkshopBot.Storage;

namespace WorkshopBot.Tests.Storage;

public abstract class DocumentStoreContract : StorageContract
{
    private IDocumentStore Store => Storage.Get<IDocumentStore>();

    [Fact]
    public async Task InsertStartsAtVersionOne()
    {
        Assert.True(await Store.TryInsertAsync("audits", "a-1", """{"theme":"Neglect"}""", "tenant-1", null));

        var stored = await Store.GetAsync("audits", "a-1");

        Assert.Equal(new StoredDocument("audits", "a-1", 1, """{"theme":"Neglect"}""", "tenant-1", null, T0), stored);
    }

    [Fact]
    public async Task InsertRefusesAnExistingId()
    {
        await Store.TryInsertAsync("audits", "a-1", """{"n":1}""", null, null);

        Assert.False(await Store.TryInsertAsync("audits", "a-1", """{"n":2}""", null, null));
        Assert.True(await Store.TryInsertAsync("workshops", "a-1", """{"n":3}""", null, null));
        Assert.Equal("""{"n":1}""", (await Store.GetAsync("audits", "a-1"))!.Json);
    }

    [Fact]
    public async Task UpdateWithCurrentVersionBumpsVersion()
    {
        await Store.TryInsertAsync("audits", "a-1", """{"n":1}""", "tenant-1", "open");
        Storage.Clock.Advance(TimeSpan.FromMinutes(5));

        Assert.True(await Store.TryUpdateAsync("audits", "a-1", 1, """{"n":2}""", "tenant-1", "closed"));

        var stored = await Store.GetAsync("audits", "a-1");
        Assert.Equal(new StoredDocument("audits", "a-1", 2, """{"n":2}""", "tenant-1", "closed", T0.AddMinutes(5)),
            stored);
    }

    [Fact]
    public async Task StaleUpdateIsRefused()
    {
        await Store.TryInsertAsync("audits", "a-1", """{"n":1}""", null, null);
        var readByFirst = await Store.GetAsync("audits", "a-1");
        var readBySecond = await Store.GetAsync("audits", "a-1");

        var firstWrite = await Store.TryUpdateAsync("audits", "a-1", readByFirst!.Version, """{"n":"first"}""", null, null);
        var secondWrite = await Store.TryUpdateAsync("audits", "a-1", readBySecond!.Version, """{"n":"second"}""", null, null);

        Assert.True(firstWrite);
        Assert.False(secondWrite);
        var stored = await Store.GetAsync("audits", "a-1");
        Assert.Equal("""{"n":"first"}""", stored!.Json);
        Assert.Equal(2, stored.Version);
    }

    [Fact]
    public async Task UpdateOfMissingDocumentIsRefused()
    {
        Assert.False(await Store.TryUpdateAsync("audits", "missing", 1, """{"n":1}""", null, null));
        Assert.Null(await Store.GetAsync("audits", "missing"));
    }

    [Fact]
    public async Task ListFiltersByCollectionAndKeys()
    {
        await Store.TryInsertAsync("audits", "a-2", "{}", "tenant-1", "open");
        await Store.TryInsertAsync("audits", "a-1", "{}", "tenant-1", "closed");
        await Store.TryInsertAsync("audits", "a-3", "{}", "tenant-2", "open");
        await Store.TryInsertAsync("workshops", "w-1", "{}", "tenant-1", "open");

        Assert.Equal(["a-1", "a-2", "a-3"], (await Store.ListAsync("audits")).Select(d => d.Id));
        Assert.Equal(["a-1", "a-2"], (await Store.ListAsync("audits", key1: "tenant-1")).Select(d => d.Id));
        Assert.Equal(["a-2", "a-3"], (await Store.ListAsync("audits", key2: "open")).Select(d => d.Id));
        Assert.Equal(["a-2"], (await Store.ListAsync("audits", "tenant-1", "open")).Select(d => d.Id));
    }

    [Fact]
    public async Task ListForTenantReadsTheTenantsDocumentsAndThoseWithoutATenant()
    {
        var work = new StoreWork();
        work.Insert("audits", "a-3", "{}", null, null, "Tenant-A");
        work.Insert("audits", "a-1", "{}", null, null, "tenant-a");
        work.Insert("audits", "a-2", "{}", null, null, "tenant-b");
        work.Insert("workshops", "w-1", "{}", null, null, "tenant-a");
        Assert.Equal(CommitOutcome.Committed, (await Storage.Get<IStoreCommitter>().CommitAsync(work, CancellationToken.None)).Outcome);
        await Store.TryInsertAsync("audits", "a-0", "{}", null, null);

        Assert.Equal(["a-0", "a-1", "a-3"], (await Store.ListForTenantAsync("audits", "TENANT-A")).Select(d => d.Id));
        Assert.Equal(["a-0", "a-2"], (await Store.ListForTenantAsync("audits", "tenant-b")).Select(d => d.Id));
        Assert.Equal(["a-0"], (await Store.ListForTenantAsync("audits", "tenant-c")).Select(d => d.Id));
    }

    [Fact]
    public async Task DeleteRemovesDocument()
    {
        await Store.TryInsertAsync("audits", "a-1", "{}", null, null);

        Assert.True(await Store.DeleteAsync("audits", "a-1"));
        Assert.False(await Store.DeleteAsync("audits", "a-1"));
        Assert.Null(await Store.GetAsync("audits", "a-1"));
    }

    [Fact]
    public async Task TypedHelpersRoundTripWithOptimisticConcurrency()
    {
        var draft = new SampleAudit("Neglect", SampleStage.Draft, ["police", "health"]);
        Assert.True(await Store.InsertAsync("audits", "a-1", draft, key1: "tenant-1"));

        var loaded = await Store.GetAsync<SampleAudit>("audits", "a-1");
        Assert.NotNull(loaded);
        Assert.Equal("Neglect", loaded.Value.Theme);
        Assert.Equal(["police", "health"], loaded.Value.Agencies);

        var open = loaded.Value with { Stage = SampleStage.Open };
        Assert.True(await Store.UpdateAsync("audits", "a-1", loaded.Version, open, key1: "tenant-1"));
        Assert.False(await Store.UpdateAsync("audits", "a-1", loaded.Version, draft, key1: "tenant-1"));

        var listed = Assert.Single(await Store.ListAsync<SampleAudit>("audits", key1: "tenant-1"));
        Assert.Equal(SampleStage.Open, listed.Value.Stage);
        Assert.Equal(2, listed.Version);
        Assert.Contains("\"stage\":\"Open\"", (await Store.GetAsync("audits", "a-1"))!.Json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnchangedDocumentIsReadWithoutItsTextAndAChangedOneInFull()
    {
        await Store.TryInsertAsync("things", "t-1", """{"n":1}""", null, null);
        var first = await Store.GetAsync("things", "t-1");

        // Unchanged: the text kept from the first read (the same string, not read again).
        Assert.Same(first!.Json, (await Store.GetAsync("things", "t-1"))!.Json);

        Assert.True(await Store.TryUpdateAsync("things", "t-1", 1, """{"n":2}""", "k", null));
        var updated = await Store.GetAsync("things", "t-1");
        Assert.Equal(("""{"n":2}""", 2L, "k"), (updated!.Json, updated.Version, updated.Key1));
    }

    [Fact]
    public async Task ADocumentDeletedAndWrittenAgainAtTheSameInstantIsReadAgain()
    {
        // Same id, same version (1), same time (the test clock does not move): only the stamp tells them apart.
        await Store.TryInsertAsync("things", "t-1", """{"n":1}""", null, null);
        Assert.Equal("""{"n":1}""", (await Store.GetAsync("things", "t-1"))!.Json);
        Assert.True(await Store.DeleteAsync("things", "t-1"));
        await Store.TryInsertAsync("things", "t-1", """{"n":9}""", null, null);

        Assert.Equal("""{"n":9}""", (await Store.GetAsync("things", "t-1"))!.Json);
    }

    [Fact]
    public async Task AWriteThatSetsNoStampIsStillRead()
    {
        // A bot from before stamps (in a rolling upgrade) bumps the version but leaves the stamp as it was.
        await Store.TryInsertAsync("things", "t-1", """{"n":1}""", null, null);
        Assert.Equal("""{"n":1}""", (await Store.GetAsync("things", "t-1"))!.Json);
        await using (var connection = await Storage.OpenRawAsync())
        {
            await Dapper.SqlMapper.ExecuteAsync(connection,
                """UPDATE documents SET json = '{"n":2}', version = version + 1 WHERE collection = 'things' AND id = 't-1'""");
        }

        Assert.Equal("""{"n":2}""", (await Store.GetAsync("things", "t-1"))!.Json);
    }

    [Fact]
    public async Task ALongDocumentIsKeptWhileUnchangedAndReadInFullWithItsKeysWhenChanged()
    {
        // 150 KB: on SQLite most of the text lies on overflow pages, ahead of the keys and the stamp.
        var long1 = JsonSerializer.Serialize(new { text = new string('a', 150_000) });
        var long2 = JsonSerializer.Serialize(new { text = new string('b', 150_001) });
        await Store.TryInsertAsync("things", "t-1", long1, "k1", "k2");
        var first = await Store.GetAsync("things", "t-1");
        Assert.Equal((long1, "k1", "k2"), (first!.Json, first.Key1, first.Key2));
        Assert.Same(first.Json, (await Store.GetAsync("things", "t-1"))!.Json);

        Assert.True(await Store.TryUpdateAsync("things", "t-1", 1, long2, "k3", null));
        var second = await Store.GetAsync("things", "t-1");
        Assert.Equal((long2, 2L, "k3", (string?)null), (second!.Json, second.Version, second.Key1, second.Key2));
        Assert.Same(second.Json, (await Store.GetAsync("things", "t-1"))!.Json);
    }

    [Fact]
    public async Task ARowWithoutAStampIsAlwaysReadInFull()
    {
        // Written before stamps existed: nothing tells its text apart from a kept one, so it is read every time.
        await Store.TryInsertAsync("things", "t-1", """{"n":1}""", null, null);
        Assert.Equal("""{"n":1}""", (await Store.GetAsync("things", "t-1"))!.Json);
        await Storage.ExecuteRawAsync("""UPDATE documents SET stamp = NULL, json = '{"n":2}' WHERE collection = 'things'""");
        Assert.Equal("""{"n":2}""", (await Store.GetAsync("things", "t-1"))!.Json);
        await Storage.ExecuteRawAsync("""UPDATE documents SET json = '{"n":3}' WHERE collection = 'things'""");

        Assert.Equal("""{"n":3}""", (await Store.GetAsync("things", "t-1"))!.Json);
    }

    [Fact]
    public async Task ADocumentAndAQueryReadAlongWithItComeTogetherAndSeeChanges()
    {
        await Store.TryInsertAsync("things", "t-1", """{"n":1}""", "k", null);
        await Store.TryInsertAsync("things", "t-2", """{"n":2}""", "k", null);
        var keyed = KeyedThings("k");

        var (first, along) = await Store.GetAlongAsync("things", "t-1", keyed);
        Assert.Equal(await Store.GetAsync("things", "t-1"), first);
        Assert.Equal((2L, "t-1,t-2"), along);

        // Unchanged: the text kept from the first read. Changed: read in full, and the query sees the change too.
        Assert.Same(first!.Json, (await Store.GetAlongAsync("things", "t-1", keyed)).Document!.Json);
        Assert.True(await Store.TryUpdateAsync("things", "t-1", 1, """{"n":3}""", "other", null));
        var (updated, afterUpdate) = await Store.GetAlongAsync("things", "t-1", keyed);
        Assert.Equal(("""{"n":3}""", 2L, "other"), (updated!.Json, updated.Version, updated.Key1));
        Assert.Equal((1L, "t-2"), afterUpdate);

        // No such document: null, and the query is still read.
        Assert.Equal(((StoredDocument?)null, (1L, "t-2")), await Store.GetAlongAsync("things", "t-9", keyed));
    }

    [Fact]
    public async Task AQueryReadAlongWithADocumentMayNotUseTheNamesOfItsParameters()
    {
        await Store.TryInsertAsync("things", "t-1", """{"n":1}""", "k", null);
        var clash = new StoreQuery<long>("SELECT COUNT(*) FROM documents WHERE id = @Id",
            static async (rows, ct) => await rows.ReadAsync(ct) ? StoreReader.Int64(rows, 0) : -1, ("@Id", "t-2"));

        var refused = await Assert.ThrowsAsync<ArgumentException>(() => Store.GetAlongAsync("things", "t-1", clash));
        Assert.Contains("@id", refused.Message, StringComparison.Ordinal);
    }

    /// <summary>Two statements: how many things carry the key, then their ids.</summary>
    private static StoreQuery<(long Count, string Ids)> KeyedThings(string key) => new("""
        SELECT COUNT(*) FROM documents WHERE collection = 'things' AND key1 = @key;
        SELECT id FROM documents WHERE collection = 'things' AND key1 = @key ORDER BY id
        """, static async (rows, ct) =>
        {
            await rows.ReadAsync(ct);
            var count = StoreReader.Int64(rows, 0);
            await rows.NextResultAsync(ct);
            var ids = new List<string>();
            while (await rows.ReadAsync(ct))
            {
                ids.Add(rows.GetString(0));
            }

            return (count, string.Join(',', ids));
        }, ("@key", key));

    [Fact]
    public void SharedJsonOptionsCannotBeMutated()
    {
        Assert.True(DocumentStoreExtensions.DefaultJsonOptions.IsReadOnly);
        Assert.Throws<InvalidOperationException>(() =>
            DocumentStoreExtensions.DefaultJsonOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower);
    }

    public enum SampleStage
    {
        Draft,
        Open,
    }

    public sealed record SampleAudit(string Theme, SampleStage Stage, IReadOnlyList<string> Agencies);
}

public sealed class DocumentStoreOnSqlite : DocumentStoreContract
{
    protected override Task<TestStorage> CreateStorageAsync(bool migrate) => TestStorage.CreateSqliteAsync(migrate);

    [Fact]
    public async Task TheReadFindsVersionAndStampInTheirIndexAndTheRowOnlyByRowid()
    {
        await using var connection = await Storage.OpenRawAsync();
        var plan = string.Join(" | ", (await Dapper.SqlMapper.QueryAsync<(long, long, long, string)>(connection,
            "EXPLAIN QUERY PLAN " + SqlDocumentStore.SqliteGetSql,
            new { collection = "things", id = "t-1", stamp = 1L, version = 1L })).Select(r => r.Item4));

        Assert.Contains("SEARCH c USING COVERING INDEX ix_documents_current (collection=? AND id=?)", plan, StringComparison.Ordinal);
        Assert.Contains("SEARCH d USING INTEGER PRIMARY KEY (rowid=?) LEFT-JOIN", plan, StringComparison.Ordinal);
    }
}

[Collection(PostgresCollection.Name)]
public sealed class DocumentStoreOnPostgres(PostgresServerFixture server) : DocumentStoreContract
{
    protected override Task<TestStorage> CreateStorageAsync(bool migrate) =>
        TestStorage.CreatePostgresAsync(server, migrate);
}
