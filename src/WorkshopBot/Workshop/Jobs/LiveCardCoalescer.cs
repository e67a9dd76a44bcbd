using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using WorkshopBot.Common;
using WorkshopBot.Protocol.Connector;
using WorkshopBot.Workshop.Storage;

namespace WorkshopBot.Workshop.Jobs;

/// <summary>Re-renders one poll's channel card and puts it in place of the old one.</summary>
public interface IPollCardSender
{
    /// <summary>
    /// With <paramref name="afterFailure"/>, the last send of this card was recorded as failed and may have reached Teams
    /// all the same: the card goes even when a phase change's card that the outbox has sent shows the same.
    /// </summary>
    Task SendAsync(Guid workshopId, string pollId, bool afterFailure, CancellationToken cancellationToken);
}

/// <summary>
/// Coalesces live card updates: at most one update per <see cref="WorkshopOptions.CardUpdateInterval"/> per
/// conversation however many votes arrive, the first at once and the last one interval after the previous send finished, so
/// the card shows the final tally within one interval (plus the send) of the last vote. In memory on purpose: an
/// update is superseded by the next and the tally can always be recomputed from the votes table, so nothing is lost
/// if the process stops; the durable final card is sent through the outbox when a poll closes. A conversation's lane is
/// removed once nothing has waited in it nor been sent for <see cref="LaneIdleLifetime"/>; a change that comes as it is
/// removed goes in a new lane and is sent all the same.
/// A change marked to wait for quiet (an open poll in a group too large for card refresh, where each person's ballot is
/// the answer to their own press on the shared card and an update of that card would replace it for everyone) goes out
/// only once no change came for one interval: the card keeps still while people vote and shows the final tally one
/// interval after the last vote.
/// Several instances on one store share each conversation's slots (<see cref="ICardSlots"/>): before it sends, an
/// instance claims the slot with one statement, and a claim succeeds only one interval after the one before, so the
/// conversation gets at most one live update per interval between them all; an instance whose claim fails waits for
/// the slot to free and tries again, so the change it holds still goes out, unless the card is by then recorded as showing
/// what this instance read after that change (the update sent in the slot was drawn after it). A send that outlasted its slot, when
/// another instance claimed the slot after it, may have landed after that instance's newer card, so the card is drawn
/// and sent again at the next slot: the last update to land is always one drawn after every change. Votes never touch
/// the slots. A change that waits for quiet is also checked against the card's last change in the store before it goes
/// (the poll's for a vote's spell, the board's recorded change for an idea board's), so quiet means quiet on every instance.
/// What waits here is lost if the instance stops; each send records the counts it showed, so another pass finds a card
/// left behind (<see cref="LiveCardCatchUp"/>, <see cref="MarkBehind"/>). A graceful stop sends nothing more and waits for
/// the sends under way, so each is recorded before the store closes (<see cref="StopAsync"/>).
/// </summary>
public sealed partial class LiveCardCoalescer(
    TimeProvider time,
    IServiceScopeFactory scopes,
    ICardSlots slots,
    IOptions<WorkshopOptions> options,
    ILogger<LiveCardCoalescer> logger) : IDisposable
{
    private readonly ConcurrentDictionary<string, Lane> _lanes = new(StringComparer.Ordinal);
    private int _sent;
    // Set as the host stops (or the coalescer is disposed): nothing more is scheduled nor sent (LiveCardCoalescer.Stop.cs).
    private volatile bool _stopping;

    /// <summary>How many card updates this coalescer has sent (for the benchmark and tests).</summary>
    public int UpdatesSent => Volatile.Read(ref _sent);

    /// <summary>Raised after each send (successful or not), for tests and the benchmark to observe progress.</summary>
    public event Action<string, string>? Sent;

    /// <summary>
    /// Notes that a poll's counts changed; its card will be updated within the conversation's next slot, or (with
    /// <paramref name="waitForQuiet"/>) at the first slot after one interval without changes, or <paramref name="quiet"/> when
    /// that is longer (an idea board, whose shared card carries the form people type their ideas into).
    /// </summary>
    public void MarkChanged(string conversationId, Guid workshopId, string pollId, bool waitForQuiet = false,
        TimeSpan quiet = default) => Mark(conversationId, workshopId, pollId, waitForQuiet, quiet, catchUp: false);

    private void Mark(string conversationId, Guid workshopId, string pollId, bool waitForQuiet, TimeSpan quiet, bool catchUp)
    {
        var now = time.GetUtcNow();
        while (true)
        {
            var lane = _lanes.GetOrAdd(conversationId, _ => new Lane());
            lock (lane.Gate)
            {
                // Removed while idle after it was found here: the change goes in the conversation's new lane instead.
                if (lane.Removed)
                {
                    continue;
                }

                var entry = lane.Dirty.Find(d => d.Is(workshopId, pollId));
                if (catchUp && entry is not null)
                {
                    // Already waiting to be sent here: that send draws the card afresh. Found behind, it goes even if what it
                    // held when it lost its claim is shown (a change lost with another instance is not).
                    entry.LostClaimRead = null;
                    return;
                }

                // Sooner: this change goes without waiting for quiet, or waits a shorter spell than the change it joins.
                var sooner = (!waitForQuiet && entry?.WaitForQuiet != false) || (entry is { WaitForQuiet: true } && entry.Quiet > quiet);
                if (entry is null)
                {
                    lane.Dirty.Add(new Pending(workshopId, pollId)
                    {
                        WaitForQuiet = waitForQuiet, Quiet = quiet, ChangedAt = now, FirstChangedAt = now, CatchUp = catchUp,
                    });
                }
                else
                {
                    // The latest change's spell decides. The long one is an idea board's while it collects ideas, when its card
                    // carries the form people type into; a vote or a join that waits for quiet comes only once voting is open,
                    // when the card no longer carries that form, and keeping the ideas' spell held the tally back 20 s or more.
                    entry.Quiet = quiet;
                    entry.WaitForQuiet = waitForQuiet;
                    entry.ChangedAt = now;
                    entry.CatchUp = false;
                    // A change committed after the entry's lost claim read the store: the card must be drawn again for it.
                    entry.LostClaimRead = null;
                }

                // A timer already set fires no later than needed, except when this change may go sooner than what it
                // waits for.
                if (!lane.Sending && (lane.Timer is null || sooner))
                {
                    lane.Timer?.Dispose();
                    Schedule(conversationId, lane);
                }

                return;
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

    // Caller holds lane.Gate. The next slot: one interval after the last send, and for the first card waiting to be sent
    // no earlier than it is ready. Once the host is stopping, none: a send under way when it began, or a change marked
    // after, sets no timer again, and what waits is left to the catch-up.
    private void Schedule(string conversationId, Lane lane)
    {
        if (lane.Dirty.Count == 0 || _stopping)
        {
            lane.Dirty.Clear();
            lane.Timer = null;
            WatchIdle(conversationId, lane);
            return;
        }

        var interval = options.Value.CardUpdateInterval;
        var now = time.GetUtcNow();
        var slot = lane.LastSentAt is { } last ? last + interval : now;
        if (lane.SlotFreeAt is { } free && free > slot)
        {
            slot = free;
        }

        var ready = lane.Dirty.Min(d => d.ReadyAt(interval));
        var delay = (slot > ready ? slot : ready) - now;
        lane.Timer = Detached.CreateTimer(time, _ => _ = FlushAsync(conversationId, lane), null,
            delay < TimeSpan.Zero ? TimeSpan.Zero : delay, Timeout.InfiniteTimeSpan);
    }

    private async Task FlushAsync(string conversationId, Lane lane)
    {
        Pending next;
        lock (lane.Gate)
        {
            lane.Timer?.Dispose();
            lane.Timer = null;
            if (lane.Dirty.Count == 0 || lane.Sending)
            {
                if (!lane.Sending)
                {
                    Schedule(conversationId, lane);
                }

                return;
            }

            // System timers may fire a millisecond or two early; never send inside the interval, nor a card before it is ready.
            var interval = options.Value.CardUpdateInterval;
            var now = time.GetUtcNow();
            var ready = lane.Dirty.Find(d => d.ReadyAt(interval) <= now);
            if ((lane.LastSentAt is { } last && now < last + interval) || now < lane.SlotFreeAt || ready is null)
            {
                Schedule(conversationId, lane);
                return;
            }

            // One card per slot: with several polls changing, they take turns.
            next = ready;
            lane.Dirty.Remove(ready);
            lane.Sending = true;
        }

        if (!await QuietEverywhereAsync(conversationId, lane, next, time.GetUtcNow()).ConfigureAwait(false))
        {
            return;
        }

        var (send, versions) = await BeforeSendAsync(conversationId, lane, next).ConfigureAwait(false);
        if (!send)
        {
            return;
        }

        var claimedAt = time.GetUtcNow();
        if (!await ClaimAsync(conversationId, lane, next, versions, claimedAt).ConfigureAwait(false))
        {
            return;
        }

        // Not once the host is stopping: it could not be recorded as shown after the store closed. Left to the catch-up.
        if (!TryBeginSend())
        {
            LogLeftAtStop(next.PollId);
            LetGo(conversationId, lane);
            return;
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var sender = scope.ServiceProvider.GetRequiredService<IPollCardSender>();
            await sender.SendAsync(next.WorkshopId, next.PollId, next.AfterFailure, CancellationToken.None).ConfigureAwait(false);
            await RecordShownAsync(next.WorkshopId, next.PollId, versions).ConfigureAwait(false);
            if (time.GetUtcNow() >= claimedAt + options.Value.CardUpdateInterval
                && await ClaimedSinceAsync(conversationId, claimedAt, next.PollId).ConfigureAwait(false))
            {
                // Past its slot another instance claimed the next and may have sent a newer card before this one landed:
                // draw it again. (Not when nobody did: while every send outlasts its slot, a slow Teams, that would resend
                // the same card for ever.) A large group's card still waits for quiet: votes may have come again.
                Requeue(lane, Again(next));
            }

            Interlocked.Increment(ref _sent);
        }
        catch (ConnectorException ex) when (ex.IsNotFound || ex.IsBlocked)
        {
            // The card is gone or the bot may no longer write there: retrying every second would only spend the
            // conversation's rate. The next change tries again.
            LogUpdateDropped(next.PollId, (int?)ex.StatusCode ?? 0);
            await RecordShownAsync(next.WorkshopId, next.PollId, versions).ConfigureAwait(false);
        }
        catch (ServiceUrlNotAllowedException ex)
        {
            // Nothing was sent: the host is not one the bot trusts, and would be refused at every slot. Likewise dropped, and
            // the conversation marked inactive as the outbox marks it, so nothing more is sent there until the bot hears from it.
            LogUpdateRefused(next.PollId, ex.Host);
            await ForgetRefusedAsync(conversationId, next.PollId).ConfigureAwait(false);
            await RecordShownAsync(next.WorkshopId, next.PollId, versions).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A failed live update is retried at the next slot; the votes themselves are already stored.
            LogUpdateFailed(ex, next.PollId);
            Requeue(lane, Again(next, afterFailure: true));
        }
        finally
        {
            lock (lane.Gate)
            {
                // Counted from when the send finished, so two updates reach Teams at least one interval apart
                // however long each send took.
                lane.LastSentAt = time.GetUtcNow();
                lane.Sending = false;
                if (lane.Timer is null)
                {
                    Schedule(conversationId, lane);
                }
            }

            try
            {
                Sent?.Invoke(conversationId, next.PollId);
            }
            finally
            {
                EndSend();
            }
        }
    }

    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning,
        Message = "Live card update for poll {PollId} failed; retrying at the next slot")]
    private partial void LogUpdateFailed(Exception exception, string pollId);
}
