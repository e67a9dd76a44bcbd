namespace WorkshopBot.Protocol.Connector;

/// <summary>Waits for a per-conversation slot before each send/update attempt the client marked as rate-limited.</summary>
public sealed class ConversationRateLimitHandler(ConversationRateLimiter limiter) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Options.TryGetValue(ConnectorRequest.RateLimitedConversation, out var conversationId))
        {
            await limiter.AcquireAsync(conversationId, cancellationToken).ConfigureAwait(false);
        }

        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
