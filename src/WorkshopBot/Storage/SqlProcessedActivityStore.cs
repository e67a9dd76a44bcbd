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
        SELECT response_status, response_json, response_packed FROM processed_activities
        WHERE conversation_id = @conversationId AND activity_id = @activityId
        """, static async (row, ct) => await row.ReadAsync(ct).ConfigureAwait(false)
            ? StoredResponse.Read((int?)StoreReader.NullableInt64(row, 0), StoreReader.NullableString(row, 1),
                StoreReader.NullableBytes(row, 2))
            : null,
        ("@conversationId", conversationId), ("@activityId", activityId));

    public async Task ForgetAsync(string conversationId, string activityId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM processed_activities WHERE conversation_id = @conversationId AND activity_id = @activityId",
            new { conversationId, activityId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task<int> PruneAsync(DateTimeOffset olderThan, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM processed_activities WHERE processed_at < @olderThan",
            new { olderThan = UnixTime.ToMs(olderThan) }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }
}
