using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WorkshopBot.Common.Storage;
using WorkshopBot.Storage;

namespace WorkshopBot.Tests.Support;

/// <summary>
/// Where a test steps into the real document store the bot uses: once a turn has read one document, before the turn goes
/// on, the test runs something of its own (another person's press, say), so that it lands between that read and the
/// turn's commit every time, not only when the timing happens to fall that way. What the test runs there acts as another
/// instance would: work it starts meanwhile (in a service scope made while it runs) queues behind gates of its own, not
/// behind this instance's (<see cref="DocumentGates"/>), which the suspended turn may hold and could not let go of; the
/// version check decides between them, as it does between two instances. (Through the same gates, such work waits out
/// <see cref="DocumentGates.MaxWait"/> and then goes ahead, which comes to the same, 3 s later.)
/// </summary>
public sealed class DocumentSeams
{
    private Func<Task>? _afterRead;
    private (string Collection, string Id) _target;
    private int _skip;
    private Func<Task>? _afterList;
    private (string Collection, string? Key1) _listed;
    private Func<Task>? _afterTenantList;
    private string _tenantListed = string.Empty;
    private int _tenantSkip;
    private readonly DocumentGates _otherInstance = new();
    private int _stepping;

    /// <summary>
    /// Runs <paramref name="then"/> once, right after the next read of the document <paramref name="id"/> of
    /// <paramref name="collection"/> (whoever reads it) but the first <paramref name="skip"/>, before that read's answer
    /// is handed back.
    /// </summary>
    public void AfterNextRead(string collection, string id, Func<Task> then, int skip = 0)
    {
        _target = (collection, id);
        Volatile.Write(ref _skip, skip);
        Volatile.Write(ref _afterRead, then);
    }

    /// <summary>True when the step set by <see cref="AfterNextRead"/> has run (or none was set).</summary>
    public bool Ran => Volatile.Read(ref _afterRead) is null;

    /// <summary>
    /// Runs <paramref name="then"/> once, right after the next listing of <paramref name="collection"/> by
    /// <paramref name="key1"/> (whoever lists it), before that listing is handed back.
    /// </summary>
    public void AfterNextList(string collection, string? key1, Func<Task> then)
    {
        _listed = (collection, key1);
        Volatile.Write(ref _afterList, then);
    }

    /// <summary>True when the step set by <see cref="AfterNextList"/> has run (or none was set).</summary>
    public bool ListRan => Volatile.Read(ref _afterList) is null;

    /// <summary>
    /// Runs <paramref name="then"/> once, right after the next listing of one tenant's <paramref name="collection"/> (by the
    /// store's tenant index, whoever lists it) but the first <paramref name="skip"/>, before that listing is handed back.
    /// </summary>
    public void AfterNextTenantList(string collection, Func<Task> then, int skip = 0)
    {
        _tenantListed = collection;
        Volatile.Write(ref _tenantSkip, skip);
        Volatile.Write(ref _afterTenantList, then);
    }

    /// <summary>True when the step set by <see cref="AfterNextTenantList"/> has run (or none was set).</summary>
    public bool TenantListRan => Volatile.Read(ref _afterTenantList) is null;

    /// <summary>Wraps the bot's registered document store (for <see cref="BotTestHostOptions.Services"/>).</summary>
    public void Install(IServiceCollection services)
    {
        var registered = services.Last(d => d.ServiceType == typeof(IDocumentStore) && !d.IsKeyedService);
        services.Remove(registered);
        services.AddSingleton<IDocumentStore>(sp => new Seamed(
            (IDocumentStore)(registered.ImplementationInstance ?? registered.ImplementationFactory?.Invoke(sp)
                ?? ActivatorUtilities.CreateInstance(sp, registered.ImplementationType!)),
            this));
        services.RemoveAll<DocumentChanges>();
        services.AddScoped(sp => new DocumentChanges(sp.GetRequiredService<IDocumentStore>(), sp.GetRequiredService<UnitOfWork>(),
            Volatile.Read(ref _stepping) > 0 ? _otherInstance : sp.GetRequiredService<DocumentGates>(),
            sp.GetService<DocumentViews>()));
    }

    private async Task StepAsync(Func<Task> then)
    {
        Interlocked.Increment(ref _stepping);
        try
        {
            await then();
        }
        finally
        {
            Interlocked.Decrement(ref _stepping);
        }
    }

    private async Task AfterReadAsync(string collection, string id)
    {
        if (_target == (collection, id) && Volatile.Read(ref _afterRead) is not null && Interlocked.Decrement(ref _skip) < 0
            && Interlocked.Exchange(ref _afterRead, null) is { } then)
        {
            await StepAsync(then);
        }
    }

    private async Task AfterListAsync(string collection, string? key1)
    {
        if (_listed == (collection, key1) && Interlocked.Exchange(ref _afterList, null) is { } then)
        {
            await StepAsync(then);
        }
    }

    private async Task AfterTenantListAsync(string collection)
    {
        if (_tenantListed == collection && Volatile.Read(ref _afterTenantList) is not null
            && Interlocked.Decrement(ref _tenantSkip) < 0 && Interlocked.Exchange(ref _afterTenantList, null) is { } then)
        {
            await StepAsync(then);
        }
    }

    private sealed class Seamed(IDocumentStore inner, DocumentSeams seams) : IDocumentStore
    {
        public async Task<StoredDocument?> GetAsync(string collection, string id, CancellationToken cancellationToken = default)
        {
            var read = await inner.GetAsync(collection, id, cancellationToken);
            await seams.AfterReadAsync(collection, id);
            return read;
        }

        public async Task<(StoredDocument? Document, T Along)> GetAlongAsync<T>(string collection, string id, StoreQuery<T> along,
            CancellationToken cancellationToken = default)
        {
            var read = await inner.GetAlongAsync(collection, id, along, cancellationToken);
            await seams.AfterReadAsync(collection, id);
            return read;
        }

        public void ForgetKeptTexts() => inner.ForgetKeptTexts();

        public Task<bool> TryInsertAsync(string collection, string id, string json, string? key1, string? key2,
            CancellationToken cancellationToken = default) => inner.TryInsertAsync(collection, id, json, key1, key2, cancellationToken);

        public Task<bool> TryUpdateAsync(string collection, string id, long expectedVersion, string json, string? key1, string? key2,
            CancellationToken cancellationToken = default) =>
            inner.TryUpdateAsync(collection, id, expectedVersion, json, key1, key2, cancellationToken);

        public async Task<IReadOnlyList<StoredDocument>> ListAsync(string collection, string? key1 = null, string? key2 = null,
            CancellationToken cancellationToken = default)
        {
            var listed = await inner.ListAsync(collection, key1, key2, cancellationToken);
            await seams.AfterListAsync(collection, key1);
            return listed;
        }

        public async Task<IReadOnlyList<StoredDocument>> ListForTenantAsync(string collection, string tenantId,
            CancellationToken cancellationToken = default)
        {
            var listed = await inner.ListForTenantAsync(collection, tenantId, cancellationToken);
            await seams.AfterTenantListAsync(collection);
            return listed;
        }

        public Task<bool> DeleteAsync(string collection, string id, CancellationToken cancellationToken = default) =>
            inner.DeleteAsync(collection, id, cancellationToken);
    }
}
