// Holding an aggregate that the unit of work goes on to change: its gate first, then its read.
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
    public async Task<VersionedDocument<T>?> HoldAsync<T>(DocumentKind<T> kind, string id, CancellationToken ct)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(kind);
        if (!work.TryGet(kind.Collection, id, out _))
        {
            await gates.EnterAsync(work, kind.Collection, id, ct).ConfigureAwait(false);
        }

        var read = await GetVersionedAsync(kind, id, ct).ConfigureAwait(false);
        if (read is not null)
        {
            RequireUnchanged(kind, read);
        }

        return read;
    }
}
