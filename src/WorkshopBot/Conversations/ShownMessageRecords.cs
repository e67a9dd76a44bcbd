using Dapper;
using WorkshopBot.Storage;

namespace WorkshopBot.Conversations;

/// <summary>
/// The upkeep of the records of which messages show which audits (<see cref="ShownMessages"/>), by the hourly job
/// (<see cref="ProcessedActivityPruner"/>): a record serves only while there is a card in Teams for retention to take down.
/// </summary>
public sealed class ShownMessageRecords
{
    private readonly StorageDatabase _database;

    internal ShownMessageRecords(StorageDatabase database) => _database = database;

    /// <summary>
    /// Deletes the records of messages never posted and never to be: their outbox message failed for good or was blocked
    /// (a message withdrawn unsent is failed so), or is gone, or was sent without Teams giving an id, so there is no card
    /// to take down. Only records made before <paramref name="before"/>. Returns how many went.
    /// </summary>
    public async Task<int> PruneNeverPostedAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteAsync(new CommandDefinition($"""
            DELETE FROM {ShownMessages.Table}
            WHERE activity_id IS NULL AND created_at < @before
                AND NOT EXISTS (SELECT 1 FROM outbox_messages o WHERE o.dedupe_key = {ShownMessages.Table}.outbox_key
                    AND (o.status IN ('Pending', 'InFlight') OR (o.status = 'Sent' AND o.sent_activity_id IS NOT NULL)))
            """, new { before = UnixTime.ToMs(before) }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }
}
