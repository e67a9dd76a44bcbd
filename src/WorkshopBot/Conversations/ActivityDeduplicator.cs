using WorkshopBot.Protocol.Hosting;
using WorkshopBot.Storage;

namespace WorkshopBot.Conversations;

/// <summary>Remembers handled activity ids in the store, so a redelivery is processed once even across instances.</summary>
public sealed class ActivityDeduplicator(IProcessedActivityStore store, TimeProvider time) : IActivityDeduplicator
{
    public Task<bool> TryBeginAsync(string conversationId, string activityId, CancellationToken cancellationToken) =>
        store.TryMarkProcessedAsync(conversationId, activityId, time.GetUtcNow(), cancellationToken);

    public Task ForgetAsync(string conversationId, string activityId, CancellationToken cancellationToken) =>
        store.ForgetAsync(conversationId, activityId, cancellationToken);
}
