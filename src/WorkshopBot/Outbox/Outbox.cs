using WorkshopBot.Protocol.Schema;
using WorkshopBot.Storage;

namespace WorkshopBot.Outbox;

/// <summary>Writes proactive sends to the store and wakes the drainer.</summary>
public sealed class Outbox(IOutboxStore store, OutboxSignal signal, TimeProvider time) : IOutbox
{
    public Task<OutboxMessage> SendAsync(ConversationRecord conversation, Activity activity, string dedupeKey, string? correlationId, CancellationToken cancellationToken) =>
        EnqueueAsync(New(OutboxKind.Send, conversation.TenantId ?? "", conversation.ServiceUrl, activity, dedupeKey, correlationId) with
        {
            ConversationId = conversation.ConversationId,
        }, cancellationToken);

    public Task<OutboxMessage> SendToUserAsync(string serviceUrl, string tenantId, string userId, Activity activity, string dedupeKey, string? correlationId, CancellationToken cancellationToken) =>
        EnqueueAsync(New(OutboxKind.CreatePersonalConversation, tenantId, serviceUrl, activity, dedupeKey, correlationId) with
        {
            TargetUserId = userId,
        }, cancellationToken);

    public Task<OutboxMessage> PostToChannelAsync(string serviceUrl, string tenantId, string channelId, Activity activity, string dedupeKey, string? correlationId, CancellationToken cancellationToken) =>
        EnqueueAsync(New(OutboxKind.CreateChannelThread, tenantId, serviceUrl, activity, dedupeKey, correlationId) with
        {
            TargetChannelId = channelId,
        }, cancellationToken);

    public Task<OutboxMessage> UpdateAsync(string serviceUrl, string tenantId, string conversationId, string activityId, Activity activity, string dedupeKey, string? correlationId, CancellationToken cancellationToken) =>
        EnqueueAsync(New(OutboxKind.Update, tenantId, serviceUrl, activity with { Id = activityId }, dedupeKey, correlationId) with
        {
            ConversationId = conversationId,
            ActivityId = activityId,
        }, cancellationToken);

    private NewOutboxMessage New(OutboxKind kind, string tenantId, string serviceUrl, Activity activity, string dedupeKey, string? correlationId) => new()
    {
        Kind = kind,
        TenantId = tenantId,
        ServiceUrl = serviceUrl,
        PayloadJson = BotJson.Serialize(activity with { Type = activity.Type ?? ActivityTypes.Message }),
        DedupeKey = dedupeKey,
        CorrelationId = correlationId,
        CreatedAt = time.GetUtcNow(),
    };

    private async Task<OutboxMessage> EnqueueAsync(NewOutboxMessage message, CancellationToken cancellationToken)
    {
        var stored = await store.EnqueueAsync(message, cancellationToken).ConfigureAwait(false);
        signal.Notify();
        return stored;
    }
}
