using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using WorkshopBot.Common;

namespace WorkshopBot.Storage;

/// <summary>
/// Copies SQLite's write-ahead log into the database file beside the group commit rather than inside it. Left to itself,
/// SQLite checkpoints in the commit that takes the log past 1,000 pages: that commit copies every page and syncs the file
/// while the votes behind it wait, several times a second at 5,000 votes a second (the thirtieth round in ROUNDS.md).
/// Here, a while after a commit (<see cref="StorageOptions.LogCheckpointMs"/>), a connection of its own first copies what
/// it can without stopping anyone (<c>PASSIVE</c>), then copies the few pages committed meanwhile and starts the log again
/// from its beginning (<c>RESTART</c>), between two of the group commit's batches (<see cref="EnterWriterAsync"/>), which
/// holds commits only for that tail and waits at most <see cref="RestartWaitMs"/> for readers still in the log; a round
/// that cannot restart the log leaves it to the next. The writer's own checkpoint stays as a fallback past
/// <see cref="WriterFallbackPages"/>, so the log stays bounded if these fall behind or fail. A checkpoint never changes
/// what is durable: a commit is in the log before it is acknowledged, whichever connection copies it on.
/// </summary>
internal sealed partial class SqliteLogCheckpoints : IAsyncDisposable
{
    /// <summary>The writer's own checkpoint (<c>wal_autocheckpoint</c>) when these run: about 40 MB of log.</summary>
    public const int WriterFallbackPages = 10_000;

    /// <summary>
    /// The longest a restart waits for readers to leave the log (or for a write outside the group commit); commits wait
    /// while it waits, so it is short, and a reader that takes longer only leaves the log to the next round.
    /// </summary>
    public const int RestartWaitMs = 25;

    private readonly string connectionString;
    private readonly TimeSpan after;
    private readonly TimeProvider clock;
    private readonly ILogger logger;
    private readonly SemaphoreSlim nudged = new(0, 1);
    private readonly SemaphoreSlim writing = new(1, 1);
    private readonly SemaphoreSlim copying = new(1, 1);
    private readonly CancellationTokenSource stopping = new();
    private Task? running;
    private int started;
    private int owed;
    private long rounds;
    private long restarts;

    public SqliteLogCheckpoints(string connectionString, TimeSpan after, TimeProvider clock, ILogger logger)
    {
        this.connectionString = connectionString;
        this.after = after;
        this.clock = clock;
        this.logger = logger;
    }

    /// <summary>Rounds run (for tests).</summary>
    internal long Rounds => Interlocked.Read(ref rounds);

    /// <summary>Rounds that started the log again from its beginning (for tests).</summary>
    internal long Restarts => Interlocked.Read(ref restarts);

    /// <summary>
    /// Taken by the group commit for each batch on the writer (<see cref="StorageDatabase.OpenWriterAsync"/>) and by a
    /// round for its restart, so that the restart gets the write lock between two batches instead of polling for it
    /// while the commits, one after another, keep it.
    /// </summary>
    public Task EnterWriterAsync(CancellationToken cancellationToken) => writing.WaitAsync(cancellationToken);

    /// <summary>Hands the write lock on (to the next batch, or to a round waiting to restart the log).</summary>
    public void LeaveWriter() => writing.Release();

    /// <summary>
    /// Held by a round while it copies, and taken by a checkpoint of another connection that must finish (emptying the log
    /// after a purge: <see cref="StoreCheckpoint.TruncateLogAsync"/>). SQLite lets one checkpoint run at a time and
    /// answers another busy at once, without waiting: unpaced, a round in progress made the purge's tries fail.
    /// </summary>
    public Task EnterCopyAsync(CancellationToken cancellationToken) => copying.WaitAsync(cancellationToken);

    /// <summary>Lets the next round, or checkpoint, copy.</summary>
    public void LeaveCopy() => copying.Release();

    /// <summary>A commit has added to the log: a round runs <see cref="StorageOptions.LogCheckpointMs"/> from now.</summary>
    public void Committed()
    {
        if (stopping.IsCancellationRequested)
        {
            return;
        }

        if (Interlocked.Exchange(ref started, 1) == 0)
        {
            running = Detached.Run(RunAsync);
        }

        if (Interlocked.Exchange(ref owed, 1) == 0)
        {
            nudged.Release();
        }
    }

    private async Task RunAsync()
    {
        SqliteConnection? connection = null;
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                await nudged.WaitAsync(stopping.Token).ConfigureAwait(false);
                await Task.Delay(after, clock, stopping.Token).ConfigureAwait(false);
                // Commits from here on owe the next round; this one copies what they have written so far.
                Volatile.Write(ref owed, 0);
                try
                {
                    connection ??= await OpenAsync().ConfigureAwait(false);
                    await copying.WaitAsync(stopping.Token).ConfigureAwait(false);
                    try
                    {
                        await CheckpointAsync(connection).ConfigureAwait(false);
                    }
                    finally
                    {
                        copying.Release();
                    }
                }
                catch (Exception ex) when (ex is SqliteException or InvalidOperationException or IOException)
                {
                    // The next round opens a connection afresh.
                    LogRoundFailed(ex);
                    if (connection is not null)
                    {
                        await connection.DisposeAsync().ConfigureAwait(false);
                        connection = null;
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        finally
        {
            if (connection is not null)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private async Task<SqliteConnection> OpenAsync()
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(stopping.Token).ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = {RestartWaitMs};";
            await command.ExecuteNonQueryAsync(stopping.Token).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task CheckpointAsync(SqliteConnection connection)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
        await command.ExecuteNonQueryAsync(stopping.Token).ConfigureAwait(false);
        // One row: 1 when the restart was blocked (a reader, or a write of another connection, past the wait), then the
        // log's pages and those copied.
        command.CommandText = "PRAGMA wal_checkpoint(RESTART);";
        bool blocked;
        await writing.WaitAsync(stopping.Token).ConfigureAwait(false);
        try
        {
            blocked = await command.ExecuteScalarAsync(stopping.Token).ConfigureAwait(false) is long busy && busy != 0;
        }
        finally
        {
            writing.Release();
        }

        Interlocked.Increment(ref rounds);
        if (!blocked)
        {
            Interlocked.Increment(ref restarts);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        if (running is { } task)
        {
            await task.ConfigureAwait(false);
        }

        // The semaphore is left undisposed: a commit finishing during shutdown may still release it (its wait handle is
        // never made, so there is nothing to free).
        stopping.Dispose();
    }

    [LoggerMessage(EventId = 1401, Level = LogLevel.Warning,
        Message = "Copying the SQLite log into the database file failed; the next commit tries again, and past its "
            + "fallback size the writer copies it")]
    private partial void LogRoundFailed(Exception exception);
}
