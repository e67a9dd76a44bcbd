using WorkshopBot.Storage;

namespace WorkshopBot.Common.Storage;

/// <summary>
/// The one load-change-save of every feature. Changes are not written at once: they join the turn's (or job's)
/// <see cref="UnitOfWork"/>, which commits them together with everything else the turn does (its processed mark,
/// outbox messages and audit entries), each document expecting the version it was read at. When someone else changed a
/// document in between, the whole turn runs again from fresh reads (see TurnCoordinator and WorkRunner); when others
/// keep winning, people get <see cref="ChangedElsewhere"/>. Changes to one document queue on this instance (see
/// <see cref="DocumentGates"/>). Within one unit of work a document is read once and later reads see its changes.
/// In a person's turn every read is limited to that person's organisation (<see cref="UnitOfWork.ActFor"/>): another
/// tenant's aggregate is reported as not there at all, so no handler can forget the check and no answer reveals it.
/// </summary>
public sealed partial class DocumentChanges(IDocumentStore store, UnitOfWork work, DocumentGates gates, DocumentViews? views = null)
{
    /// <summary>The one answer when a change could not be saved because others kept changing the same thing.</summary>
    public const string ChangedElsewhere = "Someone else changed this at the same moment. Nothing was changed; please try again.";

    /// <summary>
    /// The one retry policy: how many times a turn (TurnCoordinator) or a job's step (WorkRunner) runs from fresh reads
    /// when its writes conflicted, before it gives up (a person then gets <see cref="ChangedElsewhere"/>).
    /// </summary>
    public const int MaxAttempts = 5;

    /// <summary>The aggregate, as this unit of work sees it (its own changes included), or null.</summary>
    public async Task<T?> GetAsync<T>(DocumentKind<T> kind, string id, CancellationToken ct)
        where T : class =>
        (await GetVersionedAsync(kind, id, ct).ConfigureAwait(false))?.Value;

    /// <summary>The aggregate with the version this unit of work read it at (its own changes included), or null.</summary>
    public async Task<VersionedDocument<T>?> GetVersionedAsync<T>(DocumentKind<T> kind, string id, CancellationToken ct)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(kind);
        if (work.TryGet(kind.Collection, id, out var tracked))
        {
            return tracked.Deleted ? null : new VersionedDocument<T>(id, tracked.Version, (T)tracked.Value, DateTimeOffset.MinValue);
        }

