using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

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
/// And within one kind: <b>two documents of one kind in the order of their ids, or the later one not waited for.</b> A turn
/// that changes several workshops, returns, alerts, actions or plans (a handover, a withdrawal clearing actions, two audits'
/// documents) enters their gates in the ordinal order of their ids: a listing in id order does it by itself, and
/// <see cref="EnterInOrderAsync"/> enters a set of them in that order at once, before a loop that goes through them in
/// another (a briefing's withdrawal clears actions by number). Two turns that need the same two documents of one kind then
/// meet at the lower one's gate, holding nothing of that kind above it. A turn that asks for a gate below one of that kind
/// it already holds breaks the rule: a debug build (the tests) refuses it at once (<see cref="RefusesOutOfOrder"/>), naming
/// the kind, so a turn written later that does it fails its tests; a release build logs it and does not wait for that gate
/// (taken only if free), so it never waits for a turn that may be waiting for the gate it holds. Two audits' gates follow
/// the same rule (a turn holding an audit's gate reads another audit without its gate, as above). Not covered: documents
/// of two kinds belonging to two audits; no turn was found changing documents of two audits (see the README's "gate").
/// </para>
/// <para>
/// The bot used 1,024 locks chosen by hash before: two unrelated documents that met on one lock made a turn wait for
/// another's whole work (up to <see cref="MaxWait"/>), needless queueing under load, and a turn run inside another turn
/// (a test's seam) waited <see cref="MaxWait"/> whenever its document met the outer turn's on one lock.
/// </para>
/// </remarks>
public sealed partial class DocumentGates(ILogger<DocumentGates>? logger = null)
{
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(3);

    private readonly ILogger _logger = logger ?? NullLogger<DocumentGates>.Instance;

    /// <summary>
    /// True (debug builds, so the tests) when a gate asked for below one of its kind the work already holds is refused with
    /// an exception rather than taken only if free (see the remarks).
    /// </summary>
    internal bool RefusesOutOfOrder { get; init; } =
#if DEBUG
        true;
#else
        false;
#endif

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

        var wait = MaxWait;
        if (work.HoldsAbove(collection, id))
        {
            // Out of the one order (see the remarks): never wait here, for the turn holding this gate may be waiting for ours.
            LogOutOfOrder(collection);
            if (RefusesOutOfOrder)
            {
                throw new InvalidOperationException(
                    $"A turn asked for the gate of a {collection} document below one of that kind it already holds: enter the "
                    + "gates of one kind in the order of their ids (DocumentGates.EnterInOrderAsync).");
            }

            wait = TimeSpan.Zero;
        }

        if (await _gates.EnterAsync((collection, id), wait, cancellationToken).ConfigureAwait(false) is { } held)
        {
            work.Hold(collection, id, held);
        }
        else
        {
            Interlocked.Increment(ref _wentAhead);
        }
    }

    /// <summary>
    /// Enters the gates of several documents of one kind in the order of their ids (ordinal), each as
    /// <see cref="EnterAsync"/>: for a turn that goes on to change them in another order (see the remarks).
    /// </summary>
    public async Task EnterInOrderAsync(UnitOfWork work, string collection, IEnumerable<string> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        foreach (var id in ids.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            await EnterAsync(work, collection, id, cancellationToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(EventId = 1555, Level = LogLevel.Warning,
        Message = "A turn asked for a {Collection} document's gate below one of that kind it holds; it went on without waiting")]
    private partial void LogOutOfOrder(string collection);
}
