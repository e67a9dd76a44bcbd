using System.Collections.Concurrent;
using Dapper;

namespace WorkshopBot.Storage;

internal sealed class SqlDocumentStore(StorageDatabase database, TimeProvider time) : IDocumentStore
{
    /// <summary>Documents whose last text read is kept (a workshop is about 12 KB); more, and all are let go.</summary>
    public const int KeptTexts = 256;

    private readonly ConcurrentDictionary<(string Collection, string Id), KeptText> _texts = new();

    private const string Columns = """
        collection AS Collection, id AS Id, version AS Version, json AS Json, key1 AS Key1, key2 AS Key2,
        updated_at AS UpdatedAt
        """;

    public async Task<StoredDocument?> GetAsync(string collection, string id,
        CancellationToken cancellationToken = default)
    {
        // Read on every turn that opens a card: on a connection whose statement stays prepared (StoreReader). The text
        // comes only when it is not the one kept from an earlier read (same version and stamp): a workshop is 12 KB.
        var key = (collection, id);
        var kept = _texts.GetValueOrDefault(key);
        await using var reader = await database.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        var row = await reader.QueryAsync(CurrentSql, ReadRowAsync, cancellationToken, GetParameters(collection, id, kept))
            .ConfigureAwait(false);
        return Found(key, kept, row);
    }

    public async Task<(StoredDocument? Document, T Along)> GetAlongAsync<T>(string collection, string id, StoreQuery<T> along,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(along);
        var key = (collection, id);
        var kept = _texts.GetValueOrDefault(key);
        var query = new StoreQuery<FoundRow?>(CurrentSql, ReadRowAsync, GetParameters(collection, id, kept)).Then(along);
        await using var reader = await database.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        var (row, result) = await reader.QueryAsync(query, cancellationToken).ConfigureAwait(false);
        return (Found(key, kept, row), result);
    }

    private string CurrentSql => database.Provider == StorageProvider.Sqlite ? SqliteGetSql : GetSql;

    private const string GetSql = """
        SELECT version, CASE WHEN stamp = @stamp AND version = @version THEN NULL ELSE json END, key1, key2, updated_at, stamp
        FROM documents WHERE collection = @collection AND id = @id
        """;

    // The same answer, found in the index of versions and stamps (migration 0900): the row itself, whose columns after the
    // text lie past its overflow pages, is read only when the text is not the kept one. A stamp is never null when kept.
    internal const string SqliteGetSql = """
        SELECT c.version, d.json, d.key1, d.key2, d.updated_at, c.stamp
        FROM documents AS c INDEXED BY ix_documents_current
        LEFT JOIN documents AS d ON d.rowid = c.rowid AND (c.stamp IS NOT @stamp OR c.version <> @version)
        WHERE c.collection = @collection AND c.id = @id
        """;

    private static (string Name, object? Value)[] GetParameters(string collection, string id, KeptText? kept) =>
        [("@collection", collection), ("@id", id), ("@stamp", kept?.Stamp ?? -1L), ("@version", kept?.Document.Version ?? -1L)];

    private static async Task<FoundRow?> ReadRowAsync(System.Data.Common.DbDataReader row, CancellationToken ct) =>
        await row.ReadAsync(ct).ConfigureAwait(false)
            ? new FoundRow(StoreReader.Int64(row, 0), StoreReader.NullableString(row, 1), StoreReader.NullableString(row, 2),
                StoreReader.NullableString(row, 3), StoreReader.NullableInt64(row, 4) ?? 0, StoreReader.NullableInt64(row, 5))
            : null;

    private StoredDocument? Found((string Collection, string Id) key, KeptText? kept, FoundRow? row)
    {
        if (row is null)
        {
            // Gone (deleted, or erased by retention): its text is not kept in memory either.
            _texts.TryRemove(key, out _);
            return null;
        }

        if (row.Json is null)
        {
            // Only a kept text's own version and stamp match (a stamp is never negative), so the kept text is the stored one.
            return kept!.Document;
        }

        var document = new StoredDocument(key.Collection, key.Id, row.Version, row.Json, row.Key1, row.Key2,
            UnixTime.FromMs(row.UpdatedAt));
        if (row.Stamp is { } stamp)
        {
            if (_texts.Count >= KeptTexts)
            {
                _texts.Clear();
            }

            _texts[key] = new KeptText(stamp, document);
        }

        return document;
    }

    public void ForgetKeptTexts() => _texts.Clear();

