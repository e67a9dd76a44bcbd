namespace WorkshopBot.Storage;

/// <summary>Remembers inbound activities already handled, so a retried delivery is not acted on twice.</summary>
public interface IProcessedActivityStore
{
    /// <summary>
    /// Records the activity; true only for the first caller with this (conversation, activity) pair, also when
    /// callers race (the database's unique key decides).
    /// </summary>
    Task<bool> TryMarkProcessedAsync(string conversationId, string activityId, DateTimeOffset at,
        CancellationToken cancellationToken = default);

    /// <summary>The answer stored when the activity was handled, or null when it was not handled yet.</summary>
    Task<StoredResponse?> FindAsync(string conversationId, string activityId, CancellationToken cancellationToken = default);

    /// <summary>The read of <see cref="FindAsync"/>, for a turn's first read to carry (UnitOfWork.DeferReplayCheck).</summary>
    StoreQuery<StoredResponse?> FindQuery(string conversationId, string activityId);

    /// <summary>Forgets one activity (its handling failed), so a redelivery is handled again.</summary>
    Task ForgetAsync(string conversationId, string activityId, CancellationToken cancellationToken = default);

    /// <summary>Forgets activities recorded before <paramref name="olderThan"/>; returns how many were removed.</summary>
    Task<int> PruneAsync(DateTimeOffset olderThan, CancellationToken cancellationToken = default);
}
