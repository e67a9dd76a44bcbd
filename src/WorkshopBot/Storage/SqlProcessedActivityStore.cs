using Dapper;

namespace WorkshopBot.Storage;

internal sealed class SqlProcessedActivityStore(StorageDatabase database) : IProcessedActivityStore
{
    public async Task<bool> TryMarkProcessedAsync(string conversationId, string activityId, DateTimeOffset at,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(conversationId);
        ArgumentException.ThrowIfNullOrEmpty(activityId);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var inserted = await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO processed_activities (conversation_id, activity_id, processed_at)
            VALUES (@conversationId, @activityId, @at)
            ON CONFLICT (conversation_id, activity_id) DO NOTHING
            """, new { conversationId, activityId, at = UnixTime.ToMs(at) },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return inserted == 1;
    }

    public async Task<StoredResponse?> FindAsync(string conversationId, string activityId, CancellationToken cancellationToken = default)
    {
        // Every turn asks this first, alone or carried by the turn's first read: on a connection whose statement stays
        // prepared (StoreReader).
        await using var reader = await database.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.QueryAsync(FindQuery(conversationId, activityId), cancellationToken).ConfigureAwait(false);
    }

    public StoreQuery<StoredResponse?> FindQuery(string conversationId, string activityId) => new("""
        SELECT response_status, response_json, response_packed, person_key FROM processed_activities
        WHERE conversation_id = @conversationId AND activity_id = @activityId
        """, static async (row, ct) => await row.ReadAsync(ct).ConfigureAwait(false)
            ? StoredResponse.Read((int?)StoreReader.NullableInt64(row, 0), StoreReader.NullableString(row, 1),
                StoreReader.NullableBytes(row, 2), StoreReader.NullableString(row, 3))
            : null,
        ("@conversationId", conversationId), ("@activityId", activityId));

    public async Task ForgetAsync(string conversationId, string activityId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM processed_activities WHERE conversation_id = @conversationId AND activity_id = @activityId",
            new { conversationId, activityId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>Marks removed by one statement of <see cref="PruneAsync"/>.</summary>
    public const int PruneChunk = 2_000;

    /// <summary>
    /// Removes the marks older than <paramref name="olderThan"/> a chunk at a time, each chunk its own short write: an hour
    /// of votes at conference rates is millions of marks, and one statement removing them all would hold SQLite's only
    /// write lock for seconds while every turn's commit waited behind it.
    /// </summary>
    public async Task<int> PruneAsync(DateTimeOffset olderThan, CancellationToken cancellationToken = default)
    {
        var removed = 0;
        while (true)
        {
            await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
            var chunk = await connection.ExecuteAsync(new CommandDefinition("""
                DELETE FROM processed_activities WHERE (conversation_id, activity_id) IN (
                    SELECT conversation_id, activity_id FROM processed_activities WHERE processed_at < @olderThan LIMIT @chunk)
                """, new { olderThan = UnixTime.ToMs(olderThan), chunk = PruneChunk }, cancellationToken: cancellationToken))
                .ConfigureAwait(false);
            removed += chunk;
            if (chunk < PruneChunk)
            {
                return removed;
            }
        }
    }
}
