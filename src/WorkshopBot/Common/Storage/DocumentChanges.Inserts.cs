// Adding and deleting whole aggregates in the unit of work.
using WorkshopBot.Storage;

namespace WorkshopBot.Common.Storage;

public sealed partial class DocumentChanges
{
    /// <summary>
    /// Adds a new aggregate to the unit of work; false when this unit of work already has one with that id (one it deleted
    /// is stored again in its place). One stored by someone else in the meantime makes the commit conflict, and the turn
    /// runs again.
    /// </summary>
    public Task<bool> InsertAsync<T>(DocumentKind<T> kind, T value, CancellationToken ct)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(kind);
        if (!Visible(kind, value))
        {
            throw new InvalidOperationException($"A turn may store only its own organisation's {kind.Collection}.");
        }

        var id = kind.Id(value);
        if (work.TryGet(kind.Collection, id, out var tracked))
        {
            if (!tracked.Deleted)
            {
                return Task.FromResult(false);
            }

            tracked.Value = value;
            tracked.Deleted = false;
            tracked.Changed = true;
            return Task.FromResult(true);
        }

        work.Track(kind.Collection, id, value, 0, v => Row(kind, (T)v));
        return Task.FromResult(true);
    }

    /// <summary>
    /// Deletes an aggregate read at <see cref="VersionedDocument{T}.Version"/> with the rest of the unit of work: its later
    /// reads in this unit of work no longer find it, and the commit conflicts (the turn runs again from fresh reads) if
    /// someone changed or deleted it since.
    /// </summary>
    public void Delete<T>(DocumentKind<T> kind, VersionedDocument<T> read)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(read);
        var tracked = work.Track(kind.Collection, read.Id, read.Value, read.Version, v => Row(kind, (T)v));
        tracked.Deleted = true;
        tracked.Changed = true;
    }
}
