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
            // A mark may hold the answer card (what someone wrote): its bytes are wiped, not left in free space.
            await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
            var chunk = await SecureDelete.RunAsync(connection, null, () => connection.ExecuteAsync(new CommandDefinition("""
                DELETE FROM processed_activities WHERE (conversation_id, activity_id) IN (
                    SELECT conversation_id, activity_id FROM processed_activities WHERE processed_at < @olderThan LIMIT @chunk)
                """, new { olderThan = UnixTime.ToMs(olderThan), chunk = PruneChunk }, cancellationToken: cancellationToken)),
                cancellationToken).ConfigureAwait(false);
            removed += chunk;
            if (chunk < PruneChunk)
            {
                return removed;
            }
        }
    }

    /// <summary>
    /// The actions are written out as in the partial index of migration 1700 (AuditPurge.Action and
    /// OrphanedDiscussions.Action), so both databases answer from that index rather than reading the whole audit log.
    /// </summary>
    public async Task<IReadOnlyList<DateTimeOffset>> RetentionDeletionsSinceAsync(DateTimeOffset since,
        CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var times = await connection.QueryAsync<long>(new CommandDefinition("""
            SELECT at FROM audit_events WHERE action IN ('retention.purged', 'retention.orphans.purged') AND at >= @since
            """, new { since = UnixTime.ToMs(since) }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return times.Select(t => UnixTime.FromMs(t)).ToList();
    }

    public async Task<int> ForgetAnswersAsync(DateTimeOffset from, DateTimeOffset before, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var args = new { from = UnixTime.ToMs(from), before = UnixTime.ToMs(before), afresh = PackedAnswer.AfreshMark() };
        const string Kept = """
            processed_at >= @from AND processed_at < @before
            AND (response_json IS NOT NULL OR (response_packed IS NOT NULL AND response_packed <> @afresh))
            """;
        // Read first, without the write lock: most hours there is nothing to forget, and the range may hold many vote marks.
        if (await connection.ExecuteScalarAsync<long>(new CommandDefinition($"SELECT COUNT(*) FROM processed_activities WHERE {Kept}",
            args, cancellationToken: cancellationToken)).ConfigureAwait(false) == 0)
        {
            return 0;
        }

        return await SecureDelete.RunAsync(connection, null, () => connection.ExecuteAsync(new CommandDefinition(
            $"UPDATE processed_activities SET response_json = NULL, response_packed = @afresh WHERE {Kept}",
            args, cancellationToken: cancellationToken)), cancellationToken).ConfigureAwait(false);
    }
}
