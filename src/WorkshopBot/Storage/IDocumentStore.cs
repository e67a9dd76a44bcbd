namespace WorkshopBot.Storage;

/// <summary>A stored JSON document. <see cref="Version"/> starts at 1 and grows by one on each update.</summary>
public sealed record StoredDocument(
    string Collection,
    string Id,
    long Version,
    string Json,
    string? Key1,
    string? Key2,
    DateTimeOffset UpdatedAt);

/// <summary>
/// A small JSON document store for aggregates with optimistic concurrency: read a version, write back expecting
/// it, retry from a fresh read when the write is refused. Key1/Key2 are caller-chosen lookup keys
/// (e.g. tenant id, audit id) that <see cref="ListAsync"/> can filter on.
/// </summary>
public interface IDocumentStore
{
    Task<StoredDocument?> GetAsync(string collection, string id, CancellationToken cancellationToken = default);

    /// <summary>
    /// As <see cref="GetAsync"/>, and <paramref name="along"/> in the same round trip (each statement still reads what
    /// was committed when it ran). Its parameters must not be named as the document read's: collection, id, stamp, version.
    /// </summary>
    Task<(StoredDocument? Document, T Along)> GetAlongAsync<T>(string collection, string id, StoreQuery<T> along,
        CancellationToken cancellationToken = default);

    /// <summary>Inserts at version 1; false if the id is taken in the collection.</summary>
    Task<bool> TryInsertAsync(string collection, string id, string json, string? key1, string? key2,
        CancellationToken cancellationToken = default);

    /// <summary>Replaces the document and bumps the version; false if the stored version is not the expected one.</summary>
    Task<bool> TryUpdateAsync(string collection, string id, long expectedVersion, string json, string? key1,
        string? key2, CancellationToken cancellationToken = default);

    /// <summary>
    /// Lets go of every document text kept in memory from earlier reads (see SqlDocumentStore): after a retention purge,
    /// whose rows went by statements of their own, no copy of them stays in the process either.
    /// </summary>
    void ForgetKeptTexts();

    /// <summary>Documents of the collection matching every key given (null = any), ordered by id (ordinal).</summary>
    Task<IReadOnlyList<StoredDocument>> ListAsync(string collection, string? key1 = null, string? key2 = null,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Documents of the collection recorded for the tenant (its id compared without regard to ASCII case), and those that
    /// record no tenant (written before tenants were recorded, or not through a unit of work), ordered by id. A read by
    /// index: other tenants' documents are not read. The caller checks the ones without a tenant.
    /// </summary>
    Task<IReadOnlyList<StoredDocument>> ListForTenantAsync(string collection, string tenantId,
        CancellationToken cancellationToken = default);

    /// <summary>Removes the document; false if it did not exist.</summary>
    Task<bool> DeleteAsync(string collection, string id, CancellationToken cancellationToken = default);
}
