using WorkshopBot.Protocol.Schema;

namespace WorkshopBot.Protocol.Connector;

/// <summary>
/// The Bot Connector REST API (v3). Every call names the serviceUrl of the conversation explicitly.
/// Failures surface as <see cref="ConnectorException"/> (after retries where retrying makes sense).
/// </summary>
public interface IConnectorClient
{
    /// <summary><c>POST v3/conversations/{conversationId}/activities</c>.</summary>
    Task<ResourceResponse> SendToConversationAsync(string serviceUrl, string conversationId, Activity activity,
        CancellationToken cancellationToken = default);

    /// <summary><c>POST v3/conversations/{conversationId}/activities/{replyToId}</c>.</summary>
    Task<ResourceResponse> ReplyToActivityAsync(string serviceUrl, string conversationId, string replyToId, Activity activity,
        CancellationToken cancellationToken = default);

    /// <summary><c>PUT v3/conversations/{conversationId}/activities/{activityId}</c>.</summary>
    Task<ResourceResponse> UpdateActivityAsync(string serviceUrl, string conversationId, string activityId, Activity activity,
        CancellationToken cancellationToken = default);

    /// <summary><c>DELETE v3/conversations/{conversationId}/activities/{activityId}</c>.</summary>
    Task DeleteActivityAsync(string serviceUrl, string conversationId, string activityId, CancellationToken cancellationToken = default);

    /// <summary><c>POST v3/conversations</c> (1:1 chat or new channel thread).</summary>
    Task<ConversationResourceResponse> CreateConversationAsync(string serviceUrl, ConversationParameters parameters,
        CancellationToken cancellationToken = default);

    /// <summary><c>GET v3/conversations/{conversationId}/pagedmembers</c>.</summary>
    Task<PagedMembersResult> GetPagedMembersAsync(string serviceUrl, string conversationId, int? pageSize = null,
        string? continuationToken = null, CancellationToken cancellationToken = default);

    /// <summary><c>GET v3/conversations/{conversationId}/members/{userId}</c>.</summary>
    Task<TeamsChannelAccount> GetMemberAsync(string serviceUrl, string conversationId, string userId,
        CancellationToken cancellationToken = default);

    /// <summary><c>GET v3/teams/{teamId}/conversations</c>: the team's channels.</summary>
    Task<ConversationList> GetTeamChannelsAsync(string serviceUrl, string teamId, CancellationToken cancellationToken = default);
}
