using System.Collections.Concurrent;
using Dapper;

namespace WorkshopBot.Storage;

/// <summary>
/// Who the bot has seen in a channel (channel_members), for the briefing's publish picker. A pair written is kept in memory
/// for <see cref="RememberFor"/> and not written again meanwhile; a membership forgotten is dropped from memory too, so a
/// person re-added is written again (and another instance, which cannot know of the removal, writes again after a while).
/// </summary>
internal sealed partial class SqlConversationStore
{
    // Channel members this instance has written (or found written), with when: not written again for RememberFor.
    // A pair written without the person's Teams id is written again when it comes with one.
    private readonly ConcurrentDictionary<(string Channel, string Person), (DateTimeOffset At, bool WithId)> _members = new();

    // Counts forgettings: a write that overlapped one is not kept in memory (the row may have been deleted after it).
    private long _memberForgets;

    public async Task RememberMemberAsync(string conversationId, string userAadObjectId, string? userId, string? tenantId,
        DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(conversationId);
        ArgumentException.ThrowIfNullOrEmpty(userAadObjectId);
        var key = (conversationId, userAadObjectId.ToLowerInvariant());
        var now = time.GetUtcNow();
        userId = NullIfBlank(userId);
        if (_members.TryGetValue(key, out var written) && now - written.At < RememberFor && written.At <= now
            && (written.WithId || userId is null))
        {
            return;
        }

        var forgets = Interlocked.Read(ref _memberForgets);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO channel_members (conversation_id, user_aad_object_id, tenant_id, seen_at, user_id)
            VALUES (@conversationId, @user, @tenantId, @at, @userId)
            ON CONFLICT (conversation_id, user_aad_object_id) DO UPDATE SET user_id = excluded.user_id
            WHERE channel_members.user_id IS NULL AND excluded.user_id IS NOT NULL
            """, new { conversationId, user = key.Item2, tenantId, at = UnixTime.ToMs(at), userId },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (Interlocked.Read(ref _memberForgets) != forgets)
        {
            return;
        }

        if (_members.Count >= MaxRemembered)
        {
            _members.Clear();
        }

        _members[key] = (now, userId is not null);
    }

    public async Task<IReadOnlySet<string>> KnownChannelsOfAsync(string userAadObjectId, string? tenantId,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userAadObjectId);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var ids = await connection.QueryAsync<string>(new CommandDefinition("""
            SELECT conversation_id FROM channel_members
            WHERE user_aad_object_id = @user AND (@tenant IS NULL OR LOWER(tenant_id) = LOWER(@tenant))
            """, new { user = userAadObjectId.ToLowerInvariant(), tenant = tenantId },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return ids.ToHashSet(StringComparer.Ordinal);
    }

    public Task<int> ForgetMemberAsync(string conversationId, string? userAadObjectId, string? userId,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(conversationId);
        var (user, id) = MemberIds(userAadObjectId, userId);
        return ForgetMembersAsync(key => key.Channel == conversationId && (user is null || key.Person == user), """
            DELETE FROM channel_members
            WHERE conversation_id = @conversationId AND (user_aad_object_id = @user OR user_id = @id)
            """, new { conversationId, user, id }, cancellationToken);
    }

    public Task<int> ForgetMemberOfTeamAsync(string teamId, string? userAadObjectId, string? userId, string? tenantId,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(teamId);
        var (user, id) = MemberIds(userAadObjectId, userId);
        return ForgetMembersAsync(key => user is null || key.Person == user, $"""
            DELETE FROM channel_members
            WHERE (user_aad_object_id = @user OR user_id = @id) AND conversation_id IN ({TeamChannels})
            """, new { teamId, user, id, tenant = tenantId }, cancellationToken);
    }

    // A person as a removal names them: the object id (stored lower-cased), the Bot Framework id, or both; at least one.
    // Named by the Bot Framework id alone, every pair in memory is dropped: which are theirs is not known here.
    private static (string? User, string? Id) MemberIds(string? userAadObjectId, string? userId)
    {
        var user = NullIfBlank(userAadObjectId)?.ToLowerInvariant();
        var id = NullIfBlank(userId);
        if (user is null && id is null)
        {
            throw new ArgumentException("A member is named by an Entra object id or a Bot Framework id.", nameof(userAadObjectId));
        }

        return (user, id);
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    public Task<int> ForgetChannelMembersAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(conversationId);
        return ForgetMembersAsync(key => key.Channel == conversationId,
            "DELETE FROM channel_members WHERE conversation_id = @conversationId", new { conversationId }, cancellationToken);
    }

    public Task<int> ForgetTeamMembersAsync(string teamId, string? tenantId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(teamId);
        return ForgetMembersAsync(_ => true, $"DELETE FROM channel_members WHERE conversation_id IN ({TeamChannels})",
            new { teamId, tenant = tenantId }, cancellationToken);
    }

    // The channels of a team in one organisation, as MarkTeamInactiveAsync finds them.
    private const string TeamChannels = """
        SELECT conversation_id FROM conversations
        WHERE team_id = @teamId AND (@tenant IS NULL OR LOWER(tenant_id) = LOWER(@tenant))
        """;

    /// <summary>Deletes rows and drops the matching pairs from memory, before and after, as <see cref="Forget"/> does.</summary>
    private async Task<int> ForgetMembersAsync(Func<(string Channel, string Person), bool> remembered, string sql, object parameters,
        CancellationToken cancellationToken)
    {
        DropMembers(remembered);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var deleted = await connection.ExecuteAsync(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken))
            .ConfigureAwait(false);
        DropMembers(remembered);
        return deleted;
    }

    private void DropMembers(Func<(string Channel, string Person), bool> remembered)
    {
        Interlocked.Increment(ref _memberForgets);
        foreach (var key in _members.Keys.Where(remembered))
        {
            _members.TryRemove(key, out _);
        }
    }
}
