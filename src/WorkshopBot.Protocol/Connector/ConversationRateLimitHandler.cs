using Microsoft.Extensions.Options;

namespace WorkshopBot.Protocol.Connector;

/// <summary>
/// Waits for a per-conversation slot before each send/update attempt the client marked as rate-limited, for at most
/// <see cref="BotConnectorOptions.MaxRateLimitWait"/> (beyond that: <see cref="RateLimitedException"/>, nothing sent).
/// </summary>
public sealed class ConversationRateLimitHandler(ConversationRateLimiter limiter, IOptions<BotConnectorOptions> options) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Options.TryGetValue(ConnectorRequest.RateLimitedConversation, out var conversationId))
        {
            await limiter.AcquireAsync(conversationId, options.Value.MaxRateLimitWait, cancellationToken).ConfigureAwait(false);
        }

        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
