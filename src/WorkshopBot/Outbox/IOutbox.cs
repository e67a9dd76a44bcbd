using WorkshopBot.Protocol.Schema;
using WorkshopBot.Storage;

namespace WorkshopBot.Outbox;

/// <summary>
/// Proactive sends go here, never straight to the connector: they are stored first and delivered by
/// <see cref="OutboxDispatcher"/> within Teams' limits, surviving restarts. A dedupe key makes a repeated
/// request (a retried click, a re-run) enqueue nothing new.
/// </summary>
public interface IOutbox
{
    /// <summary>Posts into a conversation the bot already has (a stored reference).</summary>
    Task<OutboxMessage> SendAsync(ConversationRecord conversation, Activity activity, string dedupeKey, string? correlationId, CancellationToken cancellationToken);

    /// <summary>Opens (or reuses) the 1:1 chat with a user and posts there.</summary>
    Task<OutboxMessage> SendToUserAsync(string serviceUrl, string tenantId, string userId, Activity activity, string dedupeKey, string? correlationId, CancellationToken cancellationToken);

    /// <summary>Starts a new thread in a team channel.</summary>
    Task<OutboxMessage> PostToChannelAsync(string serviceUrl, string tenantId, string channelId, Activity activity, string dedupeKey, string? correlationId, CancellationToken cancellationToken);

    /// <summary>Replaces a message the bot sent earlier.</summary>
    Task<OutboxMessage> UpdateAsync(string serviceUrl, string tenantId, string conversationId, string activityId, Activity activity, string dedupeKey, string? correlationId, CancellationToken cancellationToken);
}
