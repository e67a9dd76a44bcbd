using WorkshopBot.Storage;
using WorkshopBot.Workshop.Storage;

namespace WorkshopBot.Workshop.Jobs;

// What each card last showed (a poll's counts, and the changes of any card: ideas, grades, joins, the workshop card's chair),
// recorded after its send, and cards found behind it: an update lost when an instance stopped (a crash, a deploy, a
// scale-in) with what waited in its lanes. The vote path is unchanged.
public sealed partial class LiveCardCoalescer
{
    /// <summary>
    /// <see cref="MarkChanged"/> once the turn's <paramref name="work"/> has committed, and not at all if it does not. A
    /// card is drawn from what is stored: marked before the turn's change is stored, it could be drawn without that
    /// change, and nothing would come after to draw it again. The change of the card is also recorded in the store with the
    /// turn (<see cref="IWorkshopCardVersions"/>, one statement), so that if this instance stops before it sends the
    /// update, another finds the card behind (<see cref="LiveCardCatchUp"/>). Not for a vote, whose counts the store
    /// follows already: a vote's turn writes nothing more.
    /// </summary>
    public void MarkChangedOnCommit(UnitOfWork work, string conversationId, Guid workshopId, string pollId,
        bool waitForQuiet = false, TimeSpan quiet = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(pollId);
        var interval = options.Value.CardUpdateInterval;
        var dueAt = time.GetUtcNow() + (waitForQuiet ? (quiet > interval ? quiet : interval) : TimeSpan.Zero);
        work.Store.Execute($"live card {(pollId.Length == 0 ? "of workshop" : "of poll " + pollId)} changed",
            _ => [SqlWorkshopCardVersions.CardChanged(workshopId, pollId, dueAt)]);
        work.OnCommitted(() => MarkChanged(conversationId, workshopId, pollId, waitForQuiet, quiet));
    }

    /// <summary>
    /// Notes that a card shows older counts or changes than the store's with nothing known to be sending it (an update lost
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
    /// Reads what the card shows before it is drawn, so what is recorded as shown is never newer than what it shows; a card
    /// marked only as behind and found current is let go (Send false) and nothing is sent for it. So is a change that lost
    /// its claim of the slot when the card is now recorded as showing what was read after it (<see cref="ShownVersions.Covers"/>):
    /// another instance's update, sent in that slot, was drawn after it and shows it. Not after a failed send, which may
    /// have reached Teams after that update; and sent, as before, when the store cannot be read.
    /// </summary>
    private async Task<(bool Send, ShownVersions? Versions)> BeforeSendAsync(string conversationId, Lane lane, Pending next)
    {
        var versions = await ReadVersionsAsync(next.WorkshopId, next.PollId).ConfigureAwait(false);
        if (next.CatchUp && versions is { Current: true })
        {
            LetGo(conversationId, lane);
            return (false, versions);
        }

        if (next.LostClaimRead is { } lost && !next.AfterFailure && versions is { } now && now.Covers(lost))
        {
            LogShownByAnother(next.PollId);
            LetGo(conversationId, lane);
            return (false, versions);
        }

        return (true, versions);
    }

    /// <summary>
    /// The poll's counts version and the one its card last showed (none for the workshop's own card, or a poll the vote store
    /// does not know), and the card's changes and the point its card last showed (none when no change of it was recorded);
    /// null when the store cannot be read (the card is sent all the same, and nothing is recorded for it).
    /// </summary>
    private async Task<ShownVersions?> ReadVersionsAsync(Guid workshopId, string pollId)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var counts = pollId.Length > 0 && scope.ServiceProvider.GetService<IPollCardVersions>() is { } polls
                ? await polls.ReadAsync(pollId, CancellationToken.None).ConfigureAwait(false)
                : null;
            var changes = scope.ServiceProvider.GetService<IWorkshopCardVersions>() is { } cards
                ? await cards.ReadAsync(workshopId, pollId, CancellationToken.None).ConfigureAwait(false)
                : null;
            return new ShownVersions(counts, changes);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogVersionsUnread(ex, pollId);
            return null;
        }
    }

    /// <summary>
    /// Records that the card now shows the counts and changes read before it was drawn (or that nothing more will be sent
    /// for them: the card is gone or the bot may not write there). A failure is logged: the catch-up then sends the card
    /// once more, which changes nothing in Teams.
    /// </summary>
    private async Task RecordShownAsync(Guid workshopId, string pollId, ShownVersions? versions)
    {
        if (versions is not { } read || read.Current)
        {
            return;
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            if (read.Counts is { Current: false } counts && scope.ServiceProvider.GetService<IPollCardVersions>() is { } polls)
            {
                await polls.RecordShownAsync(pollId, counts.Counts, CancellationToken.None).ConfigureAwait(false);
            }

            if (read.Changes is { Current: false } changes && scope.ServiceProvider.GetService<IWorkshopCardVersions>() is { } cards)
            {
                await cards.RecordShownAsync(workshopId, pollId, changes.Changed, CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogShownUnrecorded(ex, pollId);
        }
    }

    /// <summary>What the store said, before the card was drawn, of its counts and of its other changes.</summary>
    private readonly record struct ShownVersions(PollCardVersions? Counts, CardChangeVersions? Changes)
    {
        /// <summary>The card shows every change recorded of it: nothing is to be sent for a card only found behind.</summary>
        public bool Current => Counts is not { Current: false } && Changes is not { Current: false };

        /// <summary>
        /// The card is recorded as showing the counts and changes that <paramref name="earlier"/> read: whatever sent it read
        /// them no earlier than that, so drew every change committed before that read (counts and changes only grow). False
        /// when that read found neither, which tells nothing.
        /// </summary>
        public bool Covers(ShownVersions earlier) =>
            (earlier.Counts is not null || earlier.Changes is not null)
            && (earlier.Counts is not { } counts || (Counts is { Shown: { } shown } && shown >= counts.Counts))
            && (earlier.Changes is not { } changes || (Changes is { } now && now.Shown >= changes.Changed));
    }

    [LoggerMessage(EventId = 1552, Level = LogLevel.Debug,
        Message = "Live card update for poll {PollId} not sent: it lost its slot to an update drawn after its change, which shows it")]
    private partial void LogShownByAnother(string pollId);

    [LoggerMessage(EventId = 1544, Level = LogLevel.Warning,
        Message = "Live card update for poll {PollId} could not read which counts and changes its card shows; sending it all the same")]
    private partial void LogVersionsUnread(Exception exception, string pollId);

    [LoggerMessage(EventId = 1545, Level = LogLevel.Warning,
        Message = "Live card update for poll {PollId} was sent but could not be recorded as shown; the catch-up may send it once more")]
    private partial void LogShownUnrecorded(Exception exception, string pollId);
}
