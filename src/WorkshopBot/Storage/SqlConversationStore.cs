using Dapper;

namespace WorkshopBot.Storage;

/// <summary>
/// Conversation references on the bot's database. A reference read is kept for a short while
/// (<see cref="RememberFor"/>), so the bookkeeping every turn does (read, compare, write only when something changed)
/// costs no database read in a busy conversation; every write through this store forgets the key, so this instance
/// always reads its own writes, and another instance's change is seen within <see cref="RememberFor"/>.
/// </summary>
internal sealed partial class SqlConversationStore(StorageDatabase database, TimeProvider time) : IConversationStore
{
    /// <summary>How long a reference read stays in memory.</summary>
    public static readonly TimeSpan RememberFor = TimeSpan.FromSeconds(30);

    private const int MaxRemembered = 10_000;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (ConversationRecord? Record, DateTimeOffset ReadAt)>
        _recent = new(StringComparer.Ordinal);

    // Counts writes through this store: a read that overlapped a write is not kept (it may hold the row before the write).
    private long _writes;

    private const string Columns = """
        conversation_id AS ConversationId, service_url AS ServiceUrl, tenant_id AS TenantId,
        channel_id AS ChannelId, kind AS Kind, team_id AS TeamId, team_name AS TeamName,
        channel_name AS ChannelName, user_id AS UserId, user_aad_object_id AS UserAadObjectId,
        user_name AS UserName, bot_id AS BotId, active AS Active, updated_at AS UpdatedAt, channel_type AS ChannelType
        """;

    public async Task UpsertAsync(ConversationRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentException.ThrowIfNullOrEmpty(record.ConversationId);
        Forget(record.ConversationId);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO conversations (conversation_id, service_url, tenant_id, channel_id, kind, team_id, team_name,
                channel_name, user_id, user_aad_object_id, user_name, bot_id, active, updated_at, channel_type)
            VALUES (@ConversationId, @ServiceUrl, @TenantId, @ChannelId, @Kind, @TeamId, @TeamName,
                @ChannelName, @UserId, @UserAadObjectId, @UserName, @BotId, @Active, @UpdatedAt, @ChannelType)
            ON CONFLICT (conversation_id) DO UPDATE SET
                service_url = excluded.service_url,
                tenant_id = COALESCE(excluded.tenant_id, conversations.tenant_id),
                channel_id = excluded.channel_id,
                kind = excluded.kind,
                team_id = COALESCE(excluded.team_id, conversations.team_id),
                team_name = COALESCE(excluded.team_name, conversations.team_name),
                channel_name = COALESCE(excluded.channel_name, conversations.channel_name),
                user_id = COALESCE(excluded.user_id, conversations.user_id),
                user_aad_object_id = COALESCE(excluded.user_aad_object_id, conversations.user_aad_object_id),
                user_name = COALESCE(excluded.user_name, conversations.user_name),
                bot_id = excluded.bot_id,
                active = excluded.active,
                left_with_team = FALSE,
                updated_at = excluded.updated_at,
                channel_type = COALESCE(excluded.channel_type, conversations.channel_type)
            """,
            new
            {
                record.ConversationId,
                record.ServiceUrl,
                record.TenantId,
                record.ChannelId,
                Kind = record.Kind.ToString(),
                record.TeamId,
                record.TeamName,
                record.ChannelName,
                record.UserId,
                record.UserAadObjectId,
                record.UserName,
                record.BotId,
                record.Active,
                UpdatedAt = UnixTime.ToMs(record.UpdatedAt),
                record.ChannelType,
            }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        Forget(record.ConversationId);
    }

    public async Task<ConversationRecord?> GetAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        return _recent.TryGetValue(conversationId, out var recent) && now - recent.ReadAt < RememberFor && recent.ReadAt <= now
            ? recent.Record
            : await GetStoredAsync(conversationId, cancellationToken).ConfigureAwait(false);
    }

    public async Task<ConversationRecord?> GetStoredAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var writes = Interlocked.Read(ref _writes);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM conversations WHERE conversation_id = @conversationId",
            new { conversationId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var record = row?.ToRecord();
        if (record is not null && Interlocked.Read(ref _writes) == writes)
        {
            if (_recent.Count >= MaxRemembered)
            {
                _recent.Clear();
            }

            _recent[conversationId] = (record, now);
        }

        return record;
    }

    public async Task<bool> MarkInactiveAsync(string conversationId, DateTimeOffset at,
        CancellationToken cancellationToken = default)
    {
        Forget(conversationId);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var changed = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE conversations SET active = FALSE, left_with_team = FALSE, updated_at = @at WHERE conversation_id = @conversationId",
            new { conversationId, at = UnixTime.ToMs(at) }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        Forget(conversationId);
        return changed == 1;
    }

    public async Task<bool> MarkInactiveWhileAtAsync(string conversationId, string serviceUrl, DateTimeOffset at,
        CancellationToken cancellationToken = default)
    {
        Forget(conversationId);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var changed = await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE conversations SET active = FALSE, left_with_team = FALSE, updated_at = @at
            WHERE conversation_id = @conversationId AND service_url = @serviceUrl
            """, new { conversationId, serviceUrl, at = UnixTime.ToMs(at) }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        Forget(conversationId);
        return changed == 1;
    }

