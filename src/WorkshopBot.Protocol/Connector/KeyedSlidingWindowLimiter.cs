namespace WorkshopBot.Protocol.Connector;

/// <summary>One limit: at most <paramref name="Limit"/> permits in any window of <paramref name="Window"/>.</summary>
public readonly record struct RateWindow(int Limit, TimeSpan Window);

/// <summary>
/// A permit taken for <paramref name="Key"/> at <paramref name="SlotTicks"/>, after waiting <paramref name="Waited"/>;
/// <paramref name="Number"/> tells it from another permit of the key at the same slot (the windows may have room for
/// several at one instant).
/// </summary>
public readonly record struct RateGrant(string Key, long SlotTicks, TimeSpan Waited, long Number = 0);

/// <summary>
/// Sliding-window limiter per key with several windows at once. <see cref="AcquireAsync(string, CancellationToken)"/>
/// reserves the earliest instant at which every window has room and waits (on the <see cref="TimeProvider"/>) until
/// then, so callers are served in arrival order. A server's Retry-After is remembered per key (<see cref="Defer"/>),
/// so the next caller for that key waits too, whichever request or turn it comes from. Keys idle for longer than the
/// largest window are forgotten. A permit taken with <see cref="ReserveAsync"/> is counted from the server's answer
/// (<see cref="Settle"/>), and a later one waits for that answer where it needs it (KeyedSlidingWindowLimiter.Answers.cs).
/// </summary>
public partial class KeyedSlidingWindowLimiter
{
    private const int SweepThreshold = 1024;

    private readonly TimeProvider _time;
    private readonly RateWindow[] _windows;
    private readonly long _horizonTicks;
    private readonly int _maxKept;
    // Each key's permits in the order they were reserved (so their slots never decrease).
    private readonly Dictionary<string, List<Grant>> _grants = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _notBefore = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private long _nextSweepTicks;
    private long _lastNumber;

    /// <param name="safetyMargin">Added to every window to absorb uneven network delays between here and the server.</param>
    public KeyedSlidingWindowLimiter(IEnumerable<RateWindow> windows, TimeSpan safetyMargin, TimeProvider timeProvider)
    {
        _time = timeProvider;
        _windows = [.. windows.Select(w => w with { Window = w.Window + safetyMargin })];
        if (_windows.Length == 0 || _windows.Any(w => w.Limit < 1 || w.Window <= TimeSpan.Zero))
        {
            throw new ArgumentException("At least one window with a positive limit and duration is required.", nameof(windows));
        }

        _horizonTicks = _windows.Max(w => w.Window.Ticks);
        _maxKept = _windows.Max(w => w.Limit);
    }

    /// <summary>Number of keys currently tracked (for tests and metrics).</summary>
    public int TrackedKeys
    {
        get
        {
            lock (_gate)
            {
                return _grants.Count;
            }
        }
    }

    /// <summary>Waits until a permit for <paramref name="key"/> is free; returns how long it waited.</summary>
    public ValueTask<TimeSpan> AcquireAsync(string key, CancellationToken cancellationToken) =>
        AcquireAsync(key, TimeSpan.MaxValue, cancellationToken);

    /// <summary>
    /// Waits until a permit for <paramref name="key"/> is free, but not longer than <paramref name="maxWait"/>: when the
    /// free slot is further away, nothing is reserved and <see cref="RateLimitedException"/> says when to come back.
    /// </summary>
    public async ValueTask<TimeSpan> AcquireAsync(string key, TimeSpan maxWait, CancellationToken cancellationToken) =>
        (await TakeAsync(key, maxWait, settled: true, cancellationToken).ConfigureAwait(false)).Waited;

