using System.Collections.Concurrent;
using WorkshopBot.Storage;

namespace WorkshopBot.Common.Storage;

/// <summary>
/// The one load-change-save of every feature: read the aggregate, let the domain change it, write it back expecting
/// the version read, and on a concurrent write start again from a fresh read, up to <see cref="MaxAttempts"/> times.
/// Writes to one document queue on this instance first, so a crowd pressing the same button does not race; the version
/// check still guards against other instances. When others keep winning, the answer is <see cref="ChangedElsewhere"/>.
/// </summary>
public sealed class DocumentChanges(IDocumentStore store)
{
    public const int MaxAttempts = 8;

    /// <summary>The one answer when a change could not be saved because others kept changing the same thing.</summary>
    public const string ChangedElsewhere = "Someone else changed this at the same moment. Nothing was changed; please try again.";

    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.Ordinal);

    public async Task<T?> GetAsync<T>(DocumentKind<T> kind, string id, CancellationToken ct)
        where T : class =>
        (await GetVersionedAsync(kind, id, ct).ConfigureAwait(false))?.Value;

    public Task<VersionedDocument<T>?> GetVersionedAsync<T>(DocumentKind<T> kind, string id, CancellationToken ct)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(kind);
        return store.GetAsync<T>(kind.Collection, id, cancellationToken: ct);
    }

    public async Task<IReadOnlyList<T>> ListAsync<T>(DocumentKind<T> kind, string? key1, string? key2, CancellationToken ct)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(kind);
        return (await store.ListAsync<T>(kind.Collection, key1, key2, cancellationToken: ct).ConfigureAwait(false)).Select(d => d.Value).ToList();
    }

    /// <summary>Stores a new aggregate; false when one with the same id exists.</summary>
    public Task<bool> InsertAsync<T>(DocumentKind<T> kind, T value, CancellationToken ct)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(kind);
        return store.InsertAsync(kind.Collection, kind.Id(value), value, kind.Key1Of(value), kind.Key2Of(value), cancellationToken: ct);
    }

    /// <summary>Loads, changes and saves one aggregate with the one retry policy (see the class summary).</summary>
    public async Task<Changed<T, TResult>> ChangeAsync<T, TResult>(DocumentKind<T> kind, string id, Func<T, DomainResult<TResult>> change,
        CancellationToken ct)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(change);
        var gate = _gates.GetOrAdd(kind.Collection + "/" + id, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            T? last = null;
            for (var attempt = 0; attempt < MaxAttempts; attempt++)
            {
                var document = await store.GetAsync<T>(kind.Collection, id, cancellationToken: ct).ConfigureAwait(false);
                if (document is null)
                {
                    return new Changed<T, TResult>(ChangeStatus.NotFound, DomainResult<TResult>.Fail(DomainErrorKind.NotFound, "Not found."), null);
                }

                var value = document.Value;
                var result = change(value);
                if (!result.Succeeded)
                {
                    return new Changed<T, TResult>(ChangeStatus.Refused, result, value);
                }

                if (await store.UpdateAsync(kind.Collection, document.Id, document.Version, value, kind.Key1Of(value), kind.Key2Of(value),
                        cancellationToken: ct).ConfigureAwait(false))
                {
                    return new Changed<T, TResult>(ChangeStatus.Saved, result, value);
                }

                last = value;
            }

            var reread = await store.GetAsync<T>(kind.Collection, id, cancellationToken: ct).ConfigureAwait(false);
            return new Changed<T, TResult>(ChangeStatus.Conflict, DomainResult<TResult>.Fail(DomainErrorKind.Stale, ChangedElsewhere),
                reread?.Value ?? last);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>As <see cref="ChangeAsync{T, TResult}"/> for a change that produces no value.</summary>
    public Task<Changed<T, bool>> ChangeAsync<T>(DocumentKind<T> kind, string id, Func<T, DomainResult> change, CancellationToken ct)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(change);
        return ChangeAsync(kind, id, value => change(value) is { Succeeded: false } refused
            ? DomainResult<bool>.From(refused.Error!)
            : DomainResult<bool>.Ok(true), ct);
    }
}
