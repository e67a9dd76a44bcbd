namespace WorkshopBot.Workshop.Jobs;

// The conversation's slot in the shared store, claimed before each send.
public sealed partial class LiveCardCoalescer
{
    /// <summary>
    /// Claims the conversation's slot for <paramref name="next"/> (taken out of the lane, which is sending). When another
    /// instance holds the slot, or the store cannot be reached, the change goes back in the lane to wait for the slot to
    /// free, and the caller sends nothing. It goes back with what was <paramref name="read"/> of the card before the claim
    /// (its first lost claim's read, if it lost one before): when the slot comes, a card recorded as showing that much was
    /// drawn after the change, and nothing is sent (<see cref="BeforeSendAsync"/>).
    /// </summary>
    private async Task<bool> ClaimAsync(string conversationId, Lane lane, Pending next, ShownVersions? read, DateTimeOffset now)
    {
        var interval = options.Value.CardUpdateInterval;
        DateTimeOffset freeAt;
        try
        {
            var claim = await slots.ClaimAsync(conversationId, now, interval, CancellationToken.None).ConfigureAwait(false);
            if (claim.Claimed)
            {
                return true;
            }

            freeAt = claim.FreeAt;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogClaimFailed(ex, next.PollId);
            freeAt = now + interval;
        }

        lock (lane.Gate)
        {
            // It keeps its turn: first in the lane, unless a newer change of the same card came meanwhile.
            next.LostClaimRead ??= read;
            Requeue(lane, next, first: true);
            lane.SlotFreeAt = freeAt;
            lane.Sending = false;
            if (lane.Timer is null)
            {
                Schedule(conversationId, lane);
            }
        }

        return false;
    }

    /// <summary>Whether another claim followed this instance's at <paramref name="claimedAt"/>; true when that cannot be read.</summary>
    private async Task<bool> ClaimedSinceAsync(string conversationId, DateTimeOffset claimedAt, string pollId)
    {
        try
        {
            return await slots.ClaimedSinceAsync(conversationId, claimedAt, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogClaimFailed(ex, pollId);
            return true;
        }
    }

    /// <summary>
    /// The card of <paramref name="sent"/> to send again (after a failure, or a send another may have overtaken): as soon as
    /// its slot comes, unless it waits for quiet, when it is checked against the poll's last change like any other. After
    /// a failure it goes even if it shows what a phase change's card sent by the outbox shows: the failed send may have
    /// reached Teams after that card.
    /// </summary>
    private Pending Again(Pending sent, bool afterFailure = false) => new(sent.WorkshopId, sent.PollId)
    {
        WaitForQuiet = sent.WaitForQuiet,
        Quiet = sent.Quiet,
        ChangedAt = time.GetUtcNow(),
        FirstChangedAt = sent.FirstChangedAt,
        AfterFailure = afterFailure,
        CatchUp = sent.CatchUp,
    };

    /// <summary>Puts a change back in the lane (last, or <paramref name="first"/>), unless a newer change of the same card is
    /// already waiting there, which then carries its failure.</summary>
    private static void Requeue(Lane lane, Pending pending, bool first = false)
    {
        lock (lane.Gate)
        {
            if (lane.Dirty.Find(d => d.Is(pending.WorkshopId, pending.PollId)) is { } newer)
            {
                newer.AfterFailure |= pending.AfterFailure;
                newer.CatchUp &= pending.CatchUp;
            }
            else
            {
                lane.Dirty.Insert(first ? 0 : lane.Dirty.Count, pending);
            }
        }
    }

    [LoggerMessage(EventId = 4103, Level = LogLevel.Warning,
        Message = "Live card update for poll {PollId} could not claim its slot; retrying at the next slot")]
    private partial void LogClaimFailed(Exception exception, string pollId);
}
