using Microsoft.Extensions.Options;

namespace WorkshopBot.Protocol.Connector;

/// <summary>
/// Waits for a per-conversation slot before each send/update attempt the client marked as rate-limited, for at most
/// <see cref="BotConnectorOptions.MaxRateLimitWait"/> (beyond that: <see cref="RateLimitedException"/>, nothing sent), and
/// counts the attempt in the conversation's windows from when Teams answered (Teams counts a request when it arrives, at
/// the latest then; a later attempt whose slot needs that time waits for the answer). Within a <see cref="SendDeadline"/> it waits
/// no longer than leaves the attempt time to end by the deadline, nor past <see cref="SendDeadline.LimitWaits"/>.
/// </summary>
public sealed class ConversationRateLimitHandler(
    ConversationRateLimiter limiter, IOptions<BotConnectorOptions> options, SendDeadline? deadline = null) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!request.Options.TryGetValue(ConnectorRequest.RateLimitedConversation, out var conversationId))
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        var maxWait = options.Value.MaxRateLimitWait;
        if (deadline?.RoomToWait() is { } room && room < maxWait)
        {
            maxWait = room;
        }

        var grant = await limiter.ReserveAsync(conversationId, maxWait, cancellationToken).ConfigureAwait(false);
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
