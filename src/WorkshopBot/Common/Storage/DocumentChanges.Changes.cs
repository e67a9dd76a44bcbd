// A change to one aggregate: its gate entered (or, for a document entered first or not at all, not entered once the work
// holds another), its read, the domain's change and the record of it for the commit.
using WorkshopBot.Storage;

namespace WorkshopBot.Common.Storage;

public sealed partial class DocumentChanges
{
    /// <summary>Loads, lets the domain change and records the change of one aggregate (see the class summary).</summary>
    public Task<Changed<T, TResult>> ChangeAsync<T, TResult>(DocumentKind<T> kind, string id, Func<T, DomainResult<TResult>> change,
        CancellationToken ct)
        where T : class =>
        ChangeAsync(kind, id, change, first: false, ct);

    private async Task<Changed<T, TResult>> ChangeAsync<T, TResult>(DocumentKind<T> kind, string id,
        Func<T, DomainResult<TResult>> change, bool first, CancellationToken ct)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(change);
        if (!work.TryGet(kind.Collection, id, out var tracked))
        {
            var held = work.Holds(kind.Collection, id);
            var entering = !held && !(first && work.HoldsOtherThan(kind.Collection, id));
            if (entering || held)
            {
                await gates.EnterAsync(work, kind.Collection, id, ct).ConfigureAwait(false);
            }

            var document = await store.GetAsync<T>(kind.Collection, id, cancellationToken: ct).ConfigureAwait(false);
            if (document is null || !Visible(kind, document.Value))
            {
                LetGoOfAnotherOrganisations(entering && document is not null, kind.Collection, id);

                return new Changed<T, TResult>(ChangeStatus.NotFound,
                    DomainResult<TResult>.Fail(DomainErrorKind.NotFound, "Not found."), null);
            }

            tracked = work.Track(kind.Collection, id, document.Value, document.Version, v => Row(kind, (T)v), kind.Watch(document.Value));
        }
        else if (tracked.Deleted)
        {
            return new Changed<T, TResult>(ChangeStatus.NotFound, DomainResult<TResult>.Fail(DomainErrorKind.NotFound, "Not found."), null);
        }

        var value = (T)tracked.Value;
        var result = change(value);
        if (!result.Succeeded)
        {
            return new Changed<T, TResult>(ChangeStatus.Refused, result, value);
        }

        tracked.Changed = true;
        return new Changed<T, TResult>(ChangeStatus.Saved, result, value);
    }

    /// <summary>As <see cref="ChangeAsync{T, TResult}"/> for a change that produces no value.</summary>
    public Task<Changed<T, bool>> ChangeAsync<T>(DocumentKind<T> kind, string id, Func<T, DomainResult> change, CancellationToken ct)
        where T : class =>
        ChangeAsync(kind, id, Done(change), first: false, ct);

    private static Func<T, DomainResult<bool>> Done<T>(Func<T, DomainResult> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return value => change(value) is { Succeeded: false } refused
            ? DomainResult<bool>.From(refused.Error!)
            : DomainResult<bool>.Ok(true);
    }

    /// <summary>
    /// As <see cref="ChangeAsync{T, TResult}"/>, for a document whose gate is entered first or not at all (an audit: see the
    /// order in <see cref="DocumentGates"/>): when this work already holds another document's gate, the change is made on a
    /// read taken without the gate, so this work never waits for a turn that may be waiting for the gate it holds. The
    /// commit still checks the version read: a change made meanwhile is a conflict, and the work runs again.
    /// </summary>
    public Task<Changed<T, TResult>> ChangeFirstAsync<T, TResult>(DocumentKind<T> kind, string id,
        Func<T, DomainResult<TResult>> change, CancellationToken ct)
        where T : class =>
        ChangeAsync(kind, id, change, first: true, ct);

    /// <summary>As <see cref="ChangeFirstAsync{T, TResult}"/> for a change that produces no value.</summary>
    public Task<Changed<T, bool>> ChangeFirstAsync<T>(DocumentKind<T> kind, string id, Func<T, DomainResult> change,
        CancellationToken ct)
        where T : class =>
        ChangeAsync(kind, id, Done(change), first: true, ct);
}
