namespace WorkshopBot.Tests.Audits.EndToEnd;

/// <summary>
/// A clock that moves when the test says, except that short waits (rate-limit and retry pauses, up to
/// <see cref="ShortWait"/>) complete at once and move the clock by their length. Long timers (other features'
/// background loops) fire only when the test advances past them, so they cannot race the clock forward.
/// </summary>
internal sealed class AuditTestClock(DateTimeOffset start) : TimeProvider
{
    public static readonly TimeSpan ShortWait = TimeSpan.FromSeconds(30);

    private readonly Lock _gate = new();
    private readonly List<Timer> _timers = [];
    private DateTimeOffset _now = start;

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
        List<Timer> due;
        lock (_gate)
        {
            _now += by;
            due = [.. _timers.Where(t => t.DueAt <= _now)];
            _timers.RemoveAll(due.Contains);
        }

        foreach (var timer in due)
        {
            timer.Fire();
        }
    }

    public void SetUtcNow(DateTimeOffset to) => Advance(to - GetUtcNow());

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new Timer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    private void Schedule(Timer timer, TimeSpan dueTime)
    {
        lock (_gate)
        {
            _timers.Remove(timer);
            if (dueTime == Timeout.InfiniteTimeSpan)
            {
                return;
            }

            if (dueTime <= ShortWait)
            {
                _now += dueTime < TimeSpan.Zero ? TimeSpan.Zero : dueTime;
                timer.DueAt = _now;
            }
            else
            {
                timer.DueAt = _now + dueTime;
                _timers.Add(timer);
                return;
            }
        }

        timer.Fire();
    }

    private sealed class Timer(AuditTestClock owner, TimerCallback callback, object? state) : ITimer
    {
        public DateTimeOffset DueAt { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            // Periodic timers are treated as one-shot; nothing in the bot relies on a period with this clock.
            owner.Schedule(this, dueTime);
            return true;
        }

        public void Fire() => ThreadPool.UnsafeQueueUserWorkItem(_ => callback(state), null);

        public void Dispose() => owner.Schedule(this, Timeout.InfiniteTimeSpan);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
