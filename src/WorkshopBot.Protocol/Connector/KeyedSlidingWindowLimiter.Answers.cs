namespace WorkshopBot.Protocol.Connector;

/// <summary>
/// Permits counted from the server's answer. The server counts a request when it arrives, which is after its slot (it was
/// on its way) and before its answer. A slot reckoned from earlier permits' slots assumes they arrived on time; when one of
/// them was slow to arrive (a new connection, a lost packet, a busy machine) by more than the safety margin, the server
/// saw more requests in its window than the limiter did, and answers 429. So a permit taken with
/// <see cref="ReserveAsync"/> is checked again when its slot comes: the earlier permits of its key are counted at their
/// answers (the latest they can have arrived), and one still unanswered where the windows need its time is waited for.
/// </summary>
public partial class KeyedSlidingWindowLimiter
{
    // Completed, and replaced, by every Settle: permits waiting for an earlier answer look again.
    private TaskCompletionSource _answered = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// The earliest instant at which every window has room after permits counted at <paramref name="counted"/>
    /// (<see cref="long.MaxValue"/> for one whose time is not known yet).
    /// </summary>
    private long WindowsFreeAt(long[] counted)
    {
        Array.Sort(counted);
        var at = long.MinValue;
        foreach (var window in _windows)
        {
            if (counted.Length >= window.Limit)
            {
                // The window ending at 'at' must not contain the Limit-th most recent permit.
                var limiting = counted[counted.Length - window.Limit];
                at = Math.Max(at, limiting == long.MaxValue ? long.MaxValue : limiting + window.Window.Ticks);
            }
        }

        return at;
    }

    /// <summary>
    /// Once <paramref name="grant"/>'s slot has come: waits until the permits reserved before it, counted at their answers
    /// (an unanswered one at an unknown time), leave every window room, and returns it then; past
    /// <paramref name="maxWait"/> from now it gives the permit up (<see cref="RateLimitedException"/>, nothing sent).
    /// </summary>
    private async ValueTask<RateGrant> AfterEarlierAnswersAsync(RateGrant grant, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow().UtcTicks;
        var maxTicks = maxWait == TimeSpan.MaxValue ? long.MaxValue : now + Math.Max(0, maxWait.Ticks);
        var waited = grant.Waited;
        while (true)
        {
            long at;
            Task answered;
            lock (_gate)
            {
                answered = _answered.Task;
                at = _grants.TryGetValue(grant.Key, out var grants) && OpenIndex(grants, grant) is { } index
                    ? WindowsFreeAt([.. grants.Take(index).Select(g => g.Open ? long.MaxValue : g.Counted)])
                    : long.MinValue;
            }

            now = _time.GetUtcNow().UtcTicks;
            if (at <= now)
            {
                return grant with { Waited = waited };
            }

            if (at > maxTicks || now >= maxTicks)
            {
                GiveUp(grant);
                var retryAt = at == long.MaxValue ? FreeAt(grant.Key) : new DateTimeOffset(at, TimeSpan.Zero);
                throw new RateLimitedException(grant.Key, retryAt);
            }

            var until = Math.Min(at, maxTicks);
            var delay = until == long.MaxValue ? Timeout.InfiniteTimeSpan : TimeSpan.FromTicks(until - now);
            using (var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                await Task.WhenAny(answered, Task.Delay(delay, _time, stop.Token)).ConfigureAwait(false);
                await stop.CancelAsync().ConfigureAwait(false);
            }

            cancellationToken.ThrowIfCancellationRequested();
            waited += TimeSpan.FromTicks(Math.Max(0, _time.GetUtcNow().UtcTicks - now));
        }
    }

    /// <summary>Forgets a permit that was never used: nothing was sent with it.</summary>
    private void GiveUp(RateGrant grant)
    {
        TaskCompletionSource answered;
        lock (_gate)
        {
            if (!_grants.TryGetValue(grant.Key, out var grants)
                || OpenIndex(grants, grant) is not { } index)
            {
                return;
            }

            grants.RemoveAt(index);
            answered = _answered;
            _answered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        answered.TrySetResult();
    }

    /// <summary>
    /// Forgets answered permits the windows no longer need: those past the largest window, then the earliest counted while
    /// more are kept than the largest limit. An open permit is kept until it is settled (or given up): a later one may
    /// need its answer.
    /// </summary>
    private void Trim(List<Grant> grants, long at)
    {
        grants.RemoveAll(g => !g.Open && g.Counted <= at - _horizonTicks);
        while (grants.Count > _maxKept)
        {
            var earliest = -1;
            for (var i = 0; i < grants.Count; i++)
            {
                if (!grants[i].Open && (earliest < 0 || grants[i].Counted < grants[earliest].Counted))
                {
                    earliest = i;
                }
            }

            if (earliest < 0)
            {
                return;
            }

            grants.RemoveAt(earliest);
        }
    }

    /// <summary>
    /// Where <paramref name="grant"/> is among its key's permits while it is open, or null. Matched by its number as well as
    /// its slot: two open permits may share a slot, and the later of them must still count the earlier.
    /// </summary>
    private static int? OpenIndex(List<Grant> grants, RateGrant grant) =>
        grants.FindIndex(g => g.Open && g.Slot == grant.SlotTicks && g.Number == grant.Number) is var index and >= 0 ? index : null;

    /// <summary>
    /// A permit: its slot (its place in the key's order), when the server is taken to have counted it (the slot until it is
    /// settled, then the answer), and whether it is still open (reserved with <see cref="ReserveAsync"/>, not yet settled).
    /// </summary>
    private sealed class Grant(long slot, long number, bool open)
    {
        public long Slot { get; } = slot;

        public long Number { get; } = number;

        public long Counted { get; set; } = slot;

        public bool Open { get; set; } = open;
    }
}
