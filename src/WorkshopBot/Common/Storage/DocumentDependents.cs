using WorkshopBot.Storage;

namespace WorkshopBot.Common.Storage;

/// <summary>
/// Parts of an aggregate that rows outside its document stand for (<see cref="DocumentKind{T}.Dependents"/>): each part
/// named by a key, with a text that changes whenever the part changes in a way those rows must learn of. When a unit of
/// work saves the aggregate, every part whose text differs from the one read (or that is gone) gets
/// <see cref="Moved"/>'s statement, with the version the document is saved at, in the same commit. Parts new in the save
/// get none: nothing outside the document can have relied on them yet.
/// </summary>
public sealed record DocumentDependents<T>(Func<T, IReadOnlyDictionary<string, string>> Parts, Func<string, long, StoreStatement> Moved)
{
    /// <summary>
    /// What a change of the aggregate read as <paramref name="before"/> must also write: given the aggregate as saved and
    /// the version the save makes, the statements of its moved parts.
    /// </summary>
    internal Func<object, long, IReadOnlyList<StoreStatement>> Watch(T before)
    {
        var was = Parts(before);
        return (now, version) =>
        {
            var parts = Parts((T)now);
            var moved = new List<StoreStatement>();
            foreach (var (key, text) in was)
            {
                if (!parts.TryGetValue(key, out var after) || !string.Equals(after, text, StringComparison.Ordinal))
                {
                    moved.Add(Moved(key, version));
                }
            }

            return moved;
        };
    }
}