    /// <summary>
    /// As <see cref="AcquireAsync(string, TimeSpan, CancellationToken)"/>, returning the permit so that the caller can
    /// <see cref="Settle"/> it once the server has answered, which the caller must do whatever happens to the request:
    /// until then the permit may still arrive at the server, so a later permit that needs its time waits for the answer.
    /// </summary>
    public async ValueTask<RateGrant> ReserveAsync(string key, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        var grant = await TakeAsync(key, maxWait, settled: false, cancellationToken).ConfigureAwait(false);
        try
        {
            return await AfterEarlierAnswersAsync(grant, maxWait, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Nothing was sent: counted from now, so that later permits need not wait for an answer that never comes.
            Settle(grant);
            throw;
        }
    }

    private async ValueTask<RateGrant> TakeAsync(string key, TimeSpan maxWait, bool settled, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        var now = _time.GetUtcNow().UtcTicks;
        var maxTicks = maxWait == TimeSpan.MaxValue ? long.MaxValue : now + Math.Max(0, maxWait.Ticks);
        var (at, number) = Reserve(key, now, maxTicks, settled);
        if (at > maxTicks)
        {
            throw new RateLimitedException(key, new DateTimeOffset(at, TimeSpan.Zero));
        }

        var grant = new RateGrant(key, at, TimeSpan.Zero, number);
        var delay = TimeSpan.FromTicks(at - now);
        if (delay > TimeSpan.Zero)
        {
            // A cancelled wait of a settled permit keeps its reserved slot: slightly conservative, never over the limit.
            try
            {
                await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!settled)
            {
                Settle(grant);
                throw;
            }
        }

        return grant with { Waited = delay };
    }

    /// <summary>
    /// Counts <paramref name="grant"/> from now instead of from when it was taken: the server counted the request when
    /// it arrived, somewhere between the two, and on a busy machine or network that can be well after the slot. Called
    /// once the answer is in, it keeps the next request of a conversation sent in order within the server's own windows
    /// however long the request was on its way.
    /// </summary>
    public void Settle(RateGrant grant)
    {
        var now = _time.GetUtcNow().UtcTicks;
        TaskCompletionSource answered;
        lock (_gate)
        {
            if (grant.Key is null || !_grants.TryGetValue(grant.Key, out var grants)
                || OpenIndex(grants, grant) is not { } index)
            {
                return;
            }

            grants[index].Open = false;
            grants[index].Counted = Math.Max(now, grants[index].Slot);
            answered = _answered;
            _answered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        answered.TrySetResult();
    }

    /// <summary>
    /// Nothing more for <paramref name="key"/> before <paramref name="until"/> (a server's Retry-After). Later calls
    /// only ever push the time further out.
    /// </summary>
    public void Defer(string key, DateTimeOffset until)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_gate)
        {
            var ticks = until.UtcTicks;
            if (!_notBefore.TryGetValue(key, out var current) || current < ticks)
            {
                _notBefore[key] = ticks;
            }
        }
    }

    /// <summary>The earliest time a permit for <paramref name="key"/> could be had now (nothing is reserved).</summary>
    public DateTimeOffset FreeAt(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var now = _time.GetUtcNow().UtcTicks;
        lock (_gate)
        {
            return new DateTimeOffset(EarliestSlot(key, now), TimeSpan.Zero);
        }
    }

    private long EarliestSlot(string key, long now)
    {
        var at = _notBefore.TryGetValue(key, out var notBefore) ? Math.Max(now, notBefore) : now;
        if (!_grants.TryGetValue(key, out var grants))
        {
            return at;
        }

        if (grants.Count > 0)
        {
            // First come, first served: never before the last slot reserved.
            at = Math.Max(at, grants[^1].Slot);
        }

        // A permit not yet answered counts from its slot here: where that was too early, it waits before it is sent
        // (AfterEarlierAnswersAsync).
        return Math.Max(at, WindowsFreeAt([.. grants.Select(g => g.Counted)]));
    }

    /// <summary>
    /// Reserves the earliest slot if it is not after <paramref name="latest"/>; returns the slot either way, and the permit's
    /// number (0 when nothing was reserved).
    /// </summary>
    private (long At, long Number) Reserve(string key, long now, long latest, bool settled)
    {
        lock (_gate)
        {
            if (now >= _nextSweepTicks || _grants.Count > SweepThreshold)
            {
                Sweep(now);
            }

            var at = EarliestSlot(key, now);
            if (at > latest)
            {
                return (at, 0);
            }

            if (!_grants.TryGetValue(key, out var grants))
            {
                grants = [];
                _grants[key] = grants;
            }

            var number = ++_lastNumber;
            grants.Add(new Grant(at, number, !settled));
            Trim(grants, at);
            return (at, number);
        }
    }

    private void Sweep(long now)
    {
        List<string>? idle = null;
        foreach (var (key, grants) in _grants)
        {
            if (grants.Count == 0 || grants.All(g => !g.Open && g.Counted <= now - _horizonTicks))
            {
                (idle ??= []).Add(key);
            }
        }

        if (idle is not null)
        {
            foreach (var key in idle)
            {
                _grants.Remove(key);
            }
        }

        foreach (var key in _notBefore.Where(n => n.Value <= now).Select(n => n.Key).ToList())
        {
            _notBefore.Remove(key);
        }

        _nextSweepTicks = now + _horizonTicks;
    }
}
