using System.Data.Common;
using Dapper;

namespace WorkshopBot.Storage;

/// <summary>
/// The group commit's general path: the works of a batch one after another in one transaction, each in its own
/// savepoint, each statement run and checked before the next (document updates, outbox messages, custom steps).
/// </summary>
internal sealed partial class SqlStoreCommitter
{
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
            catch (DbException ex) when (IsLockConflict(ex))
            {
                results[i] = new CommitResult(CommitOutcome.Conflict,
                    Conflict: $"refused for another transaction (SQLSTATE {ex.SqlState})");
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

    /// <summary>
    /// Whether the database refused the work's statement only because of another transaction running at the same time:
    /// on PostgreSQL a deadlock (40P01), when another instance writes the same rows in another order (the same vote
    /// redelivered to both instances at once, say), or a serialization failure (40001). Nothing of the work is stored, so
    /// it is a conflict like a changed version: its turn runs again from fresh reads instead of failing.
    /// </summary>
    private static bool IsLockConflict(DbException ex) => ex.SqlState is "40P01" or "40001";

    private async Task<CommitResult> ApplyAsync(StoreWork work, DbConnection connection, DbTransaction transaction)
    {
        var now = UnixTime.ToMs(time.GetUtcNow());
        if (work.Processed is { } mark)
        {
            var marked = await ExecuteAsync(connection, transaction, MarkStatement(mark)).ConfigureAwait(false);
            if (marked == 0)
            {
                var stored = await connection.QuerySingleOrDefaultAsync<(int? Status, string? Json, byte[]? Packed, string? Person)>(
                    new CommandDefinition("""
                    SELECT response_status AS Status, response_json AS Json, response_packed AS Packed, person_key AS Person
                    FROM processed_activities
                    WHERE conversation_id = @ConversationId AND activity_id = @ActivityId
                    """, new { mark.ConversationId, mark.ActivityId }, transaction)).ConfigureAwait(false);
                return new CommitResult(CommitOutcome.AlreadyProcessed,
                    StoredResponse.Read(stored.Status, stored.Json, stored.Packed, stored.Person));
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
                    INSERT INTO documents (collection, id, version, json, key1, key2, tenant_id, updated_at, stamp)
                    VALUES (@Collection, @Id, 1, @Json, @Key1, @Key2, @TenantId, @now, @stamp)
                    ON CONFLICT (collection, id) DO NOTHING
                    """,
                    new
                    {
                        insert.Collection, insert.Id, insert.Json, insert.Key1, insert.Key2, insert.TenantId, now,
                        stamp = SqlDocumentStore.NewStamp(),
                    },
                    transaction)).ConfigureAwait(false) == 1;

            case StoreWork.UpdateStep update:
                return await connection.ExecuteAsync(new CommandDefinition("""
                    UPDATE documents
                    SET version = version + 1, json = @Json, key1 = @Key1, key2 = @Key2,
                        tenant_id = COALESCE(@TenantId, tenant_id), updated_at = @now, stamp = @stamp
                    WHERE collection = @Collection AND id = @Id AND version = @ExpectedVersion
                    """,
                    new
                    {
                        update.Collection, update.Id, update.ExpectedVersion, update.Json, update.Key1, update.Key2, update.TenantId, now,
                        stamp = SqlDocumentStore.NewStamp(),
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
                        target_channel_id, activity_id, update_of_key, service_url_from, payload_json, dedupe_key,
                        correlation_id, status, attempts, next_attempt_at, created_at, updated_at)
                    VALUES (@TenantId, @Kind, @ServiceUrl, @ConversationId, @TargetUserId,
                        @TargetChannelId, @ActivityId, @UpdateOfKey, @ServiceUrlFrom, @PayloadJson, @DedupeKey,
                        @CorrelationId, 'Pending', 0, @NextAttemptAt, @CreatedAt, @CreatedAt)
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
                        m.ServiceUrlFrom,
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
                return await RunInTurnAsync(connection, transaction, statements.Statements(database.Provider)).ConfigureAwait(false);

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
}
