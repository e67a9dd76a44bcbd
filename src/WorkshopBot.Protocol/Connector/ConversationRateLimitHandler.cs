using Microsoft.Extensions.Options;

namespace WorkshopBot.Protocol.Connector;

/// <summary>
/// Waits for a per-conversation slot before each send/update attempt the client marked as rate-limited, for at most
/// <see cref="BotConnectorOptions.MaxRateLimitWait"/> (beyond that: <see cref="RateLimitedException"/>, nothing sent), and
/// counts the attempt in the conversation's windows from when Teams answered.
/// </summary>
public sealed class ConversationRateLimitHandler(ConversationRateLimiter limiter, IOptions<BotConnectorOptions> options) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!request.Options.TryGetValue(ConnectorRequest.RateLimitedConversation, out var conversationId))
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        var grant = await limiter.ReserveAsync(conversationId, options.Value.MaxRateLimitWait, cancellationToken).ConfigureAwait(false);
        try
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // Teams counted the request when it arrived: count it from the answer, not from the slot.
            limiter.Settle(grant);
        }
    }
}
