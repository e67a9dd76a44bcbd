namespace WorkshopBot.Conversations;

/// <summary>
/// Queues concurrent deliveries of the same activity on this instance behind each other, and only those: each activity in
/// flight has a lock of its own, made when its first delivery arrives and dropped when its last one leaves, so nothing
/// grows with traffic and two different activities never wait for each other.
/// </summary>
/// <remarks>
/// The bot used a fixed set of locks chosen by hash before. Two activities that met on one lock waited for each other's
/// whole turn. In production that only cost time, but a turn that itself waits for another turn (a test's seam places
/// another person's press inside a turn) then waited for ever, about once in 4,096 such pairs.
/// </remarks>
public sealed class ActivityGates
{
    private readonly Dictionary<(string Conversation, string Activity), Gate> _gates = [];
    private readonly Lock _sync = new();

    /// <summary>Activities with a delivery in flight or waiting on this instance (for tests and diagnostics).</summary>
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

    public async Task<IDisposable> EnterAsync(string conversationId, string activityId, CancellationToken cancellationToken)
    {
        var key = (conversationId, activityId);
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

        try
        {
            await gate.Turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Leave(key, gate);
            throw;
        }

        return new Release(this, key, gate);
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

        /// <summary>Deliveries holding or waiting for <see cref="Turn"/>; changed only under the gates' lock.</summary>
        public int Users { get; set; }
    }

    private sealed class Release(ActivityGates gates, (string, string) key, Gate gate) : IDisposable
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
