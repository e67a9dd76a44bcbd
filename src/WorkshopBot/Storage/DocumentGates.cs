namespace WorkshopBot.Storage;

/// <summary>
/// Queues changes to the same document on this instance, and only those: each document that a turn is changing or
/// waiting to change has a lock of its own (<see cref="KeyedGates{TKey}"/>), so changes to two different documents never
/// wait for each other. A turn holds the gate of each document it changes until its work commits or is abandoned, so a
/// crowd pressing one button does not conflict. A wait longer than <see cref="MaxWait"/> gives up with
/// <see cref="DocumentBusyException"/>: the work reads and changes nothing of the document, and lets go of every gate it
/// holds, so two works that touch the same two documents in opposite orders cannot block each other for long either.
/// </summary>
/// <remarks>
/// The bot used 1,024 locks chosen by hash before: two unrelated documents that met on one lock made a turn wait for
/// another's whole work (up to <see cref="MaxWait"/>), needless queueing under load, and a turn run inside another turn
/// (a test's seam) waited <see cref="MaxWait"/> whenever its document met the outer turn's on one lock.
/// A wait that ran out used to go ahead without the gate: under a long download or a slow commit, a chair's press then
/// ran unqueued, lost to the version check and ran again, queueing once more, and its answer could come after Teams had
/// shown the person an error (about 5 s), who then pressed again. Giving up answers within the invoke's budget
/// (<c>Bot:AnswerWithin</c>, 4 s) with nothing changed. A turn run inside another turn that holds the same document (a
/// test's seam) therefore cannot wait for it: such tests run the inner turn as another instance's (DocumentSeams).
/// </remarks>
public sealed class DocumentGates
{
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(3);

    private readonly KeyedGates<(string Collection, string Id)> _gates = new();

    /// <summary>Documents whose gate is held or waited for on this instance (for tests and diagnostics).</summary>
    public int InFlight => _gates.InFlight;

    /// <summary>
    /// Enters the gate of one document for <paramref name="work"/>, which holds it until it commits or is abandoned.
    /// Nothing to wait for when the work already holds that document's gate. A wait that runs out throws
    /// <see cref="DocumentBusyException"/> and leaves nothing behind.
    /// </summary>
    public async Task EnterAsync(UnitOfWork work, string collection, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(collection);
        ArgumentNullException.ThrowIfNull(id);
        if (work.Holds(collection, id))
        {
            return;
        }

        var held = await _gates.EnterAsync((collection, id), MaxWait, cancellationToken).ConfigureAwait(false)
            ?? throw new DocumentBusyException(collection, id);
        work.Hold(collection, id, held);
    }
}
