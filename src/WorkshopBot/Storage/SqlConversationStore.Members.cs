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
    private readonly ConcurrentDictionary<(string Channel, string Person), DateTimeOffset> _members = new();

    // Counts forgettings: a write that overlapped one is not kept in memory (the row may have been deleted after it).
    private long _memberForgets;

    public async Task RememberMemberAsync(string conversationId, string userAadObjectId, string? tenantId, DateTimeOffset at,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(conversationId);
        ArgumentException.ThrowIfNullOrEmpty(userAadObjectId);
        var key = (conversationId, userAadObjectId.ToLowerInvariant());
        var now = time.GetUtcNow();
        if (_members.TryGetValue(key, out var written) && now - written < RememberFor && written <= now)
        {
            return;
        }

        var forgets = Interlocked.Read(ref _memberForgets);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO channel_members (conversation_id, user_aad_object_id, tenant_id, seen_at)
            VALUES (@conversationId, @user, @tenantId, @at)
            ON CONFLICT (conversation_id, user_aad_object_id) DO NOTHING
            """, new { conversationId, user = key.Item2, tenantId, at = UnixTime.ToMs(at) },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (Interlocked.Read(ref _memberForgets) != forgets)
        {
            return;
        }

        if (_members.Count >= MaxRemembered)
        {
            _members.Clear();
        }

        _members[key] = now;
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

    public Task<int> ForgetMemberAsync(string conversationId, string userAadObjectId,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(conversationId);
        ArgumentException.ThrowIfNullOrEmpty(userAadObjectId);
        var user = userAadObjectId.ToLowerInvariant();
        return ForgetMembersAsync(key => key.Channel == conversationId && key.Person == user, """
            DELETE FROM channel_members WHERE conversation_id = @conversationId AND user_aad_object_id = @user
            """, new { conversationId, user }, cancellationToken);
    }

    public Task<int> ForgetMemberOfTeamAsync(string teamId, string userAadObjectId, string? tenantId,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(teamId);
        ArgumentException.ThrowIfNullOrEmpty(userAadObjectId);
        var user = userAadObjectId.ToLowerInvariant();
        return ForgetMembersAsync(key => key.Person == user, $"""
            DELETE FROM channel_members WHERE user_aad_object_id = @user AND conversation_id IN ({TeamChannels})
            """, new { teamId, user, tenant = tenantId }, cancellationToken);
    }

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
