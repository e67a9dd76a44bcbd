// Holding aggregates the unit of work relies on: one it goes on to change (its gate first, then its read), and a tenant's
// listing whose picked aggregates a check relied on.
using WorkshopBot.Storage;

namespace WorkshopBot.Common.Storage;

public sealed partial class DocumentChanges
{
    /// <summary>
    /// The aggregate with its version (as <see cref="GetVersionedAsync{T}"/>), read for a change this unit of work goes on
    /// to make, with its commit made to depend on it (<see cref="RequireUnchanged{T}"/>). The document's gate is entered
    /// before the read, as <see cref="ChangeAsync{T, TResult}"/> does, so changes to it on this instance wait until this
    /// work commits and the read is still the stored version then. Read before the gate, the check lost to every change that
    /// committed while the work waited at the gate (an idea added, another press of the chair's), the turn ran again, and
    /// its fresh read lost again to the next change in the queue: under load a press ran out of attempts. Another
    /// instance's change is still found by the version check.
    /// </summary>
    public Task<VersionedDocument<T>?> HoldAsync<T>(DocumentKind<T> kind, string id, CancellationToken ct)
        where T : class =>
        HoldAsync(kind, id, first: false, ct);

    /// <summary>
    /// Enters the gates of several aggregates of one kind in the order of their ids, before a change to each made in another
    /// order (the one order within a kind: see <see cref="DocumentGates"/>); their reads and changes follow as usual.
    /// </summary>
    public Task EnterInOrderAsync<T>(DocumentKind<T> kind, IEnumerable<string> ids, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(kind);
        return gates.EnterInOrderAsync(work, kind.Collection, ids, ct);
    }

    /// <summary>
    /// As <see cref="HoldAsync{T}"/>, for a document whose gate is entered first or not at all (an audit: see the order in
    /// <see cref="DocumentGates"/>): when this work already holds another document's gate, the read is made without the gate,
    /// its commit still depending on it, so this work never waits for a turn that may be waiting for the gate it holds.
    /// </summary>
    public Task<VersionedDocument<T>?> HoldFirstAsync<T>(DocumentKind<T> kind, string id, CancellationToken ct)
        where T : class =>
        HoldAsync(kind, id, first: true, ct);

    private async Task<VersionedDocument<T>?> HoldAsync<T>(DocumentKind<T> kind, string id, bool first, CancellationToken ct)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(kind);
        if (work.TryGet(kind.Collection, id, out _))
        {
            return await HeldAsync(kind, id, ct).ConfigureAwait(false);
        }

        var entering = !work.Holds(kind.Collection, id) && !(first && work.HoldsOtherThan(kind.Collection, id));
        if (entering)
        {
            await gates.EnterAsync(work, kind.Collection, id, ct).ConfigureAwait(false);
        }

        var read = await HeldAsync(kind, id, ct).ConfigureAwait(false);
        if (read is null && entering && work.ActsForTenant
            && await store.GetAsync(kind.Collection, id, ct).ConfigureAwait(false) is not null)
        {
            LetGoOfAnotherOrganisations(true, kind.Collection, id);
        }

        return read;
    }

    /// <summary>
    /// When <paramref name="found"/> (a document of another organisation, whose gate this turn has just entered): lets go of
    /// the gate at once, since the turn changes nothing of it, so a turn naming another organisation's document keeps none of
    /// its changes waiting. One not there at all stays held: a turn may go on to create it.
    /// </summary>
    private void LetGoOfAnotherOrganisations(bool found, string collection, string id)
    {
        if (found)
        {
            work.Release(collection, id);
        }
    }

    private static UnitOfWork.DocumentRow Row<T>(DocumentKind<T> kind, T value) =>
        new(System.Text.Json.JsonSerializer.Serialize(value, DocumentStoreExtensions.DefaultJsonOptions), kind.Key1Of(value),
            kind.Key2Of(value), kind.TenantOf(value));

    private async Task<VersionedDocument<T>?> HeldAsync<T>(DocumentKind<T> kind, string id, CancellationToken ct)
        where T : class
    {
        var read = await GetVersionedAsync(kind, id, ct).ConfigureAwait(false);
        if (read is not null)
        {
            RequireUnchanged(kind, read);
        }

        return read;
    }

    /// <summary>
    /// As <see cref="ListForTenantAsync{T}"/>, and each aggregate <paramref name="held"/> picks is held as it was listed
    /// (<see cref="RequireUnchanged{T}"/>): when one of them changes before the commit, the commit is refused as a conflict
    /// and the work runs again from fresh reads. For a check made on the listing (which audits a person chairs, say) that
    /// a change landing before the commit must not overtake. This unit of work's own copies are not held again.
    /// </summary>
    public async Task<IReadOnlyList<T>> ListForTenantHoldingAsync<T>(DocumentKind<T> kind, string tenantId, Func<T, bool> held,
        CancellationToken ct)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(held);
        var stored = kind.Tenant is null || string.IsNullOrEmpty(tenantId) || !System.Text.Ascii.IsValid(tenantId)
            ? await store.ListAsync<T>(kind.Collection, null, null, cancellationToken: ct).ConfigureAwait(false)
            : await store.ListForTenantAsync<T>(kind.Collection, tenantId, cancellationToken: ct).ConfigureAwait(false);
        var listed = WithTracked(kind, stored, null, null).Where(v => kind.BelongsTo(v, tenantId)).ToList();
        var shown = listed.ToHashSet(ReferenceEqualityComparer.Instance);
        foreach (var document in stored.Where(d => shown.Contains(d.Value) && held(d.Value)))
        {
            RequireUnchanged(kind, document);
        }

        return listed;
    }
}