    public async Task<int> MarkTeamInactiveAsync(string teamId, string? tenantId, DateTimeOffset at,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(teamId);
        return await UpdateTeamAsync("""
            UPDATE conversations SET active = FALSE, left_with_team = TRUE, updated_at = @at
            WHERE team_id = @teamId AND active = TRUE AND (@tenant IS NULL OR LOWER(tenant_id) = LOWER(@tenant))
            """, new { teamId, tenant = tenantId, at = UnixTime.ToMs(at) }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<ConversationRecord?> FindPersonalAsync(string userAadObjectIdOrUserId, string? tenantId = null,
        CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QueryFirstOrDefaultAsync<Row>(new CommandDefinition($"""
            SELECT {Columns} FROM conversations
            WHERE kind = 'Personal' AND (user_aad_object_id = @user OR user_id = @user)
              AND (@tenant IS NULL OR LOWER(tenant_id) = LOWER(@tenant))
            ORDER BY active DESC, updated_at DESC
            LIMIT 1
            """, new { user = userAadObjectIdOrUserId, tenant = tenantId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row?.ToRecord();
    }

    public async Task<IReadOnlyList<ConversationRecord>> ListChannelsAsync(string? teamId = null,
        CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition($"""
            SELECT {Columns} FROM conversations
            WHERE kind = 'Channel' AND active = TRUE AND (@teamId IS NULL OR team_id = @teamId)
            """, new { teamId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        // Ordered here, not by the database, so the order is the same on SQLite and on a PostgreSQL of any collation.
        return rows.OrderBy(r => r.TeamId, StringComparer.Ordinal).ThenBy(r => r.ChannelName, StringComparer.Ordinal)
            .ThenBy(r => r.ConversationId, StringComparer.Ordinal).Select(r => r.ToRecord()).ToList();
    }

    public async Task<IReadOnlyList<ConversationRecord>> ListActiveAsync(ConversationKind? kind = null,
        CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition($"""
            SELECT {Columns} FROM conversations
            WHERE active = TRUE AND (@kind IS NULL OR kind = @kind)
            """, new { kind = kind?.ToString() }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.OrderBy(r => r.ConversationId, StringComparer.Ordinal).Select(r => r.ToRecord()).ToList();
    }

    private sealed class Row
    {
        public string ConversationId { get; set; } = "";
        public string ServiceUrl { get; set; } = "";
        public string? TenantId { get; set; }
        public string ChannelId { get; set; } = "";
        public string Kind { get; set; } = "";
        public string? TeamId { get; set; }
        public string? TeamName { get; set; }
        public string? ChannelName { get; set; }
        public string? UserId { get; set; }
        public string? UserAadObjectId { get; set; }
        public string? UserName { get; set; }
        public string BotId { get; set; } = "";
        public bool Active { get; set; }
        public long UpdatedAt { get; set; }
        public string? ChannelType { get; set; }

        public ConversationRecord ToRecord() => new(ConversationId, ServiceUrl, TenantId, ChannelId,
            Enum.Parse<ConversationKind>(Kind), TeamId, TeamName, ChannelName, UserId, UserAadObjectId, UserName,
            BotId, Active, UnixTime.FromMs(UpdatedAt), ChannelType);
    }

    /// <summary>As <see cref="Forget"/>, for a write that may touch any conversation.</summary>
    private void ForgetAll()
    {
        Interlocked.Increment(ref _writes);
        _recent.Clear();
    }

    /// <summary>Before and after a write: drops the key and stops reads in flight from keeping what they read.</summary>
    private void Forget(string conversationId)
    {
        Interlocked.Increment(ref _writes);
        _recent.TryRemove(conversationId, out _);
    }
}
