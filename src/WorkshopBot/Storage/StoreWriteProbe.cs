using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;

namespace WorkshopBot.Storage;

/// <summary>
/// While <see cref="StoreWrites"/> says the store refuses writes, finds out whether it takes them again: one tiny write in its
/// own transaction (the oldest schema_migrations row rewritten as it is, which SQLite and PostgreSQL both really write: a
/// read-only database or a full disk refuses it), at most once every <see cref="Interval"/> however often it is asked, one
/// at a time, waiting at most a second for a lock. <c>/readyz</c> asks: an instance the load balancer took out of rotation
/// gets no turns, so no commit of its own would clear the refusal. Nothing is written while the store takes writes.
/// </summary>
internal sealed partial class StoreWriteProbe
{
    /// <summary>The least time between two probes.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    private const int LockWaitMs = 1000;
    private readonly StorageDatabase _database;
    private readonly StoreWrites _writes;
    private readonly TimeProvider _time;
    private readonly ILogger<StoreWriteProbe> _logger;
    private long _nextAt = long.MinValue;
    private int _probing;

    public StoreWriteProbe(StorageDatabase database, StoreWrites writes, TimeProvider time, ILogger<StoreWriteProbe> logger)
    {
        _database = database;
        _writes = writes;
        _time = time;
        _logger = logger;
    }

    /// <summary>The refusal still in force after probing (when one is due), or null when the store takes writes.</summary>
    public async Task<StoreWriteRefusal?> RefusalAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        if (_writes.Refusal is null || now.UtcTicks < Interlocked.Read(ref _nextAt)
            || Interlocked.Exchange(ref _probing, 1) == 1)
        {
            return _writes.Refusal;
        }

        try
        {
            Interlocked.Exchange(ref _nextAt, (now + Interval).UtcTicks);
            var refused = _writes.Refusal;
            await WriteAsync(cancellationToken).ConfigureAwait(false);
            _writes.Stored();
            if (refused is not null)
            {
                LogTakesWritesAgain(refused.Error, (long)(_time.GetUtcNow() - refused.Since).TotalSeconds);
            }
        }
        catch (Exception ex) when (ex is DbException or IOException or InvalidOperationException or OperationCanceledException)
        {
            // Still refused: the refusal recorded by the commit stays as it is (its error and since when).
            LogStillRefused(ex.GetType().Name);
        }
        finally
        {
            Volatile.Write(ref _probing, 0);
        }

        return _writes.Refusal;
    }

    private async Task WriteAsync(CancellationToken cancellationToken)
    {
        const string Rewrite = """
            UPDATE schema_migrations SET version = version
            WHERE version = (SELECT MIN(version) FROM schema_migrations)
            """;
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        if (connection is SqliteConnection)
        {
            // One statement is its own write transaction. The connection is pooled: its lock wait is put back after.
            await connection.ExecuteAsync(new CommandDefinition($"PRAGMA busy_timeout = {LockWaitMs}",
                cancellationToken: cancellationToken)).ConfigureAwait(false);
            try
            {
                await connection.ExecuteAsync(new CommandDefinition(Rewrite, commandTimeout: 1,
                    cancellationToken: cancellationToken)).ConfigureAwait(false);
            }
            finally
            {
                var restore = $"PRAGMA busy_timeout = {StorageDatabase.SqliteBusyTimeoutMs}";
                await connection.ExecuteAsync(new CommandDefinition(restore, cancellationToken: CancellationToken.None))
                    .ConfigureAwait(false);
            }

            return;
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            $"SET LOCAL lock_timeout = {LockWaitMs}; SET LOCAL statement_timeout = {2 * LockWaitMs}; {Rewrite}",
            transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(EventId = 1420, Level = LogLevel.Information,
        Message = "The store takes writes again (a probe write was stored after {Error}, refused for {Seconds} s)")]
    private partial void LogTakesWritesAgain(string error, long seconds);

    [LoggerMessage(EventId = 1421, Level = LogLevel.Debug, Message = "The store still refuses writes (a probe write failed: {Error})")]
    private partial void LogStillRefused(string error);
}
