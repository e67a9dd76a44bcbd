using WorkshopBot.Storage;

namespace WorkshopBot.Common.Storage;

/// <summary>
/// Parts of an aggregate that rows outside its document stand for (<see cref="DocumentKind{T}.Dependents"/>): each part
/// named by a key, with a text that changes whenever the part changes in a way those rows must learn of. When a unit of
/// work saves the aggregate, every part whose text differs from the one read (or that is gone) gets
/// <see cref="Moved"/>'s statements for the store's provider, with the version the document is saved at, in the same
/// commit, the parts in the ordinal order of their keys (so saves that take locks per part take them in one order).
/// Parts new in the save get none: nothing outside the document can have relied on them yet.
/// </summary>
public sealed record DocumentDependents<T>(
    Func<T, IReadOnlyDictionary<string, string>> Parts,
    Func<string, long, StorageProvider, IReadOnlyList<StoreStatement>> Moved)
{
    /// <summary>
    /// What a change of the aggregate read as <paramref name="before"/> must also write: given the aggregate as saved and
    /// the version the save makes, the statements of its moved parts for a provider, or null when no part moved.
    /// </summary>
    internal Func<object, long, Func<StorageProvider, IReadOnlyList<StoreStatement>>?> Watch(T before)
    {
        var was = Parts(before);
        return (now, version) =>
        {
            var parts = Parts((T)now);
            var moved = new List<string>();
            foreach (var (key, text) in was)
            {
                if (!parts.TryGetValue(key, out var after) || !string.Equals(after, text, StringComparison.Ordinal))
                {
                    moved.Add(key);
                }
            }

            if (moved.Count == 0)
            {
                return null;
            }

            moved.Sort(StringComparer.Ordinal);
            return provider => moved.SelectMany(key => Moved(key, version, provider)).ToList();
        };
    }
}
