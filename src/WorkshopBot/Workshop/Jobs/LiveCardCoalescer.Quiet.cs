using WorkshopBot.Workshop.Domain;
using WorkshopBot.Workshop.Storage;

namespace WorkshopBot.Workshop.Jobs;

// Quiet on every instance, not only this one, for a change that waits for quiet.
public sealed partial class LiveCardCoalescer
{
    /// <summary>
    /// For a change that waits for quiet (<paramref name="next"/>, taken out of the lane, which is sending): true when the
    /// card's last change in the store, made on whichever instance, is at least its quiet spell old. With votes or ideas
    /// spread over several instances, each sees only its own and would find quiet in the gaps between them; then the shared
    /// card would be replaced while people vote, or type their ideas into it. A vote's spell (one interval) is checked
    /// against the poll's last change (<see cref="IWorkshopVoteStore.LastChangedAsync"/>); an idea board's longer spell
    /// against the board's last recorded change (<see cref="IWorkshopCardVersions.DueAtAsync"/>, written with each idea
    /// added or moderated, which does not touch the poll's row; a vote's turn writes nothing there). Otherwise the change
    /// goes back in the lane, ready one spell after that last change, and the caller sends nothing. A store that cannot be
    /// read leaves the decision to this instance alone.
    /// </summary>
    private async Task<bool> QuietEverywhereAsync(string conversationId, Lane lane, Pending next, DateTimeOffset now)
    {
        var interval = options.Value.CardUpdateInterval;
        if (!next.WaitForQuiet || next.WaitedLongEnough(now, interval))
        {
            return true;
        }

        var board = next.Quiet > interval;
        var spell = board ? next.Quiet : interval;
        DateTimeOffset? changedAt;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            if (board)
            {
                // Due one spell after the board's last change: the change is taken as made one spell before.
                var cards = scope.ServiceProvider.GetService<IWorkshopCardVersions>();
                changedAt = cards is null
                    ? null
                    : await cards.DueAtAsync(next.WorkshopId, next.PollId, CancellationToken.None).ConfigureAwait(false) - spell;
            }
            else
            {
                var store = scope.ServiceProvider.GetService<IWorkshopVoteStore>();
                changedAt = store is null ? null : await store.LastChangedAsync(next.PollId, CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogQuietCheckFailed(ex, next.PollId);
            return true;
        }

        // A time stamped far ahead (an instance whose clock was wrong) would keep the card still for as long: ignored.
        if (changedAt is not { } changed || changed + spell <= now || changed > now + SqlCardSlots.FarAhead)
        {
            return true;
        }

        lock (lane.Gate)
        {
            var waiting = lane.Dirty.Find(d => d.Is(next.WorkshopId, next.PollId));
            if (waiting is null)
            {
                next.ChangedAt = changed > next.ChangedAt ? changed : next.ChangedAt;
                lane.Dirty.Insert(0, next);
            }
            else
            {
                waiting.AfterFailure |= next.AfterFailure;
                waiting.CatchUp &= next.CatchUp;
                if (waiting.WaitForQuiet && waiting.ChangedAt < changed)
                {
                    waiting.ChangedAt = changed;
                }
            }

            lane.Sending = false;
            if (lane.Timer is null)
            {
                Schedule(conversationId, lane);
            }
        }

        return false;
    }

    [LoggerMessage(EventId = 4104, Level = LogLevel.Warning,
        Message = "Live card update for poll {PollId} could not read when the poll last changed; deciding quiet on this instance")]
    private partial void LogQuietCheckFailed(Exception exception, string pollId);
}
