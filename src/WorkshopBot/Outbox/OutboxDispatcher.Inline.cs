// A turn's own replies: sent at once after its commit, while Teams waits for the turn's answer only a short while.
using WorkshopBot.Storage;

namespace WorkshopBot.Outbox;

public sealed partial class OutboxDispatcher
{
    private readonly Lock _inlineGate = new();

    // Per conversation, the last delivery of a turn's replies still running: the next turn's replies there go after it.
    private readonly Dictionary<string, Task> _inlineLanes = new(StringComparer.Ordinal);
    private readonly HashSet<Task> _inlineRunning = [];

    /// <summary>
    /// Delivers a committed turn's replies now, in order, so that its answer usually reaches the conversation before Teams
    /// hears back; but the turn's answer waits for them at most <see cref="OutboxOptions.ReplyWait"/>, and no longer than is
    /// left of an invoke's answer budget (Bot:AnswerWithin from its arrival, so a rate-limit wait the turn made
    /// before counts too; real time: Teams gives an invoke about 5 s, then shows an error and the person presses again). An
    /// invoke's reply whose rate-limit wait (Teams' limits, a remembered Retry-After, the tenant's rate) would end after the
    /// answer does not wait: it stays in the outbox, due when the wait would have ended, and the drainer sends it. A send still
    /// running when the answer goes (a slow connector, its retries) goes on in the background, holding its lease as any send
    /// does, and is recorded as usual. Replies of this instance to one
    /// conversation go in the order of their turns' commits: a turn's replies wait for those of an earlier turn still being
    /// sent there.
    /// </summary>
    public async Task DeliverNowAsync(IReadOnlyCollection<string> dedupeKeys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dedupeKeys);
        if (dedupeKeys.Count == 0)
        {
            return;
        }

        await ResumeAsync(cancellationToken).ConfigureAwait(false);
        var claimed = await store.ClaimByKeysAsync(dedupeKeys, time.GetUtcNow(), options.Value.Lease, _owner, cancellationToken)
            .ConfigureAwait(false);
        if (claimed.Count == 0)
        {
            return;
        }

        var wait = options.Value.ReplyWait;
        var left = deadline.UntilAnswer();
        if (left < wait)
        {
            wait = left.Value;
        }

        // An invoke is answered when this wait ends: its replies' rate-limit waits end by then or are left to the drainer.
        var delivery = StartInline(claimed, left is null ? null : time.GetUtcNow() + wait);
        try
        {
            await delivery.WaitAsync(wait, TimeProvider.System, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            LogAnsweredBeforeSent(claimed.Count, wait);
        }
    }

    /// <summary>
    /// Completes once every turn's replies this instance is still sending (started by <see cref="DeliverNowAsync"/>, perhaps
    /// after the turn was answered) are sent or left to the drainer. Tests wait for it; so does a graceful stop.
    /// </summary>
    public Task RepliesSentAsync()
    {
        lock (_inlineGate)
        {
            return _inlineRunning.Count == 0 ? Task.CompletedTask : Task.WhenAll(_inlineRunning);
        }
    }

    private Task StartInline(IReadOnlyList<OutboxMessage> claimed, DateTimeOffset? answeredAt)
    {
        var lanes = claimed.Select(ConversationKey).Distinct(StringComparer.Ordinal).ToList();
        lock (_inlineGate)
        {
            var earlier = lanes.Select(l => _inlineLanes.GetValueOrDefault(l)).OfType<Task>().Distinct().ToArray();
            var delivery = DeliverAfterAsync(earlier, claimed, answeredAt);
            foreach (var lane in lanes)
            {
                _inlineLanes[lane] = delivery;
            }

            _inlineRunning.Add(delivery);
            _ = delivery.ContinueWith(done => Forget(done, lanes), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
            return delivery;
        }
    }

    /// <summary>The replies, in order, once the earlier turns' replies to the same conversations are done. Never throws.</summary>
    private async Task DeliverAfterAsync(Task[] earlier, IReadOnlyList<OutboxMessage> claimed, DateTimeOffset? answeredAt)
    {
        // Off the caller's stack first, so nothing of the send runs under the lock that registers it.
        await Task.WhenAll(earlier).ConfigureAwait(ConfigureAwaitOptions.ForceYielding | ConfigureAwaitOptions.SuppressThrowing);
        bool held;
        using (answeredAt is { } at ? deadline.LimitWaits(at) : null)
        {
            held = await DeliverInOrderAsync(claimed, inline: true).ConfigureAwait(false);
        }

        if (held)
        {
            signal.Notify();
        }
    }

    private void Forget(Task delivery, List<string> lanes)
    {
        lock (_inlineGate)
        {
            _inlineRunning.Remove(delivery);
            foreach (var lane in lanes)
            {
                if (_inlineLanes.TryGetValue(lane, out var last) && ReferenceEquals(last, delivery))
                {
                    _inlineLanes.Remove(lane);
                }
            }
        }
    }

    [LoggerMessage(EventId = 2021, Level = LogLevel.Information,
        Message = "A turn was answered before its {Count} replies were sent (they took longer than {Wait}); they are still being "
            + "sent, and the outbox delivers them")]
    private partial void LogAnsweredBeforeSent(int count, TimeSpan wait);
}
