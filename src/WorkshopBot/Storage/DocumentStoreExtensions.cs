using System.Text.Json;
using System.Text.Json.Serialization;

namespace WorkshopBot.Storage;

/// <summary>A deserialised document with the version to pass back to an update.</summary>
public sealed record VersionedDocument<T>(string Id, long Version, T Value, DateTimeOffset UpdatedAt);

/// <summary>Typed helpers over <see cref="IDocumentStore"/> using System.Text.Json.</summary>
public static class DocumentStoreExtensions
{
    /// <summary>Web defaults with enums as strings; read-only, so it is safe to share.</summary>
    public static JsonSerializerOptions DefaultJsonOptions { get; } = CreateDefaultJsonOptions();

    public static async Task<VersionedDocument<T>?> GetAsync<T>(this IDocumentStore store, string collection,
        string id, JsonSerializerOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var document = await store.GetAsync(collection, id, cancellationToken).ConfigureAwait(false);
        return document is null ? null : Deserialize<T>(document, options);
    }

    public static Task<bool> InsertAsync<T>(this IDocumentStore store, string collection, string id, T value,
        string? key1 = null, string? key2 = null, JsonSerializerOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.TryInsertAsync(collection, id, JsonSerializer.Serialize(value, options ?? DefaultJsonOptions),
            key1, key2, cancellationToken);
    }

    public static Task<bool> UpdateAsync<T>(this IDocumentStore store, string collection, string id,
        long expectedVersion, T value, string? key1 = null, string? key2 = null,
        JsonSerializerOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.TryUpdateAsync(collection, id, expectedVersion,
            JsonSerializer.Serialize(value, options ?? DefaultJsonOptions), key1, key2, cancellationToken);
    }

    public static async Task<IReadOnlyList<VersionedDocument<T>>> ListAsync<T>(this IDocumentStore store,
        string collection, string? key1 = null, string? key2 = null, JsonSerializerOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var documents = await store.ListAsync(collection, key1, key2, cancellationToken).ConfigureAwait(false);
        return documents.Select(d => Deserialize<T>(d, options)).ToList();
    }

    public static async Task<IReadOnlyList<VersionedDocument<T>>> ListForTenantAsync<T>(this IDocumentStore store,
        string collection, string tenantId, JsonSerializerOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var documents = await store.ListForTenantAsync(collection, tenantId, cancellationToken).ConfigureAwait(false);
        return documents.Select(d => Deserialize<T>(d, options)).ToList();
    }

    /// <summary>
    /// The stored document as <typeparamref name="T"/>, every person in it without a tenant given the document's own
    /// (<see cref="PersonTenants"/>): the one way documents are read.
    /// </summary>
    internal static VersionedDocument<T> Deserialize<T>(StoredDocument document, JsonSerializerOptions? options)
    {
        var value = JsonSerializer.Deserialize<T>(PersonTenants.Filled(document.Json), options ?? DefaultJsonOptions)
            ?? throw new InvalidOperationException(
                $"Document {document.Collection}/{document.Id} holds JSON null, not a {typeof(T).Name}.");
        return new VersionedDocument<T>(document.Id, document.Version, value, document.UpdatedAt);
    }

    private static JsonSerializerOptions CreateDefaultJsonOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            Converters = { new JsonStringEnumConverter() },
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
