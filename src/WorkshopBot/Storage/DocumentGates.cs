namespace WorkshopBot.Storage;

/// <summary>
/// Queues changes to the same document on this instance, and only those: each document that a turn is changing or
/// waiting to change has a lock of its own, made on its first use and dropped when its last holder or waiter leaves, so
/// nothing grows with traffic and changes to two different documents never wait for each other. A turn holds the gate of
/// each document it changes until its work commits or is abandoned, so a crowd pressing one button does not conflict; a
/// wait longer than <see cref="MaxWait"/> goes ahead without it (the version check still decides), so two turns that
/// touch the same two documents in opposite orders cannot block each other for long.
/// </summary>
/// <remarks>
/// The bot used 1,024 locks chosen by hash before: two unrelated documents that met on one lock made a turn wait for
/// another's whole work (up to <see cref="MaxWait"/>), needless queueing under load, and a turn run inside another turn
/// (a test's seam) waited <see cref="MaxWait"/> whenever its document met the outer turn's on one lock.
/// </remarks>
public sealed class DocumentGates
{
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(3);

    private readonly Dictionary<(string Collection, string Id), Gate> _gates = [];
    private readonly Lock _sync = new();

    /// <summary>Documents whose gate is held or waited for on this instance (for tests and diagnostics).</summary>
    public int InFlight
    {
        get
        {
            lock (_sync)
            {
                return _gates.Count;
            }
        }
    }

    /// <summary>
    /// Enters the gate of one document for <paramref name="work"/>, which holds it until it commits or is abandoned.
    /// Nothing to wait for when the work already holds that document's gate.
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

        var key = (collection, id);
        Gate gate;
        lock (_sync)
        {
            if (!_gates.TryGetValue(key, out gate!))
            {
                gate = new Gate();
                _gates.Add(key, gate);
            }

            gate.Users++;
        }

        bool entered;
        try
        {
            entered = await gate.Turn.WaitAsync(MaxWait, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Leave(key, gate);
            throw;
        }

        if (entered)
        {
            work.Hold(collection, id, new Release(this, key, gate));
        }
        else
        {
            // Waited too long: the work goes ahead without the gate, and no longer counts as one of its users.
            Leave(key, gate);
        }
    }

    private void Leave((string, string) key, Gate gate)
    {
        lock (_sync)
        {
            if (--gate.Users == 0)
            {
                _gates.Remove(key);
            }
        }
    }

    private sealed class Gate
    {
        public SemaphoreSlim Turn { get; } = new(1, 1);

        /// <summary>Works holding or waiting for <see cref="Turn"/>; changed only under the gates' lock.</summary>
        public int Users { get; set; }
    }

    private sealed class Release(DocumentGates gates, (string, string) key, Gate gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Turn.Release();
                gates.Leave(key, gate);
            }
        }
    }
}
