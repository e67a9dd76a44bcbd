using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace WorkshopBot.Storage;

/// <summary>
/// While <see cref="StoreWrites"/> says the store refuses writes, or that a commit met contention (a lock not had in time),
/// finds out whether it takes writes: one tiny write in its
/// own transaction (the oldest schema_migrations row rewritten as it is, which SQLite and PostgreSQL both really write: a
/// read-only database or a full disk refuses it), at most once every <see cref="Interval"/> however often it is asked, one
/// at a time, waiting at most a second for a lock. <c>/readyz</c> asks: an instance the load balancer took out of rotation
/// gets no turns, so no commit of its own would clear the refusal. After contention alone, the store is reported refusing
/// writes only if this write fails too: one busy moment does not take the instance out of rotation. Nothing is written
/// while commits are stored.
/// On SQLite that write alone cannot say a full disk has room again: the rewrite reuses a page (and the log's space) that
/// the file already has, while the next commit that grows the file fails. So on SQLite each probe (every
/// <see cref="Interval"/> at most, whether or not a commit was refused) also reads the free space on the disk holding the
/// file, and below <see cref="StorageOptions.MinFreeDiskMb"/> the store is reported not ready (<see cref="LowDiskSpace"/>)
/// and the probe write is not tried. PostgreSQL's disk is its server's: only the write is tried there.
/// </summary>
internal sealed partial class StoreWriteProbe
{
    /// <summary>The least time between two probes.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    /// <summary>The refusal's error while the disk holding the SQLite file has too little room.</summary>
    public const string LowDiskSpace = "LowDiskSpace";

    private const int LockWaitMs = 1000;
    private readonly StorageDatabase _database;
    private readonly StoreWrites _writes;
    private readonly TimeProvider _time;
    private readonly ILogger<StoreWriteProbe> _logger;
    private readonly IDiskSpace _disk;
    private readonly long _minFreeBytes;
    private long _nextAt = long.MinValue;
    private int _probing;
    private volatile StoreWriteRefusal? _lowDisk;

    public StoreWriteProbe(StorageDatabase database, StoreWrites writes, TimeProvider time, ILogger<StoreWriteProbe> logger,
        IDiskSpace disk, IOptions<StorageOptions> options)
    {
        _database = database;
        _writes = writes;
        _time = time;
        _logger = logger;
        _disk = disk;
        _minFreeBytes = (long)options.Value.MinFreeDiskMb * 1024 * 1024;
    }

    /// <summary>
    /// The refusal still in force after probing (when one is due): the disk's (<see cref="LowDiskSpace"/>) first, then a
    /// refused commit's; null when the store takes writes.
    /// </summary>
    public async Task<StoreWriteRefusal?> RefusalAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        if (now.UtcTicks < Interlocked.Read(ref _nextAt) || Interlocked.Exchange(ref _probing, 1) == 1)
        {
            return _lowDisk ?? _writes.Refusal;
        }

        try
        {
            Interlocked.Exchange(ref _nextAt, (now + Interval).UtcTicks);
            _lowDisk = CheckDisk(now);
            if (_lowDisk is null && (_writes.Refusal ?? _writes.Contended) is { } refused)
            {
                await ProbeAsync(refused, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            Volatile.Write(ref _probing, 0);
        }

        return _lowDisk ?? _writes.Refusal;
    }

    /// <summary>
    /// A refusal while the disk holding the SQLite file has less than the setting free (kept since it was first seen),
    /// or null: enough room, the check off, unreadable, or PostgreSQL.
    /// </summary>
    private StoreWriteRefusal? CheckDisk(DateTimeOffset now)
    {
        if (_minFreeBytes <= 0 || _database.SqliteFilePath is not { } file
            || Path.GetDirectoryName(Path.GetFullPath(file)) is not { } folder)
        {
            return null;
        }

        var free = _disk.AvailableBytes(folder);
        if (free is null || free >= _minFreeBytes)
        {
            if (_lowDisk is { } was)
            {
                LogDiskHasRoomAgain(free ?? -1, (long)(now - was.Since).TotalSeconds);
            }

            return null;
        }

        if (_lowDisk is null)
        {
            LogDiskNearlyFull(free.Value / (1024 * 1024), _minFreeBytes / (1024 * 1024));
        }

        return _lowDisk ?? new StoreWriteRefusal(LowDiskSpace, now);
    }

    private async Task ProbeAsync(StoreWriteRefusal refused, CancellationToken cancellationToken)
    {
        var wasRefused = _writes.Refusal is not null;
        try
        {
            await WriteAsync(cancellationToken).ConfigureAwait(false);
            _writes.Stored();
            if (wasRefused)
            {
                LogTakesWritesAgain(refused.Error, (long)(_time.GetUtcNow() - refused.Since).TotalSeconds);
            }
        }
        catch (Exception ex) when (ex is DbException or IOException or InvalidOperationException or OperationCanceledException)
        {
            // Still refused: the refusal recorded by the commit stays as it is (its error and since when). After contention
            // alone (a lock wait, a busy pool), the probe's own write failing too says the store cannot write: refused now.
            _writes.Confirm();
            LogStillRefused(ex.GetType().Name);
        }
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

    [LoggerMessage(EventId = 1446, Level = LogLevel.Warning,
        Message = "The disk holding the SQLite database has {FreeMb} MB free, less than Storage:MinFreeDiskMb ({MinMb} MB): "
            + "/readyz reports the store not ready until there is room")]
    private partial void LogDiskNearlyFull(long freeMb, long minMb);

    [LoggerMessage(EventId = 1447, Level = LogLevel.Information,
        Message = "The disk holding the SQLite database has room again ({FreeBytes} bytes free, after {Seconds} s)")]
    private partial void LogDiskHasRoomAgain(long freeBytes, long seconds);
}

/// <summary>The free space of the disk holding a folder: <see cref="StoreWriteProbe"/>'s seam (tests give their own).</summary>
public interface IDiskSpace
{
    /// <summary>Bytes free to this process on the disk holding <paramref name="folder"/>, or null when it cannot be read.</summary>
    long? AvailableBytes(string folder);
}

/// <summary>The disk's free space as the system reports it (statvfs on Linux, GetDiskFreeSpaceEx on Windows).</summary>
internal sealed class DriveDiskSpace : IDiskSpace
{
    public long? AvailableBytes(string folder)
    {
        try
        {
            return new DriveInfo(folder).AvailableFreeSpace;
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
