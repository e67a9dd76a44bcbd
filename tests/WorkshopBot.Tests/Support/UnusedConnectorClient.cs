using WorkshopBot.Protocol.Connector;
using WorkshopBot.Protocol.Schema;

namespace WorkshopBot.Tests.Support;

/// <summary>
/// The connector of a turn whose handler must answer in the invoke response only: any call through the turn is a
/// test failure that names the call (the outbox and its connector are separate and real).
/// </summary>
public sealed class UnusedConnectorClient : IConnectorClient
{
    public Task<ResourceResponse> SendToConversationAsync(string serviceUrl, string conversationId, Activity activity,
        CancellationToken cancellationToken = default) => throw Unexpected(nameof(SendToConversationAsync));

    public Task<ResourceResponse> ReplyToActivityAsync(string serviceUrl, string conversationId, string replyToId,
        Activity activity, CancellationToken cancellationToken = default) => throw Unexpected(nameof(ReplyToActivityAsync));

    public Task<ResourceResponse> UpdateActivityAsync(string serviceUrl, string conversationId, string activityId,
        Activity activity, CancellationToken cancellationToken = default) => throw Unexpected(nameof(UpdateActivityAsync));

    public Task DeleteActivityAsync(string serviceUrl, string conversationId, string activityId,
        CancellationToken cancellationToken = default) => throw Unexpected(nameof(DeleteActivityAsync));

    public Task<ConversationResourceResponse> CreateConversationAsync(string serviceUrl, ConversationParameters parameters,
        CancellationToken cancellationToken = default) => throw Unexpected(nameof(CreateConversationAsync));

    public Task<PagedMembersResult> GetPagedMembersAsync(string serviceUrl, string conversationId, int? pageSize = null,
        string? continuationToken = null, CancellationToken cancellationToken = default) =>
        throw Unexpected(nameof(GetPagedMembersAsync));

    public Task<TeamsChannelAccount> GetMemberAsync(string serviceUrl, string conversationId, string userId,
        CancellationToken cancellationToken = default) => throw Unexpected(nameof(GetMemberAsync));

    public Task<ConversationList> GetTeamChannelsAsync(string serviceUrl, string teamId,
        CancellationToken cancellationToken = default) => throw Unexpected(nameof(GetTeamChannelsAsync));

    private static InvalidOperationException Unexpected(string call) =>
        new($"The handler called the turn's connector ({call}); this harness expects it to answer in the invoke response.");
}
