using WorkshopBot.Protocol.Schema;
using WorkshopBot.Storage;

namespace WorkshopBot.Outbox;

/// <summary>Writes proactive sends to the store and wakes the drainer.</summary>
public sealed class Outbox(IOutboxStore store, OutboxSignal signal, TimeProvider time) : IOutbox
{
    public Task<OutboxMessage> SendAsync(ConversationRecord conversation, Activity activity, string dedupeKey, string? correlationId, CancellationToken cancellationToken) =>
        EnqueueAsync(
            new NewOutboxMessage
            {
                Kind = OutboxKind.Send,
                TenantId = conversation.TenantId ?? "",
                ServiceUrl = conversation.ServiceUrl,
                ConversationId = conversation.ConversationId,
                PayloadJson = BotJson.Serialize(activity),
                DedupeKey = dedupeKey,
                CorrelationId = correlationId,
            },
            cancellationToken);

    public Task<OutboxMessage> SendToUserAsync(string serviceUrl, string tenantId, string userId, Activity activity, string dedupeKey, string? correlationId, CancellationToken cancellationToken) =>
        EnqueueAsync(
            new NewOutboxMessage
            {
                Kind = OutboxKind.CreatePersonalConversation,
                TenantId = tenantId,
                ServiceUrl = serviceUrl,
                TargetUserId = userId,
                PayloadJson = BotJson.Serialize(activity),
                DedupeKey = dedupeKey,
                CorrelationId = correlationId,
            },
            cancellationToken);

    public Task<OutboxMessage> PostToChannelAsync(string serviceUrl, string tenantId, string channelId, Activity activity, string dedupeKey, string? correlationId, CancellationToken cancellationToken) =>
        EnqueueAsync(
            new NewOutboxMessage
            {
                Kind = OutboxKind.CreateChannelThread,
                TenantId = tenantId,
                ServiceUrl = serviceUrl,
                TargetChannelId = channelId,
                PayloadJson = BotJson.Serialize(activity),
                DedupeKey = dedupeKey,
                CorrelationId = correlationId,
            },
            cancellationToken);

    public Task<OutboxMessage> UpdateAsync(string serviceUrl, string tenantId, string conversationId, string activityId, Activity activity, string dedupeKey, string? correlationId, CancellationToken cancellationToken) =>
        EnqueueAsync(
            new NewOutboxMessage
            {
                Kind = OutboxKind.Update,
                TenantId = tenantId,
                ServiceUrl = serviceUrl,
                ConversationId = conversationId,
                ActivityId = activityId,
                PayloadJson = BotJson.Serialize(activity with { Id = activityId }),
                DedupeKey = dedupeKey,
                CorrelationId = correlationId,
            },
            cancellationToken);

    private async Task<OutboxMessage> EnqueueAsync(NewOutboxMessage message, CancellationToken cancellationToken)
    {
        var stored = await store.EnqueueAsync(message with { CreatedAt = time.GetUtcNow() }, cancellationToken).ConfigureAwait(false);
        signal.Notify();
        return stored;
    }
}
