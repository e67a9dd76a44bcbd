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

    /// <summary>
    /// The times of the retention deletion-log entries (an audit purged, orphaned discussions deleted) written since
    /// <paramref name="since"/>, read from the append-only audit log.
    /// </summary>
    Task<IReadOnlyList<DateTimeOffset>> RetentionDeletionsSinceAsync(DateTimeOffset since, CancellationToken cancellationToken = default);

    /// <summary>
    /// Forgets the answers stored for activities handled from <paramref name="from"/> to before <paramref name="before"/>,
    /// keeping their marks (a redelivery is answered afresh), with SQLite's <c>secure_delete</c> on; returns how many.
    /// </summary>
    Task<int> ForgetAnswersAsync(DateTimeOffset from, DateTimeOffset before, CancellationToken cancellationToken = default);
}
