using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace WorkshopBot.Workshop.Jobs;

/// <summary>Re-renders one poll's channel card and puts it in place of the old one.</summary>
public interface IPollCardSender
{
    Task SendAsync(Guid workshopId, string pollId, CancellationToken cancellationToken);
}

/// <summary>
/// Coalesces live card updates: at most one update per <see cref="WorkshopOptions.CardUpdateInterval"/> per
/// conversation however many votes arrive, the first at once and the last one interval after the previous send finished, so
/// the card shows the final tally within one interval (plus the send) of the last vote. In memory on purpose: an
/// update is superseded by the next and the tally can always be recomputed from the votes table, so nothing is lost
/// if the process stops; the durable final card is sent through the outbox when a poll closes.
/// </summary>
public sealed partial class LiveCardCoalescer(
    TimeProvider time,
    IServiceScopeFactory scopes,
    IOptions<WorkshopOptions> options,
    ILogger<LiveCardCoalescer> logger) : IDisposable
{
    private readonly ConcurrentDictionary<string, Lane> _lanes = new(StringComparer.Ordinal);
    private int _sent;

    /// <summary>How many card updates this coalescer has sent (for the benchmark and tests).</summary>
    public int UpdatesSent => Volatile.Read(ref _sent);

    /// <summary>Raised after each send (successful or not), for tests and the benchmark to observe progress.</summary>
    public event Action<string, string>? Sent;

    /// <summary>Notes that a poll's counts changed; its card will be updated within the conversation's next slot.</summary>
    public void MarkChanged(string conversationId, Guid workshopId, string pollId)
    {
        var lane = _lanes.GetOrAdd(conversationId, _ => new Lane());
        lock (lane.Gate)
        {
            if (!lane.Dirty.Contains((workshopId, pollId)))
            {
                lane.Dirty.Add((workshopId, pollId));
            }

            if (lane.Timer is null && !lane.Sending)
            {
                Schedule(conversationId, lane);
            }
        }
    }

    /// <summary>Cards of the conversation waiting for a slot or being sent now.</summary>
    public int PendingFor(string conversationId)
    {
        if (!_lanes.TryGetValue(conversationId, out var lane))
        {
            return 0;
        }

        lock (lane.Gate)
        {
            return lane.Dirty.Count + (lane.Sending ? 1 : 0);
        }
    }

    public void Dispose()
    {
        foreach (var lane in _lanes.Values)
        {
            lock (lane.Gate)
            {
                lane.Timer?.Dispose();
                lane.Timer = null;
                lane.Dirty.Clear();
            }
        }
    }

    // Caller holds lane.Gate.
    private void Schedule(string conversationId, Lane lane)
    {
        var interval = options.Value.CardUpdateInterval;
        var delay = lane.LastSentAt is { } last ? last + interval - time.GetUtcNow() : TimeSpan.Zero;
        lane.Timer = time.CreateTimer(_ => _ = FlushAsync(conversationId, lane), null, delay < TimeSpan.Zero ? TimeSpan.Zero : delay,
            Timeout.InfiniteTimeSpan);
    }

    private async Task FlushAsync(string conversationId, Lane lane)
    {
        (Guid WorkshopId, string PollId) next;
        lock (lane.Gate)
        {
            lane.Timer?.Dispose();
            lane.Timer = null;
            if (lane.Dirty.Count == 0 || lane.Sending)
            {
                return;
            }

            // System timers may fire a millisecond or two early; never send inside the interval.
            if (lane.LastSentAt is { } last && time.GetUtcNow() < last + options.Value.CardUpdateInterval)
            {
                Schedule(conversationId, lane);
                return;
            }

            // One card per slot: with several polls changing, they take turns.
            next = lane.Dirty[0];
            lane.Dirty.RemoveAt(0);
            lane.Sending = true;
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var sender = scope.ServiceProvider.GetRequiredService<IPollCardSender>();
            await sender.SendAsync(next.WorkshopId, next.PollId, CancellationToken.None).ConfigureAwait(false);
            Interlocked.Increment(ref _sent);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A failed live update is retried at the next slot; the votes themselves are already stored.
            LogUpdateFailed(ex, next.PollId);
            lock (lane.Gate)
            {
                if (!lane.Dirty.Contains(next))
                {
                    lane.Dirty.Add(next);
                }
            }
        }
        finally
        {
            lock (lane.Gate)
            {
                // Counted from when the send finished, so two updates reach Teams at least one interval apart
                // however long each send took.
                lane.LastSentAt = time.GetUtcNow();
                lane.Sending = false;
                if (lane.Dirty.Count > 0 && lane.Timer is null)
                {
                    Schedule(conversationId, lane);
                }
            }

            Sent?.Invoke(conversationId, next.PollId);
        }
    }

    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning,
        Message = "Live card update for poll {PollId} failed; retrying at the next slot")]
    private partial void LogUpdateFailed(Exception exception, string pollId);

    private sealed class Lane
    {
        public Lock Gate { get; } = new();

        public List<(Guid WorkshopId, string PollId)> Dirty { get; } = [];

        public DateTimeOffset? LastSentAt { get; set; }

        public ITimer? Timer { get; set; }

        public bool Sending { get; set; }
    }
}
