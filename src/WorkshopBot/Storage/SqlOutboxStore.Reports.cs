// Reports of messages that failed for good: listing those not yet reported, and marking one reported.
using Dapper;

namespace WorkshopBot.Storage;

internal sealed partial class SqlOutboxStore
{
    // The same terms as the partial index ix_outbox_unreported, so that both databases read it.
    private const string Unreported = "reported_at IS NULL AND status IN ('Failed', 'Blocked')";

    private const string MarkReportedSql = $"UPDATE outbox_messages SET reported_at = @at WHERE id = @id AND {Unreported}";

    public async Task<IReadOnlyList<OutboxMessage>> ListUnreportedAsync(DateTimeOffset completedFrom, DateTimeOffset completedBefore,
        int max, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition($"""
            SELECT {Columns} FROM outbox_messages
            WHERE {Unreported} AND completed_at >= @from AND completed_at < @before
            ORDER BY completed_at, id
            LIMIT @max
            """, new { from = UnixTime.ToMs(completedFrom), before = UnixTime.ToMs(completedBefore), max },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => r.ToMessage()).ToList();
    }

    public async Task<bool> MarkReportedAsync(long id, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteAsync(new CommandDefinition(MarkReportedSql, new { id, at = UnixTime.ToMs(at) },
            cancellationToken: cancellationToken)).ConfigureAwait(false) == 1;
    }

    /// <summary>
    /// <see cref="MarkReportedAsync"/> as a statement of a unit of work (<see cref="StoreWork.MarkReported"/>): it changes
    /// no row when the message was reported already, which is not a conflict.
    /// </summary>
    public static StoreStatement MarkReportedStatement(long id, DateTimeOffset at) =>
        new(MarkReportedSql, null, ("@id", id), ("@at", UnixTime.ToMs(at)));
}
