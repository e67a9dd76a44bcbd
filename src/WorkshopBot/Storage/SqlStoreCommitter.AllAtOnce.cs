using System.Data.Common;

namespace WorkshopBot.Storage;

/// <summary>
/// The group commit's quick path. When every work of a batch is made only of statements whose checks can wait until
/// all have run (the processed mark, <see cref="StoreWork.StatementsStep"/>s and audit lines: a vote's turn), the batch
/// runs without savepoints, shaped by <see cref="StoreStatementBatch"/> (running counts summed; on PostgreSQL each kind
/// of statement sent once for all the works, with array parameters, in one round trip), and every expected row count is
/// checked afterwards. If all hold, the transaction commits. If any does not (an activity already processed, a ballot
/// changed, voting closed) or a statement fails, the transaction rolls back, nothing of it is kept, and the batch runs
/// again one work at a time with savepoints, which gives each work its own outcome.
/// </summary>
internal sealed partial class SqlStoreCommitter
{
    private const string MarkSql = """
        INSERT INTO processed_activities (conversation_id, activity_id, processed_at, response_status, response_packed,
            person_key)
        VALUES (@ConversationId, @ActivityId, @at, @ResponseStatus, @ResponsePacked, @PersonKey)
        ON CONFLICT (conversation_id, activity_id) DO NOTHING
        """;

    private const string AuditSql = """
        INSERT INTO audit_events (at, actor_id, actor_name, action, subject_type, subject_id, detail_json, tenant_id)
        VALUES (@At, @ActorId, @ActorName, @Action, @SubjectType, @SubjectId, @DetailJson, @TenantId)
        """;

    private const string MarksSql = """
        INSERT INTO processed_activities (conversation_id, activity_id, processed_at, response_status, response_packed,
            person_key)
        SELECT * FROM unnest(@ConversationId::text[], @ActivityId::text[], @at::bigint[], @ResponseStatus::int[],
            @ResponsePacked::bytea[], @PersonKey::text[])
        ON CONFLICT (conversation_id, activity_id) DO NOTHING
        """;

    private const string AuditsSql = """
        INSERT INTO audit_events (at, actor_id, actor_name, action, subject_type, subject_id, detail_json, tenant_id)
        SELECT * FROM unnest(@At::bigint[], @ActorId::text[], @ActorName::text[], @Action::text[], @SubjectType::text[],
            @SubjectId::text[], @DetailJson::text[], @TenantId::text[])
        """;

    private static StoreStatement MarkStatement(StoreWork.ProcessedMark mark) => new(MarkSql, 1,
        ("@ConversationId", mark.ConversationId), ("@ActivityId", mark.ActivityId), ("@at", UnixTime.ToMs(mark.At)),
        ("@ResponseStatus", mark.ResponseStatus), ("@ResponsePacked", mark.ResponsePacked), ("@PersonKey", mark.PersonKey))
    {
        ArraySql = MarksSql,
    };

    private static StoreStatement AuditStatement(NewAuditEvent e) => new(AuditSql, null,
        ("@At", UnixTime.ToMs(e.At)), ("@ActorId", e.ActorId), ("@ActorName", e.ActorName), ("@Action", e.Action),
        ("@SubjectType", e.SubjectType), ("@SubjectId", e.SubjectId), ("@DetailJson", e.DetailJson),
        ("@TenantId", e.TenantId)) { ArraySql = AuditsSql };

    private static Task<int> ExecuteAsync(DbConnection connection, DbTransaction transaction, StoreStatement statement) =>
        StoreCommands.ExecuteAsync(connection, transaction, statement.Sql, statement.Parameters);

    /// <summary>
    /// The batch's statements, shaped to run at once (<see cref="StoreStatementBatch"/>), or null when a work holds a step
    /// whose next statement depends on an earlier answer (a document update, an outbox message, a custom step): such a
    /// batch goes one work at a time.
    /// </summary>
    private List<StoreStatement>? AllStatements(List<Pending> batch)
    {
        var statements = new List<StoreStatement>();
        foreach (var pending in batch)
        {
            if (pending.Work.Processed is { } mark)
            {
                statements.Add(MarkStatement(mark));
            }

            foreach (var step in pending.Work.Steps)
            {
                switch (step)
                {
                    case StoreWork.StatementsStep s:
                        statements.AddRange(s.Statements(database.Provider));
                        break;
                    case StoreWork.AppendStep { Entry: var entry }:
                        statements.Add(AuditStatement(entry));
                        break;
                    default:
                        return null;
                }
            }
        }

        return StoreStatementBatch.Shape(statements, arrays: database.Provider == StorageProvider.Postgres);
    }

    /// <summary>Commits the whole batch at once and answers true, or stores nothing and answers false.</summary>
    private async Task<bool> TryAllAtOnceAsync(DbConnection connection, List<Pending> batch)
    {
        if (AllStatements(batch) is not { } statements)
        {
            return false;
        }

        await using var transaction =
            await StorageDatabase.BeginWriteTransactionAsync(connection, CancellationToken.None).ConfigureAwait(false);
        bool held;
        try
        {
            held = connection.CanCreateBatch
                ? await RunAsOneBatchAsync(connection, transaction, statements).ConfigureAwait(false)
                : await RunInTurnAsync(connection, transaction, statements).ConfigureAwait(false);
        }
        catch (DbException)
        {
            // The works go one by one next, where the failing statement is reported to its own work.
            held = false;
        }

        if (!held)
        {
            await transaction.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
            return false;
        }

        await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        return true;
    }

    /// <summary>One statement after another (SQLite: in-process, each kept prepared); stops at the first check that fails.</summary>
    private static async Task<bool> RunInTurnAsync(DbConnection connection, DbTransaction transaction,
        IReadOnlyList<StoreStatement> statements)
    {
        foreach (var statement in statements)
        {
            var changed = await ExecuteAsync(connection, transaction, statement).ConfigureAwait(false);
            if (statement.ExpectedRows is { } expected && changed != expected)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Every statement in one round trip (PostgreSQL), then every check.</summary>
    private static async Task<bool> RunAsOneBatchAsync(DbConnection connection, DbTransaction transaction,
        List<StoreStatement> statements)
    {
        await using var batch = connection.CreateBatch();
        batch.Transaction = transaction;
        foreach (var statement in statements)
        {
            var command = batch.CreateBatchCommand();
            command.CommandText = statement.Sql;
            foreach (var (name, value) in statement.Parameters)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                parameter.Value = value ?? DBNull.Value;
                command.Parameters.Add(parameter);
            }

            batch.BatchCommands.Add(command);
        }

        await batch.ExecuteNonQueryAsync().ConfigureAwait(false);
        for (var i = 0; i < statements.Count; i++)
        {
            if (statements[i].ExpectedRows is { } expected && batch.BatchCommands[i].RecordsAffected != expected)
            {
                return false;
            }
        }

        return true;
    }
}
