namespace WorkshopBot.Storage;

public enum ConversationKind
{
    Personal,
    GroupChat,
    Channel,
}

/// <summary>
/// A conversation the bot can post to later (proactively): what the connector needs (service URL, conversation
/// id, tenant) plus who or where it is.
/// </summary>
/// <param name="ChannelId">The Bot Framework channel, "msteams" in production.</param>
/// <param name="UserId">The user's channel id ("29:...") for personal conversations.</param>
public sealed record ConversationRecord(
    string ConversationId,
    string ServiceUrl,
    string? TenantId,
    string ChannelId,
    ConversationKind Kind,
    string? TeamId,
    string? TeamName,
    string? ChannelName,
    string? UserId,
    string? UserAadObjectId,
    string? UserName,
    string BotId,
    bool Active,
    DateTimeOffset UpdatedAt,
    string? ChannelType = null)
{
    /// <summary>Teams' channel types (<c>channelData.channel.type</c>).</summary>
    public const string Standard = "standard";

    /// <summary>
    /// True for a channel every member of its team can read: General (its id is the team's), or one Teams said is
    /// standard. A private or shared channel, or one whose type Teams has not said, is not.
    /// </summary>
    public bool IsStandardChannel => Kind == ConversationKind.Channel
        && (string.Equals(ConversationId, TeamId, StringComparison.Ordinal)
            || string.Equals(ChannelType, Standard, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// True when the conversation is known as another organisation's than <paramref name="tenantId"/> (it belongs to the one
    /// it was first heard from): nothing of that tenant's is posted there. False when either tenant is not known.
    /// </summary>
    public bool IsOfAnotherTenant(string? tenantId) => !string.IsNullOrEmpty(TenantId) && !string.IsNullOrEmpty(tenantId)
        && !string.Equals(TenantId, tenantId, StringComparison.OrdinalIgnoreCase);
}

public interface IConversationStore
{
    /// <summary>
    /// Inserts or replaces the reference. Optional descriptive fields (tenant, team, channel and user names and
    /// ids) that are null in <paramref name="record"/> keep their stored value, because not every activity
    /// carries them.
    /// </summary>
    Task UpsertAsync(ConversationRecord record, CancellationToken cancellationToken = default);

    Task<ConversationRecord?> GetAsync(string conversationId, CancellationToken cancellationToken = default);

    /// <summary>
    /// As <see cref="GetAsync"/>, but read from the database even when this instance remembers the record a short while:
    /// another instance may have stored a new serviceUrl since. What is read is remembered in place of the older read.
    /// </summary>
    Task<ConversationRecord?> GetStoredAsync(string conversationId, CancellationToken cancellationToken = default);

    /// <summary>Marks the conversation unusable (bot removed, user blocked it). False if it is unknown.</summary>
    Task<bool> MarkInactiveAsync(string conversationId, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>
    /// Marks the conversation unusable only while its stored serviceUrl is still <paramref name="serviceUrl"/>: one heard
    /// from since through another (by another instance, say) is left as it is. False if it is unknown or has moved.
    /// </summary>
    Task<bool> MarkInactiveWhileAtAsync(string conversationId, string serviceUrl, DateTimeOffset at,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Marks every conversation of a team unusable (the bot was removed from the team, or the team deleted): its channels
    /// as well as the one the removal came in. Only that organisation's records. The number marked.
    /// </summary>
    Task<int> MarkTeamInactiveAsync(string teamId, string? tenantId, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>
    /// Makes usable again the conversations of a team that <see cref="MarkTeamInactiveAsync"/> marked (the bot added back to
    /// the team, the team restored or unarchived); one marked inactive on its own (a channel deleted, the bot removed from
    /// one channel, Teams refusing it) stays inactive. Only that organisation's records. The number made active.
    /// </summary>
    Task<int> ReactivateTeamAsync(string teamId, string? tenantId, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Gives every conversation of a team of that organisation the team's new name. The number renamed.</summary>
    Task<int> RenameTeamAsync(string teamId, string? tenantId, string teamName, DateTimeOffset at,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// The user's personal (1:1) conversation, matched on AAD object id or "29:" user id. Active conversations
    /// win over inactive ones, then the most recently updated; check <see cref="ConversationRecord.Active"/>.
    /// With <paramref name="tenantId"/>, only a chat in that organisation (a person is a tenant and an object id).
    /// </summary>
    Task<ConversationRecord?> FindPersonalAsync(string userAadObjectIdOrUserId, string? tenantId = null,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Active channel conversations, optionally of one team, ordered by team id, channel name (none first) and conversation
    /// id, compared ordinally: the same on every store, whatever its collation. People see them ordered by name, as the
    /// publish picker lists them (ChannelDirectory.InPickerOrder).
    /// </summary>
    Task<IReadOnlyList<ConversationRecord>> ListChannelsAsync(string? teamId = null,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Remembers that this person (Entra object id) was seen in this channel: they wrote there, or Teams reported them
    /// added. Cheap to repeat: a pair remembered a moment ago is not written again.
    /// </summary>
    Task RememberMemberAsync(string conversationId, string userAadObjectId, string? tenantId, DateTimeOffset at,
        CancellationToken cancellationToken = default) =>
        RememberMemberAsync(conversationId, userAadObjectId, null, tenantId, at, cancellationToken);

    /// <summary>
    /// As above, with the person's Bot Framework id ("29:...") too when it is known: Teams may report a removal by that id
    /// alone. A pair already stored without it gains it.
    /// </summary>
    Task RememberMemberAsync(string conversationId, string userAadObjectId, string? userId, string? tenantId, DateTimeOffset at,
        CancellationToken cancellationToken = default);

    /// <summary>The channels this person of <paramref name="tenantId"/>'s organisation was seen in (their ids).</summary>
    Task<IReadOnlySet<string>> KnownChannelsOfAsync(string userAadObjectId, string? tenantId,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Forgets that this person is a member of this channel (Teams reported them removed from it). The rows deleted (0 or 1);
    /// a later <see cref="RememberMemberAsync"/> of the same pair writes it again.
    /// </summary>
    Task<int> ForgetMemberAsync(string conversationId, string userAadObjectId, CancellationToken cancellationToken = default) =>
        ForgetMemberAsync(conversationId, userAadObjectId, null, cancellationToken);

    /// <summary>
    /// As above, the person named by Entra object id, Bot Framework id ("29:..."), or both: a row matching either is
    /// forgotten (one stored before the Bot Framework id was kept matches on the object id only).
    /// </summary>
    Task<int> ForgetMemberAsync(string conversationId, string? userAadObjectId, string? userId,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Forgets this person in every channel of a team of <paramref name="tenantId"/>'s organisation (Teams reported them
    /// removed from the team). The rows deleted.
    /// </summary>
    Task<int> ForgetMemberOfTeamAsync(string teamId, string userAadObjectId, string? tenantId,
        CancellationToken cancellationToken = default) =>
        ForgetMemberOfTeamAsync(teamId, userAadObjectId, null, tenantId, cancellationToken);

    /// <summary>As above, the person named by Entra object id, Bot Framework id ("29:..."), or both.</summary>
    Task<int> ForgetMemberOfTeamAsync(string teamId, string? userAadObjectId, string? userId, string? tenantId,
        CancellationToken cancellationToken = default);

    /// <summary>Forgets every member of this channel (the bot was removed from it, or it was deleted). The rows deleted.</summary>
    Task<int> ForgetChannelMembersAsync(string conversationId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Forgets every member of every channel of a team of <paramref name="tenantId"/>'s organisation (the bot left the team,
    /// or the team was deleted). The rows deleted.
    /// </summary>
    Task<int> ForgetTeamMembersAsync(string teamId, string? tenantId, CancellationToken cancellationToken = default);

    /// <summary>Active conversations, optionally of one kind.</summary>
    Task<IReadOnlyList<ConversationRecord>> ListActiveAsync(ConversationKind? kind = null,
        CancellationToken cancellationToken = default);
}
