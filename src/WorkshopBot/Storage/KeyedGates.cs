namespace WorkshopBot.Storage;

/// <summary>
/// A lock per key in use: made when the first holder or waiter of a key arrives and dropped when its last one leaves, so
/// nothing grows with traffic and holders of two different keys never wait for each other (a fixed set of locks chosen
/// by hash, used before, made unrelated work wait, and a turn run inside another turn could wait for ever).
/// </summary>
public sealed class KeyedGates<TKey>
    where TKey : notnull
{
    private readonly Dictionary<TKey, Gate> _gates = [];
    private readonly Lock _sync = new();
    private int _waiting;

    /// <summary>Keys whose gate is held or waited for (for tests and diagnostics).</summary>
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

    /// <summary>Callers waiting for a gate another holds, not yet in (for tests and diagnostics).</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>
    /// Enters the gate of <paramref name="key"/>, waiting at most <paramref name="timeout"/>
    /// (<see cref="Timeout.InfiniteTimeSpan"/> for no limit). Returns what releases it, or null when the wait ran out; a
    /// wait that runs out or is cancelled leaves nothing behind.
    /// </summary>
    public async Task<IDisposable?> EnterAsync(TKey key, TimeSpan timeout, CancellationToken cancellationToken)
    {
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
        var wait = gate.Turn.WaitAsync(timeout, cancellationToken);
        var waiting = !wait.IsCompleted;
        if (waiting)
        {
            Interlocked.Increment(ref _waiting);
        }

        try
        {
            entered = await wait.ConfigureAwait(false);
        }
        catch
        {
            Leave(key, gate);
            throw;
        }
        finally
        {
            if (waiting)
            {
                Interlocked.Decrement(ref _waiting);
            }
        }

        if (!entered)
        {
            Leave(key, gate);
            return null;
        }

        return new Release(this, key, gate);
    }

    private void Leave(TKey key, Gate gate)
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

        /// <summary>Holders and waiters of <see cref="Turn"/>; changed only under the gates' lock.</summary>
        public int Users { get; set; }
    }

    private sealed class Release(KeyedGates<TKey> gates, TKey key, Gate gate) : IDisposable
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
