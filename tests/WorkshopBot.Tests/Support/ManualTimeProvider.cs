namespace WorkshopBot.Tests.Support;

/// <summary>
/// A TimeProvider whose clock moves only when told (<see cref="Advance"/>), or, with <see cref="AutoAdvance"/>,
/// jumps forward by each timer's due time as soon as the timer is created (so delays complete at once while the
/// clock still shows them). Records every timer due time in <see cref="RequestedDelays"/>.
/// </summary>
public sealed class ManualTimeProvider : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<ManualTimer> _timers = [];
    private readonly List<TimeSpan> _requestedDelays = [];
    private DateTimeOffset _now;

    public ManualTimeProvider(DateTimeOffset? start = null)
    {
        _now = start ?? new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    }

    public bool AutoAdvance { get; set; }

    public IReadOnlyList<TimeSpan> RequestedDelays
    {
        get
        {
            lock (_gate)
            {
                return [.. _requestedDelays];
            }
        }
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        List<ManualTimer> due;
        lock (_gate)
        {
            _now += by;
            due = [.. _timers.Where(t => t.DueAt <= _now)];
        }

        foreach (var timer in due)
        {
            timer.Fire();
        }
    }

    public void SetUtcNow(DateTimeOffset to) => Advance(to - GetUtcNow());

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        lock (_gate)
        {
            _requestedDelays.Add(dueTime);
        }

        timer.Change(dueTime, period);
        if (AutoAdvance && dueTime > TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan)
        {
            Advance(dueTime);
        }

        return timer;
    }

    private void Schedule(ManualTimer timer, bool active)
    {
        List<ManualTimer>? fireNow = null;
        lock (_gate)
        {
            _timers.Remove(timer);
            if (active)
            {
                if (timer.DueAt <= _now)
                {
                    fireNow = [timer];
                }
                else
                {
                    _timers.Add(timer);
                }
            }
        }

        fireNow?.ForEach(t => t.Fire());
    }

    private sealed class ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        private TimeSpan _period = Timeout.InfiniteTimeSpan;

        public DateTimeOffset DueAt { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            _period = period;
            if (dueTime == Timeout.InfiniteTimeSpan)
            {
                owner.Schedule(this, active: false);
                return true;
            }

            DueAt = owner.GetUtcNow() + dueTime;
            owner.Schedule(this, active: true);
            return true;
        }

        public void Fire()
        {
            // Off the caller's stack, like a real timer, so continuations never run inside Advance's lock-free loop.
            ThreadPool.UnsafeQueueUserWorkItem(_ => callback(state), null);
            if (_period > TimeSpan.Zero && _period != Timeout.InfiniteTimeSpan)
            {
                Change(_period, _period);
            }
            else
            {
                owner.Schedule(this, active: false);
            }
        }

        public void Dispose() => owner.Schedule(this, active: false);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
