using WorkshopBot.Common;
using WorkshopBot.Common.Storage;
using WorkshopBot.Storage;

namespace WorkshopBot.Conversations;

/// <summary>
/// Forgets handled activity ids, with the answers stored for them, once no redelivery can come (Teams retries within
/// minutes; two days is ample), so the de-duplication table does not grow for ever; forgets the payload of every
/// outbox message completed as long ago; and gives up every message queued as long ago and still not sent (nothing drained
/// the queue), forgetting its payload at once, so a card never delivered does not keep what it said for ever (its failure
/// is reported as any other's); never in the bot's first hour (<see cref="SendFirstFor"/>), when what was queued before a
/// stop is being sent. All held what cards said (a return's narrative, an idea): after
/// this, what people wrote lives only in the documents that retention purges.
/// A purge forgets every stored answer and completed payload in its own transaction, but a turn that read the audit before
/// that transaction and committed just after it stores an answer quoting the audit (its title, an action) that the purge
/// never saw. So each run also reads the retention deletion-log entries of the last two days from the audit log and, for
/// each, forgets the answers handled within <see cref="TurnMargin"/> of it, and the payloads of messages completed before
/// its time plus that margin; then, on SQLite, empties the write-ahead log of the older copies (every run of those two
/// days tries, so a log the retention run could not empty is tried again within the hour).
/// A purge lets go of what its own process keeps in memory of earlier reads (<see cref="DocumentViews"/> and what holds
/// views, the document texts kept); on several instances sharing a store, the others learn of it here: a deletion newer
/// than any seen before makes this process let go of the same, so it keeps no purged workshop's ideas for months.
/// </summary>
public sealed partial class ProcessedActivityPruner(
    IProcessedActivityStore store, IOutboxStore outbox, IStoreCheckpoint checkpoint, IDocumentStore documents, DocumentViews views,
    ShownMessageRecords shown, TimeProvider time, ILogger<ProcessedActivityPruner> logger)
    : BackgroundService
{
    // The latest deletion this process has let go of its kept texts and views for (ticks; 0 for none yet).
    private long _forgotFor;

    // When this process started: what was queued before a stop is sent, not given up, in the first hour after it.
    private readonly DateTimeOffset _started = time.GetUtcNow();

    public static readonly TimeSpan KeepFor = TimeSpan.FromDays(2);
    public static readonly TimeSpan Every = TimeSpan.FromHours(1);

    /// <summary>How long after the bot starts nothing is given up: time for the outbox to send what was queued before a stop.</summary>
    public static readonly TimeSpan SendFirstFor = TimeSpan.FromHours(1);

    /// <summary>
    /// Longer than any turn takes from its first read to its commit (a document's gate is waited for 3 s at most, SQLite's
    /// write lock 5 s, a briefing's generation 20 s), with room for clocks a little apart between instances. Answers of
    /// turns wholly inside it are forgotten too: a redelivery of one of them is answered afresh, as after the purge.
    /// </summary>
    public static readonly TimeSpan TurnMargin = TimeSpan.FromMinutes(15);

    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var before = now - KeepFor;
        var removed = await store.PruneAsync(before, cancellationToken).ConfigureAwait(false);
        var forgotten = await outbox.ForgetContentAsync(before, cancellationToken).ConfigureAwait(false);
        // Given up only once the bot has run for an hour: after a stop of days, what was queued (an immediate-safety alert
        // above all) is sent as it starts again, and the first run, as it starts, gives nothing up.
        if (now - _started >= SendFirstFor
            && await outbox.GiveUpUnsentAsync(before, now, cancellationToken).ConfigureAwait(false) is > 0 and var givenUp)
        {
            LogGivenUp(givenUp);
        }

        // Records of messages that never reached Teams: no card for retention to take down.
        var neverPosted = await shown.PruneNeverPostedAsync(before, cancellationToken).ConfigureAwait(false);
        var straddled = 0;
        var deletions = await store.RetentionDeletionsSinceAsync(before - TurnMargin, cancellationToken).ConfigureAwait(false);
        foreach (var purgedAt in deletions)
        {
            straddled += await store.ForgetAnswersAsync(purgedAt - TurnMargin, purgedAt + TurnMargin, cancellationToken)
                .ConfigureAwait(false);
            straddled += await outbox.ForgetContentAsync(purgedAt + TurnMargin, cancellationToken).ConfigureAwait(false);
        }

        if (deletions.Count > 0)
        {
            ForgetKeptReads(deletions.Max());
        }

        // Each run in the two days after a deletion, so a log the retention run could not empty (readers busy) is tried again.
        if (deletions.Count > 0 && !await checkpoint.TruncateLogAsync(cancellationToken).ConfigureAwait(false))
        {
            LogNotTruncated();
        }

        LogPruned(removed, forgotten, straddled, neverPosted);
        return removed;
    }

    /// <summary>Lets go of the texts and views kept in memory once per deletion newer than the last one it was done for.</summary>
    private void ForgetKeptReads(DateTimeOffset latest)
    {
        var seen = Interlocked.Read(ref _forgotFor);
        if (latest.UtcTicks <= seen || Interlocked.CompareExchange(ref _forgotFor, latest.UtcTicks, seen) != seen)
        {
            return;
        }

        documents.ForgetKeptTexts();
        views.Clear();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every, time);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (JobLoop.EndsTheLoop(ex, stoppingToken))
            {
                // The host is stopping (or never finished starting): nothing to report.
                return;
            }
            catch (Exception ex)
            {
                // Also a cancellation the host did not ask for (a timeout): reported, and the pruner runs again next tick.
                LogFailed(ex);
            }
        }
        while (await WaitAsync(timer, stoppingToken).ConfigureAwait(false));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Debug,
        Message = "Forgot {Count} handled activity ids and the payloads of {Forgotten} delivered messages; {Straddled} near a purge; "
            + "{NeverPosted} records of messages never posted")]
    private partial void LogPruned(int count, int forgotten, int straddled, int neverPosted);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Warning,
        Message = "Gave up {Count} outbox messages not sent within two days of being queued; what they said is forgotten")]
    private partial void LogGivenUp(int count);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning,
        Message = "The database's write-ahead log could not be emptied after a purge (readers were busy); will try again")]
    private partial void LogNotTruncated();

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Pruning handled activity ids failed; will try again")]
    private partial void LogFailed(Exception exception);
}