        var stored = await store.GetAsync<T>(kind.Collection, id, cancellationToken: ct).ConfigureAwait(false);
        return stored is not null && Visible(kind, stored.Value) ? stored : null;
    }

    /// <summary>
    /// As <see cref="GetAsync{T}(DocumentKind{T}, string, CancellationToken)"/>, for reading only: while the stored document
    /// is unchanged, every turn gets the same instance (<see cref="DocumentViews"/>), so the caller must never change it.
    /// This turn's own changes are still seen, and another organisation's aggregate is still not there.
    /// </summary>
    public async Task<T?> ReadOnlyAsync<T>(DocumentKind<T> kind, string id, CancellationToken ct)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(kind);
        if (views is null || work.TryGet(kind.Collection, id, out _))
        {
            return await GetAsync(kind, id, ct).ConfigureAwait(false);
        }

        return ViewOf(kind, id, await store.GetAsync(kind.Collection, id, ct).ConfigureAwait(false));
    }

    /// <summary>
    /// As <see cref="ReadOnlyAsync{T}"/>, with <paramref name="along"/> read in the same round trip (a vote reads its
    /// workshop and the voter's ballot at once), and the turn's replay check when it was left for this read
    /// (<see cref="UnitOfWork.DeferReplayCheck"/>): a replay throws <see cref="ActivityHandledBeforeException"/>, unless
    /// its answer was not kept (<see cref="UnitOfWork.Redelivered"/>). The query is read whatever is found, and the caller
    /// decides what to do with it: it must not reveal any of it when the aggregate is not there. With the value, the stored
    /// version it was read at.
    /// </summary>
    public async Task<(T? Value, long Version, TAlong Along)> ReadOnlyAlongAsync<T, TAlong>(DocumentKind<T> kind, string id,
        StoreQuery<TAlong> along, CancellationToken ct)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(along);
        StoredDocument? stored;
        TAlong result;
        if (work.TakeReplayCheck() is { } check)
        {
            // The turn's replay check rides along too: one round trip for all three.
            (stored, var (earlier, alongResult)) = await store.GetAlongAsync(kind.Collection, id, check.Then(along), ct)
                .ConfigureAwait(false);
            if (earlier is { Afresh: true })
            {
                // Handled before, its answer not kept: the caller answers from this read, and nothing of the turn is stored.
                work.MarkRedelivered();
            }
            else if (earlier is not null)
            {
                throw new ActivityHandledBeforeException(earlier);
            }

            result = alongResult;
        }
        else
        {
            (stored, result) = await store.GetAlongAsync(kind.Collection, id, along, ct).ConfigureAwait(false);
        }

        // The stored version the view was read at (0 for this turn's own copy, or none found): a write that relies on the view
        // being current can make its commit depend on it.
        var value = ViewOf(kind, id, stored);
        return (value, value is null || work.TryGet(kind.Collection, id, out _) ? 0 : stored!.Version, result);
    }

    /// <summary>
    /// The aggregate for reading only: this turn's own version when it has one, else the shared view of what was stored,
    /// unless it is another organisation's.
    /// </summary>
    private T? ViewOf<T>(DocumentKind<T> kind, string id, StoredDocument? stored)
        where T : class
    {
        if (work.TryGet(kind.Collection, id, out var tracked))
        {
            return tracked.Deleted ? null : (T)tracked.Value;
        }

        if (stored is null)
        {
            return null;
        }

        var value = views is null ? DocumentStoreExtensions.Deserialize<T>(stored, null).Value : views.Read<T>(stored);
        return Visible(kind, value) ? value : null;
    }

    /// <summary>
    /// Writes back an aggregate read at <see cref="VersionedDocument{T}.Version"/> as it now is (for setting up a state
    /// directly); the commit conflicts if someone changed it since.
    /// </summary>
    public void Replace<T>(DocumentKind<T> kind, VersionedDocument<T> document)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(document);
        var tracked = work.Track(kind.Collection, document.Id, document.Value, document.Version, v => Row(kind, (T)v));
        tracked.Changed = true;
    }

    /// <summary>
    /// Makes this unit of work's commit depend on a document it only read (a right, or a state it checked): when someone
    /// changed the document since <paramref name="read"/>, the commit is refused as a conflict and the turn runs again
    /// from fresh reads, so a check made on the read cannot be overtaken by a change that lands before the commit.
    /// </summary>
    public void RequireUnchanged<T>(DocumentKind<T> kind, VersionedDocument<T> read)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(read);
        var (collection, id, version) = (kind.Collection, read.Id, read.Version);
        if (version == 0)
        {
            return; // Created by this unit of work: its insert already fails if the id was taken.
        }

        work.Store.Execute($"{collection}/{id} changed since version {version}, which this work relied on", _ =>
        [
            new StoreStatement(
                "UPDATE documents SET version = version WHERE collection = @Collection AND id = @Id AND version = @Version", 1,
                ("@Collection", collection), ("@Id", id), ("@Version", version)),
        ]);
    }

    /// <summary>Aggregates matching the keys (null = any), this unit of work's own inserts and changes included.</summary>
    public async Task<IReadOnlyList<T>> ListAsync<T>(DocumentKind<T> kind, string? key1, string? key2, CancellationToken ct)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(kind);
        var stored = await store.ListAsync<T>(kind.Collection, key1, key2, cancellationToken: ct).ConfigureAwait(false);
        return WithTracked(kind, stored, key1, key2);
    }

    /// <summary>
    /// Aggregates that belong to <paramref name="tenantId"/>, this unit of work's own inserts and changes included, read
    /// by the store's tenant index rather than by listing every tenant's (the same answer as
    /// <see cref="ListAsync{T}(DocumentKind{T}, string?, string?, string?, CancellationToken)"/> with no keys).
    /// </summary>
    public async Task<IReadOnlyList<T>> ListForTenantAsync<T>(DocumentKind<T> kind, string tenantId, CancellationToken ct)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(kind);
        if (kind.Tenant is null || string.IsNullOrEmpty(tenantId) || !System.Text.Ascii.IsValid(tenantId))
        {
            return await ListAsync(kind, null, null, tenantId, ct).ConfigureAwait(false);
        }

        var stored = await store.ListForTenantAsync<T>(kind.Collection, tenantId, cancellationToken: ct).ConfigureAwait(false);
        return WithTracked(kind, stored, null, null).Where(v => kind.BelongsTo(v, tenantId)).ToList();
    }

    private List<T> WithTracked<T>(DocumentKind<T> kind, IReadOnlyList<VersionedDocument<T>> stored, string? key1, string? key2)
        where T : class
    {
        var byId = stored.Where(d => Visible(kind, d.Value)).ToDictionary(d => d.Id, d => d.Value, StringComparer.Ordinal);
        foreach (var tracked in work.TrackedIn(kind.Collection))
        {
            var value = (T)tracked.Value;
            var matches = !tracked.Deleted && (key1 is null || kind.Key1Of(value) == key1) && (key2 is null || kind.Key2Of(value) == key2);
            if (matches)
            {
                byId[tracked.Id] = value;
            }
            else
            {
                byId.Remove(tracked.Id);
            }
        }

        return byId.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Value).ToList();
    }

    /// <summary>
    /// The aggregate only if it belongs to <paramref name="tenantId"/> (for work that names the tenant itself, such as a
    /// job acting for one organisation); otherwise null, exactly as if it did not exist.
    /// </summary>
    public async Task<T?> GetAsync<T>(DocumentKind<T> kind, string id, string? tenantId, CancellationToken ct)
        where T : class
    {
        var value = await GetAsync(kind, id, ct).ConfigureAwait(false);
        return value is not null && kind.BelongsTo(value, tenantId) ? value : null;
    }

    /// <summary>Aggregates matching the keys that belong to <paramref name="tenantId"/>.</summary>
    public async Task<IReadOnlyList<T>> ListAsync<T>(DocumentKind<T> kind, string? key1, string? key2, string? tenantId,
        CancellationToken ct)
        where T : class =>
        (await ListAsync(kind, key1, key2, ct).ConfigureAwait(false)).Where(v => kind.BelongsTo(v, tenantId)).ToList();

    /// <summary>
    /// Everything, for a job; in a person's turn only what belongs to their organisation, and the audit whose content it
    /// holds is noted as one the turn may show (<see cref="UnitOfWork.ShownAudits"/>).
    /// </summary>
    private bool Visible<T>(DocumentKind<T> kind, T value)
    {
        if (!work.ActsForTenant)
        {
            return true;
        }

        if (!kind.BelongsTo(value, work.TenantId))
        {
            return false;
        }

        work.Shows(kind.AuditOf(value));
        return true;
    }
}