    /// <summary>The texts kept in memory now (for tests).</summary>
    internal IEnumerable<string> KeptJson => _texts.Values.Select(t => t.Document.Json);

    public async Task<bool> TryInsertAsync(string collection, string id, string json, string? key1, string? key2,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(collection);
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentException.ThrowIfNullOrEmpty(json);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var inserted = await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO documents (collection, id, version, json, key1, key2, updated_at, stamp)
            VALUES (@collection, @id, 1, @json, @key1, @key2, @now, @stamp)
            ON CONFLICT (collection, id) DO NOTHING
            """, new { collection, id, json, key1, key2, now = UnixTime.ToMs(time.GetUtcNow()), stamp = NewStamp() },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return inserted == 1;
    }

    public async Task<bool> TryUpdateAsync(string collection, string id, long expectedVersion, string json,
        string? key1, string? key2, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(json);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var updated = await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE documents
            SET version = version + 1, json = @json, key1 = @key1, key2 = @key2, updated_at = @now, stamp = @stamp
            WHERE collection = @collection AND id = @id AND version = @expectedVersion
            """, new { collection, id, expectedVersion, json, key1, key2, now = UnixTime.ToMs(time.GetUtcNow()), stamp = NewStamp() },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return updated == 1;
    }

    public async Task<IReadOnlyList<StoredDocument>> ListAsync(string collection, string? key1 = null,
        string? key2 = null, CancellationToken cancellationToken = default)
    {
        // Only the keys given are compared, so a read by a key uses its index (collection, key1 or key2) on both providers; an
        // "@key IS NULL OR" test instead has SQLite read every row of the collection, overflow pages and all.
        var keys = (key1 is null ? string.Empty : " AND key1 = @key1") + (key2 is null ? string.Empty : " AND key2 = @key2");
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition($"""
            SELECT {Columns} FROM documents
            WHERE collection = @collection{keys}
            """, new { collection, key1, key2 }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return InIdOrder(rows);
    }

    public async Task<IReadOnlyList<StoredDocument>> ListForTenantAsync(string collection, string tenantId,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        // Two index reads (ix_documents_tenant_key, ix_documents_tenant); lower() folds ASCII on both providers.
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition($"""
            SELECT {Columns} FROM documents WHERE collection = @collection AND lower(tenant_id) = @tenantKey
            UNION ALL
            SELECT {Columns} FROM documents WHERE collection = @collection AND tenant_id IS NULL
            """, new { collection, tenantKey = TenantKey(tenantId) }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return InIdOrder(rows);
    }

    /// <summary>
    /// Documents by id, compared as the code points they are: the order SQLite gives, and the one PostgreSQL gives only with
    /// the C collation. Ordered here, so a server created with another (en_GB, ICU) lists them in the same order.
    /// </summary>
    private static List<StoredDocument> InIdOrder(IEnumerable<Row> rows) =>
        rows.OrderBy(r => r.Id, StringComparer.Ordinal).Select(r => r.ToDocument()).ToList();

    /// <summary>A tenant id as the tenant indexes hold it: lower case (ASCII; tenant ids are GUIDs).</summary>
    public static string TenantKey(string tenantId)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        return string.Create(tenantId.Length, tenantId, (span, id) =>
        {
            for (var i = 0; i < id.Length; i++)
            {
                span[i] = char.IsAsciiLetterUpper(id[i]) ? (char)(id[i] + 32) : id[i];
            }
        });
    }

    public async Task<bool> DeleteAsync(string collection, string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var deleted = await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM documents WHERE collection = @collection AND id = @id",
            new { collection, id }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return deleted == 1;
    }

    /// <summary>
    /// A new stamp for a document being written: random, so that a document deleted and written again with the same id
    /// and version (even in the same millisecond) never passes for the text kept from before.
    /// </summary>
    public static long NewStamp() => Random.Shared.NextInt64();

    private sealed record KeptText(long Stamp, StoredDocument Document);

    private sealed record FoundRow(long Version, string? Json, string? Key1, string? Key2, long UpdatedAt, long? Stamp);

    private sealed class Row
    {
        public string Collection { get; set; } = "";
        public string Id { get; set; } = "";
        public long Version { get; set; }
        public string Json { get; set; } = "";
        public string? Key1 { get; set; }
        public string? Key2 { get; set; }
        public long UpdatedAt { get; set; }

        public StoredDocument ToDocument() =>
            new(Collection, Id, Version, Json, Key1, Key2, UnixTime.FromMs(UpdatedAt));
    }
}
