// Listing a tenant's aggregates with the unit of work's commit made to depend on the ones a check relied on.
using WorkshopBot.Storage;

namespace WorkshopBot.Common.Storage;

public sealed partial class DocumentChanges
{
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
