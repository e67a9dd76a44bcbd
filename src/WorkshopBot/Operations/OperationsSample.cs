using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Options;
using WorkshopBot.Common;
using WorkshopBot.Storage;

namespace WorkshopBot.Operations;

/// <summary>
/// What the gauges and <c>/readyz</c> read from the store: outbox depth; how long the oldest due message has waited for an
/// attempt (<paramref name="OldestDueAge"/>: no instance is sending); how long the oldest message still to be sent has
/// waited since it was queued, however often Teams put it off (<paramref name="OldestQueuedAge"/>: an outage of Teams or
/// of the bot's token); open safety alerts.
/// </summary>
public sealed record OperationsReading(long OutboxDepth, long OutboxDue, TimeSpan OldestDueAge, TimeSpan OldestQueuedAge,
    long UnacknowledgedSafetyAlerts)
{
    public static OperationsReading None { get; } = new(0, 0, TimeSpan.Zero, TimeSpan.Zero, 0);
}

/// <summary>
/// The latest reading, for the metric gauges (whose callbacks must not wait for the store). Reading <see cref="Current"/>
/// starts a fresh reading in the background when the last one is older than <see cref="OperationsOptions.SampleInterval"/>;
/// no timer runs, so nothing happens while nobody collects metrics.
/// </summary>
public sealed partial class OperationsSample(
    IServiceProvider services, IOptions<OperationsOptions> options, TimeProvider time, ILogger<OperationsSample> logger)
{
    private volatile OperationsReading _current = OperationsReading.None;
    private long _readAt = long.MinValue;
    private int _reading;

    public OperationsReading Current
    {
        get
        {
            var now = time.GetUtcNow();
            if (now.UtcTicks - Interlocked.Read(ref _readAt) >= options.Value.SampleInterval.Ticks
                && Interlocked.CompareExchange(ref _reading, 1, 0) == 0)
            {
                _ = Detached.Run(() => RefreshAsync(now));
            }

            return _current;
        }
    }

    public void Set(OperationsReading reading, DateTimeOffset at)
    {
        _current = reading ?? throw new ArgumentNullException(nameof(reading));
        Interlocked.Exchange(ref _readAt, at.UtcTicks);
    }

    private async Task RefreshAsync(DateTimeOffset now)
    {
        try
        {
            await Task.Yield();
            Set(await services.GetRequiredService<OperationsQueries>().ReadAsync(now, CancellationToken.None).ConfigureAwait(false), now);
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException or ObjectDisposedException)
        {
            LogSampleFailed(ex.GetType().Name);
        }
        finally
        {
            Interlocked.Exchange(ref _reading, 0);
        }
    }

    [LoggerMessage(EventId = 1110, Level = LogLevel.Warning, Message = "Could not read the outbox and alert gauges ({ErrorType})")]
    private partial void LogSampleFailed(string errorType);
}

/// <summary>Counts in the store for operations: one query per number, ids and counts only.</summary>
internal sealed class OperationsQueries(StorageDatabase database)
{
    /// <summary>Collection and key2 of open immediate-safety alerts (see the audit feature's store).</summary>
    private const string OpenAlertsSql =
        "SELECT COUNT(*) FROM documents WHERE collection = 'audit-escalations' AND key2 = 'open'";

    public async Task<OperationsReading> ReadAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var at = UnixTime.ToMs(now);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var depth = await ScalarAsync(connection, "SELECT COUNT(*) FROM outbox_messages WHERE status IN ('Pending', 'InFlight')",
            null, cancellationToken).ConfigureAwait(false);
        var due = await connection.QuerySingleAsync<(long Count, long? Oldest)>(new CommandDefinition("""
            SELECT COUNT(*) AS Count, MIN(CASE WHEN status = 'Pending' THEN next_attempt_at ELSE lease_until END) AS Oldest
            FROM outbox_messages
            WHERE (status = 'Pending' AND next_attempt_at <= @at) OR (status = 'InFlight' AND lease_until <= @at)
            """, new { at }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        // From when it was queued, not from its next attempt, which each postponement moves on (a 429, a token that cannot
        // be had, an outage of Teams): a message put off for an hour has waited an hour. One queued to go later and not yet
        // touched (next_attempt_at ahead, updated_at still created_at) has not begun to wait.
        var queued = await connection.ExecuteScalarAsync<long?>(new CommandDefinition("""
            SELECT MIN(created_at) FROM outbox_messages
            WHERE status IN ('Pending', 'InFlight') AND (next_attempt_at <= @at OR updated_at > created_at)
            """, new { at }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var alerts = await ScalarAsync(connection, OpenAlertsSql, null, cancellationToken).ConfigureAwait(false);
        return new OperationsReading(depth, due.Count, Since(at, due.Oldest), Since(at, queued), alerts);
    }

    private static TimeSpan Since(long at, long? from) =>
        from is { } ms ? TimeSpan.FromMilliseconds(Math.Max(0, at - ms)) : TimeSpan.Zero;

    private static async Task<long> ScalarAsync(DbConnection connection, string sql, object? args, CancellationToken ct) =>
        await connection.ExecuteScalarAsync<long>(new CommandDefinition(sql, args, cancellationToken: ct)).ConfigureAwait(false);
}
