// Enqueue and claims: the column list and claim statements, enqueueing, claiming due or keyed messages, and row mapping.
using Dapper;

namespace WorkshopBot.Storage;

internal sealed partial class SqlOutboxStore(StorageDatabase database) : IOutboxStore
{
    private const string Columns = """
        id AS Id, tenant_id AS TenantId, kind AS Kind, service_url AS ServiceUrl, conversation_id AS ConversationId,
        target_user_id AS TargetUserId, target_channel_id AS TargetChannelId, activity_id AS ActivityId,
        update_of_key AS UpdateOfKey, service_url_from AS ServiceUrlFrom, attempt_started_at AS AttemptStartedAt,
        payload_json AS PayloadJson, dedupe_key AS DedupeKey, correlation_id AS CorrelationId, status AS Status,
        attempts AS Attempts, next_attempt_at AS NextAttemptAt, lease_until AS LeaseUntil,
        lease_owner AS LeaseOwner, sent_activity_id AS SentActivityId,
        result_conversation_id AS ResultConversationId, last_error AS LastError, created_at AS CreatedAt,
        updated_at AS UpdatedAt, completed_at AS CompletedAt, reported_at AS ReportedAt
        """;

    private const string DueCondition = """
        (status = 'Pending' AND next_attempt_at <= @now) OR (status = 'InFlight' AND lease_until <= @now)
        """;

    // Both claim statements lease and return in one statement, so no other claimer can slip in between.
    private const string SqliteClaim = $"""
        UPDATE outbox_messages
        SET status = 'InFlight', lease_owner = @owner, lease_until = @leaseUntil, updated_at = @now
        WHERE id IN (SELECT id FROM outbox_messages WHERE {DueCondition} ORDER BY next_attempt_at, id LIMIT @max)
        RETURNING {Columns}
        """;

    private const string PostgresClaim = $"""
        WITH due AS (
            SELECT id AS due_id FROM outbox_messages
            WHERE {DueCondition}
            ORDER BY next_attempt_at, id
            LIMIT @max
            FOR UPDATE SKIP LOCKED)
        UPDATE outbox_messages
        SET status = 'InFlight', lease_owner = @owner, lease_until = @leaseUntil, updated_at = @now
        FROM due WHERE id = due.due_id
        RETURNING {Columns}
        """;

    // Only the holder of the current lease may complete or reschedule a message.
    private const string OwnedInFlight = "id = @id AND status = 'InFlight' AND lease_owner = @owner";

    public async Task<OutboxMessage> EnqueueAsync(NewOutboxMessage message, CancellationToken cancellationToken = default)
    {
        Validate(message);
        var createdAt = UnixTime.ToMs(message.CreatedAt);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var inserted = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition($"""
            INSERT INTO outbox_messages (tenant_id, kind, service_url, conversation_id, target_user_id,
                target_channel_id, activity_id, update_of_key, service_url_from, payload_json, dedupe_key, correlation_id,
                status, attempts, next_attempt_at, created_at, updated_at)
            VALUES (@TenantId, @Kind, @ServiceUrl, @ConversationId, @TargetUserId,
                @TargetChannelId, @ActivityId, @UpdateOfKey, @ServiceUrlFrom, @PayloadJson, @DedupeKey, @CorrelationId,
                'Pending', 0, @NextAttemptAt, @CreatedAt, @CreatedAt)
            ON CONFLICT (dedupe_key) DO NOTHING
            RETURNING {Columns}
            """,
            new
            {
                message.TenantId,
                Kind = message.Kind.ToString(),
                message.ServiceUrl,
                message.ConversationId,
                message.TargetUserId,
                message.TargetChannelId,
                message.ActivityId,
                message.UpdateOfKey,
                message.ServiceUrlFrom,
                message.PayloadJson,
                message.DedupeKey,
                message.CorrelationId,
                NextAttemptAt = UnixTime.ToMs(message.NextAttemptAt ?? message.CreatedAt),
                CreatedAt = createdAt,
            }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (inserted is not null)
        {
            return inserted.ToMessage();
        }

        var existing = await connection.QuerySingleAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM outbox_messages WHERE dedupe_key = @DedupeKey",
            new { message.DedupeKey }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return existing.ToMessage();
    }

    public async Task<IReadOnlyList<OutboxMessage>> ClaimDueAsync(DateTimeOffset now, int max, TimeSpan lease,
        string owner, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        ArgumentException.ThrowIfNullOrEmpty(owner);

        var args = new
        {
            now = UnixTime.ToMs(now),
            leaseUntil = UnixTime.ToMs(now + lease),
            owner,
            max,
        };
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        // SQLite: BEGIN IMMEDIATE takes the write lock up front, so the due rows read are the rows leased.
        // Postgres: READ COMMITTED plus FOR UPDATE SKIP LOCKED lets concurrent drainers take disjoint rows.
        await using var transaction =
            await StorageDatabase.BeginWriteTransactionAsync(connection, cancellationToken).ConfigureAwait(false);
        var sql = database.Provider == StorageProvider.Postgres ? PostgresClaim : SqliteClaim;
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(sql, args, transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        var claimed = rows.Select(r => r.ToMessage()).OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id).ToList();
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return claimed;
    }

    public async Task<IReadOnlyList<OutboxMessage>> ClaimByKeysAsync(IReadOnlyCollection<string> dedupeKeys, DateTimeOffset now,
        TimeSpan lease, string owner, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dedupeKeys);
        if (dedupeKeys.Count == 0)
        {
            return [];
        }

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition($"""
            UPDATE outbox_messages
            SET status = 'InFlight', lease_owner = @owner, lease_until = @leaseUntil, updated_at = @now
            WHERE status = 'Pending'
                AND {(database.Provider == StorageProvider.Postgres ? "dedupe_key = ANY(@keys)" : "dedupe_key IN @keys")}
            RETURNING {Columns}
            """, new { owner, keys = dedupeKeys.ToArray(), now = UnixTime.ToMs(now), leaseUntil = UnixTime.ToMs(now + lease) },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => r.ToMessage()).OrderBy(m => m.Id).ToList();
    }

