using System.Collections.Concurrent;
using System.Data.Common;
using Dapper;

namespace WorkshopBot.Storage;

/// <summary>
/// Commits <see cref="StoreWork"/>s with group commit: works that arrive while a commit is running are applied together
/// in the next transaction, each inside its own savepoint, so one work's conflict rolls back that work alone while
/// the others share one transaction and one fsync. The first caller to find no commit running leads; the others find
/// their work already done. A caller learns its outcome only after the transaction holding its work has committed.
/// A batch of statement-only works (votes) first tries all at once, without savepoints (SqlStoreCommitter.AllAtOnce.cs).
/// </summary>
internal sealed partial class SqlStoreCommitter(StorageDatabase database, TimeProvider time) : IStoreCommitter
{
    /// <summary>The most works applied in one transaction.</summary>
    public const int MaxBatch = 128;

    private readonly ConcurrentQueue<Pending> _queue = new();
    private readonly SemaphoreSlim _leader = new(1, 1);

    /// <summary>Works waiting for the next batch (for tests that need several works in one batch).</summary>
    internal int Queued => _queue.Count;

    public async Task<CommitResult> CommitAsync(StoreWork work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (work.IsEmpty)
        {
            return CommitResult.Committed;
        }

        var pending = new Pending(work);
        _queue.Enqueue(pending);
        while (!pending.Completion.Task.IsCompleted)
        {
            // Once queued, the work is committed (or not) whatever happens to the caller: waiting is not cancellable.
            await _leader.WaitAsync(CancellationToken.None).ConfigureAwait(false);
            try
            {
                if (!pending.Completion.Task.IsCompleted)
                {
                    await CommitBatchAsync(TakeBatch()).ConfigureAwait(false);
                }
            }
            finally
            {
                _leader.Release();
            }
        }

        return await pending.Completion.Task.ConfigureAwait(false);
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

    /// <summary>
    /// Applies the works one after another in one transaction, each inside its own savepoint, so that one work's conflict,
    /// earlier processing or failed statement undoes that work alone. Answers whether a statement failed (the connection
    /// is then not kept for the next batch).
    /// </summary>
    private async Task<bool> ApplyOneByOneAsync(DbConnection connection, List<Pending> batch, CommitResult?[] results,
        Exception?[] failures)
    {
        await using var transaction =
            await StorageDatabase.BeginWriteTransactionAsync(connection, CancellationToken.None).ConfigureAwait(false);
        // A lone work needs no savepoint: if it does not commit, the whole transaction rolls back.
        var lone = batch.Count == 1;
        for (var i = 0; i < batch.Count; i++)
        {
            if (!lone)
            {
                await transaction.SaveAsync("work").ConfigureAwait(false);
            }

            try
            {
                results[i] = await ApplyAsync(batch[i].Work, connection, transaction).ConfigureAwait(false);
            }
            catch (DbException ex)
            {
                failures[i] = ex;
            }

            if (!lone)
            {
                if (results[i]?.Outcome != CommitOutcome.Committed)
                {
                    await transaction.RollbackAsync("work").ConfigureAwait(false);
                }

                await transaction.ReleaseAsync("work").ConfigureAwait(false);
            }
        }

        if (lone && results[0]?.Outcome != CommitOutcome.Committed)
        {
            await transaction.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
        }
        else
        {
            await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        }

        // A statement that failed inside a savepoint leaves the connection sound, but start the next batch afresh.
        return failures.Any(f => f is not null);
    }

    private async Task<CommitResult> ApplyAsync(StoreWork work, DbConnection connection, DbTransaction transaction)
    {
        var now = UnixTime.ToMs(time.GetUtcNow());
        if (work.Processed is { } mark)
        {
            var marked = await ExecuteAsync(connection, transaction, MarkStatement(mark)).ConfigureAwait(false);
            if (marked == 0)
            {
                var stored = await connection.QuerySingleOrDefaultAsync<(int? Status, string? Json)>(new CommandDefinition("""
                    SELECT response_status AS Status, response_json AS Json FROM processed_activities
                    WHERE conversation_id = @ConversationId AND activity_id = @ActivityId
                    """, new { mark.ConversationId, mark.ActivityId }, transaction)).ConfigureAwait(false);
                return new CommitResult(CommitOutcome.AlreadyProcessed, new StoredResponse(stored.Status ?? 200, stored.Json));
            }
        }

        foreach (var step in work.Steps)
        {
            if (!await ApplyAsync(step, connection, transaction, now).ConfigureAwait(false))
            {
                return new CommitResult(CommitOutcome.Conflict, Conflict: Describe(step));
            }
        }

        return CommitResult.Committed;
    }

    private async Task<bool> ApplyAsync(StoreWork.Step step, DbConnection connection, DbTransaction transaction, long now)
    {
        switch (step)
        {
            case StoreWork.InsertStep insert:
                return await connection.ExecuteAsync(new CommandDefinition("""
                    INSERT INTO documents (collection, id, version, json, key1, key2, tenant_id, updated_at)
                    VALUES (@Collection, @Id, 1, @Json, @Key1, @Key2, @TenantId, @now)
                    ON CONFLICT (collection, id) DO NOTHING
                    """, new { insert.Collection, insert.Id, insert.Json, insert.Key1, insert.Key2, insert.TenantId, now },
                    transaction)).ConfigureAwait(false) == 1;

            case StoreWork.UpdateStep update:
                return await connection.ExecuteAsync(new CommandDefinition("""
                    UPDATE documents
                    SET version = version + 1, json = @Json, key1 = @Key1, key2 = @Key2,
                        tenant_id = COALESCE(@TenantId, tenant_id), updated_at = @now
                    WHERE collection = @Collection AND id = @Id AND version = @ExpectedVersion
                    """,
                    new
                    {
                        update.Collection, update.Id, update.ExpectedVersion, update.Json, update.Key1, update.Key2, update.TenantId, now,
                    },
                    transaction)).ConfigureAwait(false) == 1;

            case StoreWork.DeleteStep delete:
                await connection.ExecuteAsync(new CommandDefinition(
                    "DELETE FROM documents WHERE collection = @Collection AND id = @Id",
                    new { delete.Collection, delete.Id }, transaction)).ConfigureAwait(false);
                return true;

            case StoreWork.EnqueueStep { Message: var m }:
                // A taken dedupe key means this message was queued before: nothing new, and not a conflict.
                await connection.ExecuteAsync(new CommandDefinition("""
                    INSERT INTO outbox_messages (tenant_id, kind, service_url, conversation_id, target_user_id,
                        target_channel_id, activity_id, update_of_key, payload_json, dedupe_key, correlation_id, status,
                        attempts, next_attempt_at, created_at, updated_at)
                    VALUES (@TenantId, @Kind, @ServiceUrl, @ConversationId, @TargetUserId,
                        @TargetChannelId, @ActivityId, @UpdateOfKey, @PayloadJson, @DedupeKey, @CorrelationId, 'Pending',
                        0, @NextAttemptAt, @CreatedAt, @CreatedAt)
                    ON CONFLICT (dedupe_key) DO NOTHING
                    """, new
                    {
                        m.TenantId,
                        Kind = m.Kind.ToString(),
                        m.ServiceUrl,
                        m.ConversationId,
                        m.TargetUserId,
                        m.TargetChannelId,
                        m.ActivityId,
                        m.UpdateOfKey,
                        m.PayloadJson,
                        m.DedupeKey,
                        m.CorrelationId,
                        NextAttemptAt = UnixTime.ToMs(m.NextAttemptAt ?? m.CreatedAt),
                        CreatedAt = UnixTime.ToMs(m.CreatedAt),
                    }, transaction)).ConfigureAwait(false);
                return true;

            case StoreWork.AppendStep { Entry: var e }:
                await ExecuteAsync(connection, transaction, AuditStatement(e)).ConfigureAwait(false);
                return true;

            case StoreWork.StatementsStep statements:
                foreach (var statement in statements.Statements(database.Provider))
                {
                    var changed = await ExecuteAsync(connection, transaction, statement).ConfigureAwait(false);
                    if (statement.ExpectedRows is { } expected && changed != expected)
                    {
                        return false;
                    }
                }

                return true;

            case StoreWork.CustomStep custom:
                return await custom.Run(connection, transaction, database.Provider, CancellationToken.None).ConfigureAwait(false);

            default:
                throw new InvalidOperationException($"Unknown store step {step.GetType().Name}.");
        }
    }

    private static string Describe(StoreWork.Step step) => step switch
    {
        StoreWork.InsertStep i => $"{i.Collection}/{i.Id} exists",
        StoreWork.UpdateStep u => $"{u.Collection}/{u.Id} changed since version {u.ExpectedVersion}",
        StoreWork.CustomStep c => c.Description,
        StoreWork.StatementsStep s => s.Description,
        _ => step.GetType().Name,
    };

    private sealed class Pending(StoreWork work)
    {
        public StoreWork Work { get; } = work;

        public TaskCompletionSource<CommitResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
