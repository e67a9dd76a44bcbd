using System.Collections.Concurrent;
using System.Data.Common;
using Dapper;
using WorkshopBot.Common;

namespace WorkshopBot.Storage;

/// <summary>
/// Commits <see cref="StoreWork"/>s with group commit: works that arrive while a commit is running are applied together
/// in the next transaction, each inside its own savepoint, so one work's conflict rolls back that work alone while
/// the others share one transaction and one fsync. The first caller to find no commit running leads until its own
/// work is done, then hands what is queued to a background leader; the others wait for their own outcome only. A
/// caller learns its outcome only after the transaction holding its work has committed.
/// A batch of statement-only works (votes) first tries all at once, without savepoints (SqlStoreCommitter.AllAtOnce.cs).
/// A batch that formed behind a running commit waits a moment for more works before it commits (see NextBatchAsync).
/// A commit that fails with a database error tells <see cref="StoreWrites"/>, for <c>/readyz</c>; one that stores a work
/// clears it.
/// </summary>
internal sealed partial class SqlStoreCommitter(StorageDatabase database, TimeProvider time, GroupCommitWait wait, StoreWrites writes)
    : IStoreCommitter
{
    /// <summary>The most works applied in one transaction.</summary>
    public const int MaxBatch = 128;

    /// <summary>A batch that formed behind a running commit waits for more works only while it holds fewer than this.</summary>
    public const int GatherUpTo = 16;

    private readonly ConcurrentQueue<Pending> _queue = new();

    /// <summary>1 while a leader is committing batches, 0 otherwise.</summary>
    private int _leading;

    private int _allAtOnce;

    /// <summary>Works waiting for the next batch (for tests that need several works in one batch).</summary>
    internal int Queued => _queue.Count;

    /// <summary>Batches committed all at once, without the one-by-one path (for tests of the quick path).</summary>
    internal int AllAtOnceBatches => Volatile.Read(ref _allAtOnce);

    private int _batches;

    /// <summary>Transactions begun, one per batch (for tests of how works are grouped).</summary>
    internal int Batches => Volatile.Read(ref _batches);

    public async Task<CommitResult> CommitAsync(StoreWork work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (work.IsEmpty)
        {
            return CommitResult.Committed;
        }

        // Once queued, the work is committed (or not) whatever happens to the caller: waiting is not cancellable.
        var pending = new Pending(work);
        _queue.Enqueue(pending);
        if (TryLead())
        {
            await LeadAsync(pending).ConfigureAwait(false);
        }

        return await pending.Completion.Task.ConfigureAwait(false);
    }

    private bool TryLead() => Interlocked.CompareExchange(ref _leading, 1, 0) == 0;

    /// <summary>
    /// Commits batch after batch until <paramref name="own"/> (the leading caller's work) is done, or, for a background
    /// leader (null), until the queue is empty. The works left are then handed to a background leader, so the caller
    /// returns to its request and the others wait only for their own outcome, never for each other in turn.
    /// </summary>
    private async Task LeadAsync(Pending? own)
    {
        try
        {
            while (own?.Completion.Task.IsCompleted != true
                   && await NextBatchAsync(background: own is null).ConfigureAwait(false) is { Count: > 0 } batch)
            {
                try
                {
                    await CommitBatchAsync(batch).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    // Whatever went wrong, every caller in the batch hears of it instead of waiting for ever.
                    foreach (var pending in batch)
                    {
                        pending.Completion.TrySetException(ex);
                    }
                }
            }
        }
        finally
        {
            Volatile.Write(ref _leading, 0);
        }

        // A work queued after the last batch was taken found a leader and did not lead: it must not wait unseen.
        if (!_queue.IsEmpty && TryLead())
        {
            _ = Detached.Run(() => LeadAsync(null));
        }
    }

    /// <summary>
    /// The next batch. A background leader exists only because works arrived while a commit ran, so more are on their
    /// way: while fewer than <see cref="GatherUpTo"/> are queued it waits <see cref="GroupCommitWait.For"/> for them, and
    /// a few larger transactions replace many small ones. Every commit writes some pages whatever it holds (the
    /// database's header, the poll's running counts, the ends of the log's indexes) and sends every kept reader back to
    /// the file for the pages it needs; at 5,000 votes a second a commit held two or three votes without the wait. The
    /// caller that leads found no commit running and goes at once, so a lone vote never waits. (PostgreSQL's own
    /// <c>commit_delay</c> makes the same trade for its log flush.)
    /// </summary>
    private async ValueTask<List<Pending>> NextBatchAsync(bool background)
    {
        if (background && wait.For > TimeSpan.Zero && !_queue.IsEmpty && _queue.Count < GatherUpTo)
        {
            await Task.Delay(wait.For, wait.Clock).ConfigureAwait(false);
        }

        return TakeBatch();
    }

    private List<Pending> TakeBatch()
    {
        var batch = new List<Pending>();
        while (batch.Count < MaxBatch && _queue.TryDequeue(out var next))
        {
            batch.Add(next);
        }

        return batch;
    }

    private async Task CommitBatchAsync(List<Pending> batch)
    {
        if (batch.Count == 0)
        {
            return;
        }

        Interlocked.Increment(ref _batches);
        var results = new CommitResult?[batch.Count];
        var failures = new Exception?[batch.Count];
        DbConnection? connection = null;
        var broken = true;
        try
        {
            connection = await database.OpenWriterAsync(CancellationToken.None).ConfigureAwait(false);
            if (await TryAllAtOnceAsync(connection, batch).ConfigureAwait(false))
            {
                Array.Fill(results, CommitResult.Committed);
                Interlocked.Increment(ref _allAtOnce);
                broken = false;
            }
            else
            {
                broken = await ApplyOneByOneAsync(connection, batch, results, failures).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException or IOException)
        {
            // The transaction did not commit: nothing of any work in it was stored.
            writes.Failed(ex);
            foreach (var pending in batch)
            {
                pending.Completion.TrySetException(ex);
            }

            return;
        }
        finally
        {
            if (connection is not null)
            {
                await database.ReleaseWriterAsync(connection, broken).ConfigureAwait(false);
            }
        }

        if (failures.FirstOrDefault(f => f is not null) is { } failed)
        {
            writes.Failed(failed);
        }
        else if (results.Any(r => r?.Outcome == CommitOutcome.Committed))
        {
            writes.Stored();
        }

        for (var i = 0; i < batch.Count; i++)
        {
            if (failures[i] is { } failure)
            {
                batch[i].Completion.TrySetException(failure);
            }
            else
            {
                batch[i].Completion.TrySetResult(results[i]!);
            }
        }
    }

    private sealed class Pending(StoreWork work)
    {
        public StoreWork Work { get; } = work;

        public TaskCompletionSource<CommitResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
