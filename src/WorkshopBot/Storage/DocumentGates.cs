namespace WorkshopBot.Storage;

/// <summary>
/// Queues changes to the same document on this instance, and only those: each document that a turn is changing or
/// waiting to change has a lock of its own (<see cref="KeyedGates{TKey}"/>), so changes to two different documents never
/// wait for each other. A turn holds the gate of each document it changes until its work commits or is abandoned, so a
/// crowd pressing one button does not conflict; a wait longer than <see cref="MaxWait"/> goes ahead without it (the
/// version check still decides), so two turns that touch the same two documents in opposite orders cannot block each
/// other for long.
/// </summary>
/// <remarks>
/// The bot used 1,024 locks chosen by hash before: two unrelated documents that met on one lock made a turn wait for
/// another's whole work (up to <see cref="MaxWait"/>), needless queueing under load, and a turn run inside another turn
/// (a test's seam) waited <see cref="MaxWait"/> whenever its document met the outer turn's on one lock.
/// </remarks>
public sealed class DocumentGates
{
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(3);

    private readonly KeyedGates<(string Collection, string Id)> _gates = new();

    /// <summary>Documents whose gate is held or waited for on this instance (for tests and diagnostics).</summary>
    public int InFlight => _gates.InFlight;

    /// <summary>
    /// Enters the gate of one document for <paramref name="work"/>, which holds it until it commits or is abandoned.
    /// Nothing to wait for when the work already holds that document's gate. A wait that runs out goes ahead without it.
    /// </summary>
    public async Task EnterAsync(UnitOfWork work, string collection, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(collection);
        ArgumentNullException.ThrowIfNull(id);
        if (!work.Holds(collection, id)
            && await _gates.EnterAsync((collection, id), MaxWait, cancellationToken).ConfigureAwait(false) is { } held)
        {
            work.Hold(collection, id, held);
        }
    }
}
