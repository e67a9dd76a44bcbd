// Lease outcomes and lookups: marking a leased message sent, failed, rescheduled or postponed, releasing leases, and reads.
using Dapper;

namespace WorkshopBot.Storage;

internal sealed partial class SqlOutboxStore
{
    /// <summary>
    /// Marks the message sent, and in the same transaction gives the records of a message that shows an audit
    /// (<c>ShownMessages</c>) the ids Teams answered with, so retention can take the card down once the outbox row is gone.
    /// </summary>
    public async Task<bool> MarkSentAsync(long id, string owner, string? sentActivityId, string? resultConversationId,
        DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        var args = new { id, owner, sentActivityId, resultConversationId, at = UnixTime.ToMs(at) };
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await StorageDatabase.BeginWriteTransactionAsync(connection, cancellationToken)
            .ConfigureAwait(false);
        var changed = await connection.ExecuteAsync(new CommandDefinition($"""
            UPDATE outbox_messages
            SET status = 'Sent', sent_activity_id = @sentActivityId, result_conversation_id = @resultConversationId,
                lease_owner = NULL, lease_until = NULL, updated_at = @at, completed_at = @at
            WHERE {OwnedInFlight}
            """, args, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (changed == 1 && !string.IsNullOrEmpty(sentActivityId))
        {
            // A record that names the same card already (the card pressed, recorded by its ids) is left as it is.
            await connection.ExecuteAsync(new CommandDefinition("""
                UPDATE audit_shown_messages
                SET activity_id = @sentActivityId, conversation_id = COALESCE(@resultConversationId, conversation_id)
                WHERE outbox_key = (SELECT dedupe_key FROM outbox_messages WHERE id = @id) AND activity_id IS NULL
                    AND NOT EXISTS (SELECT 1 FROM audit_shown_messages same
                        WHERE same.audit_id = audit_shown_messages.audit_id AND same.activity_id = @sentActivityId
                            AND same.conversation_id = COALESCE(@resultConversationId, audit_shown_messages.conversation_id))
                """, args, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return changed == 1;
    }

    public Task<bool> ForgetSentAsync(long id, string owner, CancellationToken cancellationToken = default) =>
        UpdateOwnedAsync($"DELETE FROM outbox_messages WHERE {OwnedInFlight} AND dedupe_key LIKE @takeDown",
            new { id, owner, takeDown = IOutboxStore.TakeDownPrefix + "%" }, cancellationToken);

    public Task<bool> MarkBlockedAsync(long id, string owner, string reason, DateTimeOffset at,
        CancellationToken cancellationToken = default) =>
        CompleteUnsentAsync(id, owner, OutboxStatus.Blocked, reason, at, cancellationToken);

    public Task<bool> MarkFailedAsync(long id, string owner, string error, DateTimeOffset at,
        CancellationToken cancellationToken = default) =>
        CompleteUnsentAsync(id, owner, OutboxStatus.Failed, error, at, cancellationToken);

    public Task<bool> RescheduleAsync(long id, string owner, DateTimeOffset nextAttemptAt, string error,
        DateTimeOffset at, CancellationToken cancellationToken = default) =>
        UpdateOwnedAsync($"""
            UPDATE outbox_messages
            SET status = 'Pending', attempts = attempts + 1, next_attempt_at = @nextAttemptAt, last_error = @error,
                lease_owner = NULL, lease_until = NULL, updated_at = @at
            WHERE {OwnedInFlight}
            """,
            new { id, owner, nextAttemptAt = UnixTime.ToMs(nextAttemptAt), error, at = UnixTime.ToMs(at) },
            cancellationToken);

    public async Task<OutboxMessage?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM outbox_messages WHERE id = @id", new { id },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row?.ToMessage();
    }

    public async Task<OutboxMessage?> FindByDedupeKeyAsync(string dedupeKey, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM outbox_messages WHERE dedupe_key = @dedupeKey", new { dedupeKey },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row?.ToMessage();
    }

    // The lease is extended in the statement that fences the attempt: once it says yes, no claimer can take the message
    // until the send has had its full time, and once another owner has it, it says no and nothing is sent.
    public Task<bool> MarkAttemptStartedAsync(long id, string owner, DateTimeOffset at, DateTimeOffset leaseUntil,
        CancellationToken cancellationToken = default) =>
        UpdateOwnedAsync($"""
            UPDATE outbox_messages SET attempt_started_at = @at, lease_until = @leaseUntil, updated_at = @at
            WHERE {OwnedInFlight}
            """, new { id, owner, at = UnixTime.ToMs(at), leaseUntil = UnixTime.ToMs(leaseUntil) }, cancellationToken);

    public Task<bool> PostponeAsync(long id, string owner, DateTimeOffset nextAttemptAt, DateTimeOffset at,
        CancellationToken cancellationToken = default) =>
        UpdateOwnedAsync($"""
            UPDATE outbox_messages
            SET status = 'Pending', next_attempt_at = @nextAttemptAt, lease_owner = NULL, lease_until = NULL, updated_at = @at
            WHERE {OwnedInFlight}
            """, new { id, owner, nextAttemptAt = UnixTime.ToMs(nextAttemptAt), at = UnixTime.ToMs(at) }, cancellationToken);

    public async Task<(int Released, int Started)> ReleaseOwnedAsync(string instance, string owner, DateTimeOffset now,
        DateTimeOffset aliveSince, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instance);
        ArgumentException.ThrowIfNullOrEmpty(owner);
        // The instance's own earlier runs: its bare name (owners before incarnations) or "{instance}/" and another
        // incarnation. Compared by substr, not LIKE, so an instance name holding % or _ matches only itself. A run whose
        // beat is fresh is alive (another process with the same instance id), and what it holds is left to it. One
        // statement, so what is counted is what is released.
        var prefix = IOutboxStore.OwnerOf(instance, "");
        var args = new { instance, owner, prefix, prefixLength = prefix.Length, now = UnixTime.ToMs(now),
            aliveSince = UnixTime.ToMs(aliveSince) };
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var released = (await connection.QueryAsync<long?>(new CommandDefinition("""
            UPDATE outbox_messages
            SET status = 'Pending', lease_owner = NULL, lease_until = NULL, next_attempt_at = @now, updated_at = @now
            WHERE status = 'InFlight' AND (lease_owner = @instance
                    OR (substr(lease_owner, 1, @prefixLength) = @prefix AND lease_owner <> @owner))
                AND NOT EXISTS (SELECT 1 FROM outbox_runs
                    WHERE outbox_runs.owner = outbox_messages.lease_owner AND outbox_runs.beat_at >= @aliveSince)
            RETURNING attempt_started_at
            """, args, cancellationToken: cancellationToken)).ConfigureAwait(false)).ToList();
        return (released.Count, released.Count(started => started is not null));
    }

    public async Task<IReadOnlyList<OutboxMessage>> ListByCorrelationAsync(string correlationId,
        CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM outbox_messages WHERE correlation_id = @correlationId ORDER BY id",
            new { correlationId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => r.ToMessage()).ToList();
    }

    public async Task<long> CountPendingAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM outbox_messages WHERE status IN ('Pending', 'InFlight')",
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task<int> ForgetContentAsync(DateTimeOffset completedBefore, CancellationToken cancellationToken = default)
    {
        // The payload is a card (what someone wrote): the bytes it is rewritten over are wiped, not left in free space.
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await SecureDelete.RunAsync(connection, null, () => connection.ExecuteAsync(new CommandDefinition("""
            UPDATE outbox_messages SET payload_json = @forgotten
            WHERE status IN ('Sent', 'Blocked', 'Failed') AND completed_at < @before AND payload_json <> @forgotten
            """, new { forgotten = IOutboxStore.ForgottenPayload, before = UnixTime.ToMs(completedBefore) },
            cancellationToken: cancellationToken)), cancellationToken).ConfigureAwait(false);
    }

    public async Task<int> GiveUpUnsentAsync(DateTimeOffset queuedBefore, DateTimeOffset now,
        CancellationToken cancellationToken = default)
    {
        // One statement, so a claimer either takes a message first (and its live lease keeps it) or finds it failed. What it
        // said is wiped from the file, as a forgotten payload is.
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await SecureDelete.RunAsync(connection, null, () => connection.ExecuteAsync(new CommandDefinition("""
            UPDATE outbox_messages
            SET status = 'Failed', payload_json = @forgotten, last_error = @error, lease_owner = NULL, lease_until = NULL,
                updated_at = @now, completed_at = @now
            WHERE created_at < @before AND (status = 'Pending' OR (status = 'InFlight' AND lease_until <= @now))
            """, new
            {
                forgotten = IOutboxStore.ForgottenPayload, error = IOutboxStore.GivenUpError,
                before = UnixTime.ToMs(queuedBefore), now = UnixTime.ToMs(now),
            }, cancellationToken: cancellationToken)), cancellationToken).ConfigureAwait(false);
    }

    private Task<bool> CompleteUnsentAsync(long id, string owner, OutboxStatus status, string error,
        DateTimeOffset at, CancellationToken cancellationToken) =>
        UpdateOwnedAsync($"""
            UPDATE outbox_messages
            SET status = @status, last_error = @error, lease_owner = NULL, lease_until = NULL,
                updated_at = @at, completed_at = @at
            WHERE {OwnedInFlight}
            """, new { id, owner, status = status.ToString(), error, at = UnixTime.ToMs(at) }, cancellationToken);

    private async Task<bool> UpdateOwnedAsync(string sql, object args, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var changed = await connection.ExecuteAsync(new CommandDefinition(sql, args,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return changed == 1;
    }
}
