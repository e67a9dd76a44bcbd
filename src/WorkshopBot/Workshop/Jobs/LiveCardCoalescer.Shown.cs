using WorkshopBot.Workshop.Storage;

namespace WorkshopBot.Workshop.Jobs;

// What each poll's card last showed, recorded after its send, and cards found behind it: an update lost when an instance
// stopped (a crash, a deploy, a scale-in) with what waited in its lanes. The vote path is unchanged.
public sealed partial class LiveCardCoalescer
{
    /// <summary>
    /// Notes that a poll's card shows older counts than the store's with nothing known to be sending it (an update lost
    /// with an instance that stopped): it goes at the conversation's next slot unless, when that comes, the card is found
    /// current (another instance sent it first). Nothing changes when the poll's card already waits here.
    /// </summary>
    public void MarkBehind(string conversationId, Guid workshopId, string pollId) =>
        Mark(conversationId, workshopId, pollId, waitForQuiet: false, quiet: default, catchUp: true);

    // Caller took the change out of the lane (which is sending) and sends nothing for it.
    private void LetGo(string conversationId, Lane lane)
    {
        lock (lane.Gate)
        {
            lane.Sending = false;
            if (lane.Timer is null)
            {
                Schedule(conversationId, lane);
            }
        }
    }

    /// <summary>
    /// Reads what the poll's card shows before the card is drawn, so what is recorded as shown is never newer than what it
    /// shows; a card marked only as behind and found current is let go (Send false) and nothing is sent for it.
    /// </summary>
    private async Task<(bool Send, PollCardVersions? Versions)> BeforeSendAsync(string conversationId, Lane lane, Pending next)
    {
        var versions = await ReadVersionsAsync(next.PollId).ConfigureAwait(false);
        if (next.CatchUp && versions is { Current: true })
        {
            LetGo(conversationId, lane);
            return (false, versions);
        }

        return (true, versions);
    }

    /// <summary>
    /// The poll's counts version and the one its card last showed; null for the workshop's own card, when the store has no
    /// record of the poll, or cannot be read (the card is sent all the same, and nothing is recorded for it).
    /// </summary>
    private async Task<PollCardVersions?> ReadVersionsAsync(string pollId)
    {
        if (pollId.Length == 0)
        {
            return null;
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            return scope.ServiceProvider.GetService<IPollCardVersions>() is { } versions
                ? await versions.ReadAsync(pollId, CancellationToken.None).ConfigureAwait(false)
                : null;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogVersionsUnread(ex, pollId);
            return null;
        }
    }

    /// <summary>
    /// Records that the poll's card now shows the counts read before it was drawn (or that nothing more will be sent for
    /// them: the card is gone or the bot may not write there). A failure is logged: the catch-up then sends the card once
    /// more, which changes nothing in Teams.
    /// </summary>
    private async Task RecordShownAsync(string pollId, PollCardVersions? versions)
    {
        if (versions is not { } read || read.Current)
        {
            return;
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            if (scope.ServiceProvider.GetService<IPollCardVersions>() is { } store)
            {
                await store.RecordShownAsync(pollId, read.Counts, CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogShownUnrecorded(ex, pollId);
        }
    }

    [LoggerMessage(EventId = 1544, Level = LogLevel.Warning,
        Message = "Live card update for poll {PollId} could not read which counts its card shows; sending it all the same")]
    private partial void LogVersionsUnread(Exception exception, string pollId);

    [LoggerMessage(EventId = 1545, Level = LogLevel.Warning,
        Message = "Live card update for poll {PollId} was sent but could not be recorded as shown; the catch-up may send it once more")]
    private partial void LogShownUnrecorded(Exception exception, string pollId);
}