    private static void Validate(NewOutboxMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentException.ThrowIfNullOrEmpty(message.TenantId, nameof(message.TenantId));
        ArgumentException.ThrowIfNullOrEmpty(message.ServiceUrl, nameof(message.ServiceUrl));
        ArgumentException.ThrowIfNullOrEmpty(message.PayloadJson, nameof(message.PayloadJson));
        ArgumentException.ThrowIfNullOrEmpty(message.DedupeKey, nameof(message.DedupeKey));
        var missing = message.Kind switch
        {
            OutboxKind.Send when string.IsNullOrEmpty(message.ConversationId) => nameof(message.ConversationId),
            OutboxKind.Update when string.IsNullOrEmpty(message.ConversationId) => nameof(message.ConversationId),
            OutboxKind.Update when string.IsNullOrEmpty(message.ActivityId) && string.IsNullOrEmpty(message.UpdateOfKey) =>
                nameof(message.ActivityId),
            OutboxKind.CreatePersonalConversation when string.IsNullOrEmpty(message.TargetUserId) =>
                nameof(message.TargetUserId),
            OutboxKind.CreateChannelThread when string.IsNullOrEmpty(message.TargetChannelId) =>
                nameof(message.TargetChannelId),
            _ => null,
        };
        if (missing is not null)
        {
            throw new ArgumentException($"An outbox message of kind {message.Kind} needs {missing}.", nameof(message));
        }
    }

    private sealed class Row
    {
        public long Id { get; set; }
        public string TenantId { get; set; } = "";
        public string Kind { get; set; } = "";
        public string ServiceUrl { get; set; } = "";
        public string? ConversationId { get; set; }
        public string? TargetUserId { get; set; }
        public string? TargetChannelId { get; set; }
        public string? ActivityId { get; set; }
        public string? UpdateOfKey { get; set; }
        public string? ServiceUrlFrom { get; set; }
        public long? AttemptStartedAt { get; set; }
        public string PayloadJson { get; set; } = "";
        public string DedupeKey { get; set; } = "";
        public string? CorrelationId { get; set; }
        public string Status { get; set; } = "";
        public int Attempts { get; set; }
        public long NextAttemptAt { get; set; }
        public long? LeaseUntil { get; set; }
        public string? LeaseOwner { get; set; }
        public string? SentActivityId { get; set; }
        public string? ResultConversationId { get; set; }
        public string? LastError { get; set; }
        public long CreatedAt { get; set; }
        public long UpdatedAt { get; set; }
        public long? CompletedAt { get; set; }
        public long? ReportedAt { get; set; }

        public OutboxMessage ToMessage() => new()
        {
            Id = Id,
            TenantId = TenantId,
            Kind = Enum.Parse<OutboxKind>(Kind),
            ServiceUrl = ServiceUrl,
            ConversationId = ConversationId,
            TargetUserId = TargetUserId,
            TargetChannelId = TargetChannelId,
            ActivityId = ActivityId,
            UpdateOfKey = UpdateOfKey,
            ServiceUrlFrom = ServiceUrlFrom,
            AttemptStartedAt = UnixTime.FromMs(AttemptStartedAt),
            PayloadJson = PayloadJson,
            DedupeKey = DedupeKey,
            CorrelationId = CorrelationId,
            Status = Enum.Parse<OutboxStatus>(Status),
            Attempts = Attempts,
            NextAttemptAt = UnixTime.FromMs(NextAttemptAt),
            LeaseUntil = UnixTime.FromMs(LeaseUntil),
            LeaseOwner = LeaseOwner,
            SentActivityId = SentActivityId,
            ResultConversationId = ResultConversationId,
            LastError = LastError,
            CreatedAt = UnixTime.FromMs(CreatedAt),
            UpdatedAt = UnixTime.FromMs(UpdatedAt),
            CompletedAt = UnixTime.FromMs(CompletedAt),
            ReportedAt = UnixTime.FromMs(ReportedAt),
        };
    }
}
