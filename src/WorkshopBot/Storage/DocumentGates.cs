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
/// <para>
/// The one order for a turn that touches several documents: <b>the audit's gate first, or not at all.</b> A turn that
/// queues on an audit enters its gate before any other document's (then the workshop's, briefing's, action plan's,
/// action's or return's it changes, in any order); a turn that already holds another document's gate does not wait for an
/// audit's: it reads the audit with its commit depending on that read and no gate (AuditStore.RequireAuditAsync), and
/// AuditStore.HoldAuditAsync does exactly that by itself when the turn already holds another gate
/// (<see cref="WorkshopBot.Common.Storage.DocumentChanges.HoldFirstAsync{T}"/>). Every turn that holds two gates of one
/// audit's documents then holds the audit's, so two of them meet at the audit's gate holding nothing else, and none waits
/// for another that waits for it. Broken, a turn holding the plan waited for the audit while one holding the audit waited for the
/// plan, both until <see cref="MaxWait"/> ran out, and went ahead unqueued: under a crowd a press then lost the version
/// check five times and was refused (a workshop and its audit, fixed first; then the action plans' chair screens and a
/// discussion recorded on a briefing).
/// </para>
/// <para>
/// The bot used 1,024 locks chosen by hash before: two unrelated documents that met on one lock made a turn wait for
/// another's whole work (up to <see cref="MaxWait"/>), needless queueing under load, and a turn run inside another turn
/// (a test's seam) waited <see cref="MaxWait"/> whenever its document met the outer turn's on one lock.
/// </para>
/// </remarks>
public sealed class DocumentGates
{
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(3);

    private readonly KeyedGates<(string Collection, string Id)> _gates = new();

    /// <summary>Documents whose gate is held or waited for on this instance (for tests and diagnostics).</summary>
    public int InFlight => _gates.InFlight;

    /// <summary>Turns waiting for a gate another holds (for tests and diagnostics).</summary>
    public int Waiting => _gates.Waiting;

    /// <summary>
    /// Waits that ran out (<see cref="MaxWait"/>) and went ahead without the gate, since start (for tests and diagnostics).
    /// </summary>
    public long WentAheadUnqueued => Interlocked.Read(ref _wentAhead);

    private long _wentAhead;

    /// <summary>
    /// Enters the gate of one document for <paramref name="work"/>, which holds it until it commits or is abandoned.
    /// Nothing to wait for when the work already holds that document's gate. A wait that runs out goes ahead without it.
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

        if (await _gates.EnterAsync((collection, id), MaxWait, cancellationToken).ConfigureAwait(false) is { } held)
        {
            work.Hold(collection, id, held);
        }
        else
        {
            Interlocked.Increment(ref _wentAhead);
        }
    }
}
