using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace WorkshopBot.Storage;

/// <summary>
/// Opens one connection per operation on the configured provider. Both drivers pool connections, so this is cheap.
/// </summary>
internal sealed partial class StorageDatabase : IAsyncDisposable
{
    /// <summary>Statements kept prepared per PostgreSQL connection unless the connection string sets Max Auto Prepare.</summary>
    public const int PostgresAutoPrepared = 100;

    /// <summary>PostgreSQL connections one bot instance opens at most, unless the connection string sets Maximum Pool Size.</summary>
    public const int PostgresMaxConnections = 8;

    // Per-connection settings; journal_mode=WAL is persistent in the file and is set by the migrator. With the log copied
    // beside the commits (SqliteLogCheckpoints), a connection's own checkpoint is only the fallback.
    private const string SqliteConnectionPragmas =
        "PRAGMA busy_timeout = 3000; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;"; // SqliteBusyTimeoutMs

    private readonly NpgsqlDataSource? postgres;
    private readonly string? sqliteConnectionString;
    private readonly SqliteLogCheckpoints? checkpoints;
    private readonly string connectionPragmas;

    // The group commit's SQLite connection, kept open between batches (see OpenWriterAsync); null until the first commit.
    private PreparingSqliteConnection? writer;

    // SQLite connections kept open for the hot reads, each with its statements prepared (see StoreReader). Last in, first
    // out: a reader drops its page cache when it next reads after any commit, so the one used last is the likeliest to
    // still hold the pages a read needs (a bag hands each thread its own, spreading reads over all of them).
    private readonly System.Collections.Concurrent.ConcurrentStack<PreparingSqliteConnection> readers = [];
    private int keptReaders;
    private bool disposed;

    // Pooled SQLite handles that already have the per-connection settings: a handle keeps them while the pool reuses it,
    // so they are sent once per handle rather than on every open (three statements prepared per open otherwise).
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<SQLitePCL.sqlite3, object> configured = [];

    private StorageDatabase(StorageProvider provider, NpgsqlDataSource? postgres, string? sqliteConnectionString,
        string? sqliteFilePath, SqliteLogCheckpoints? checkpoints = null)
    {
        Provider = provider;
        this.postgres = postgres;
        this.sqliteConnectionString = sqliteConnectionString;
        SqliteFilePath = sqliteFilePath;
        this.checkpoints = checkpoints;
        connectionPragmas = checkpoints is null
            ? SqliteConnectionPragmas
            : $"{SqliteConnectionPragmas} PRAGMA wal_autocheckpoint = {SqliteLogCheckpoints.WriterFallbackPages};";
    }

    /// <summary>The SQLite log's checkpoints beside the commits; null on PostgreSQL or with the setting at 0.</summary>
    internal SqliteLogCheckpoints? LogCheckpoints => checkpoints;

    public StorageProvider Provider { get; }

    /// <summary>The SQL texts of queries read in one round trip, joined once (see <see cref="StoreSqlJoins"/>).</summary>
    public StoreSqlJoins Joins { get; } = new();

    /// <summary>Absolute path of the SQLite file (null on Postgres).</summary>
    public string? SqliteFilePath { get; }

    /// <param name="options">The storage settings.</param>
    /// <param name="contentRoot">What a relative data folder is relative to.</param>
    /// <param name="logger">Where a failed checkpoint of the SQLite log is told (none when null).</param>
    /// <param name="clock">
    /// The clock the log's checkpoints wait on after a commit: the system's unless a test passes its own, for the reason
    /// <see cref="GroupCommitWait"/> gives (a pause in real time, not a time anything records).
    /// </param>
    public static StorageDatabase Create(StorageOptions options, string contentRoot, ILogger? logger = null,
        TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        switch (options.ResolveProvider())
        {
            case StorageProvider.Postgres:
                return new StorageDatabase(StorageProvider.Postgres,
                    NpgsqlDataSource.Create(WithPoolDefaults(options.PostgresConnectionString!)), null, null);
            default:
                var path = options.ResolveSqlitePath(contentRoot);
                var folder = Path.GetDirectoryName(path);
                if (!string.IsNullOrEmpty(folder))
                {
                    Directory.CreateDirectory(folder);
                }

                var builder = new SqliteConnectionStringBuilder
                {
                    DataSource = path,
                    Mode = SqliteOpenMode.ReadWriteCreate,
                    Pooling = true,
                    ForeignKeys = true,
                    DefaultTimeout = SqliteCommandTimeoutSeconds,
                };
                var connectionString = builder.ToString();
                var checkpoints = options.LogCheckpointMs > 0
                    ? new SqliteLogCheckpoints(connectionString, TimeSpan.FromMilliseconds(options.LogCheckpointMs),
                        clock ?? TimeProvider.System, logger ?? NullLogger.Instance)
                    : null;
                return new StorageDatabase(StorageProvider.Sqlite, null, connectionString, path, checkpoints);
        }
    }

    public Task<DbConnection> OpenAsync(CancellationToken cancellationToken) => OpenAsync(preparing: false, cancellationToken);

    /// <summary>
    /// The connection the group commit runs a batch on: on SQLite the one kept open between batches, whose statements stay
    /// prepared (<see cref="PreparingSqliteConnection"/>); on PostgreSQL a pooled one. Only the committer's leader calls
    /// this, one batch at a time, and hands the connection back with <see cref="ReleaseWriterAsync"/>.
    /// </summary>
    public async Task<DbConnection> OpenWriterAsync(CancellationToken cancellationToken)
    {
        if (postgres is not null)
        {
            return await OpenAsync(cancellationToken).ConfigureAwait(false);
        }

        if (checkpoints is null)
        {
            return writer ??= (PreparingSqliteConnection)await OpenAsync(preparing: true, cancellationToken).ConfigureAwait(false);
        }

        await checkpoints.EnterWriterAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return writer ??= (PreparingSqliteConnection)await OpenAsync(preparing: true, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            checkpoints.LeaveWriter();
            throw;
        }
    }

    /// <summary>
    /// Ends a batch's use of the writer: a pooled connection is closed; the kept SQLite one stays open unless the batch
    /// failed (<paramref name="broken"/>), when it is closed so the next batch starts on a fresh connection.
    /// </summary>
    public async ValueTask ReleaseWriterAsync(DbConnection connection, bool broken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        try
        {
            if (!ReferenceEquals(connection, writer))
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }
            else if (broken)
            {
                writer = null;
                await connection.DisposeAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            // After every batch, committed or not: a round over a log with nothing new in it costs next to nothing.
            checkpoints?.LeaveWriter();
            checkpoints?.Committed();
        }
    }

    /// <summary>
    /// A connection for the reads every vote makes, lent until the <see cref="StoreReader"/> is disposed: on SQLite one of
    /// at most <see cref="KeptReaders"/> kept open with their statements prepared (more are opened when more readers run
    /// at once, and closed after use); on PostgreSQL a pooled one.
    /// </summary>
    public async Task<StoreReader> OpenReaderAsync(CancellationToken cancellationToken)
    {
        if (postgres is null && readers.TryPop(out var kept))
        {
            Interlocked.Decrement(ref keptReaders);
            return new StoreReader(this, kept);
        }

        return new StoreReader(this, await OpenAsync(preparing: postgres is null, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>SQLite connections kept open for <see cref="OpenReaderAsync"/>.</summary>
    public const int KeptReaders = 8;

    private long readerQueries;

    /// <summary>Queries run on lent readers, each one round trip (for tests of how many reads a vote makes).</summary>
    internal long ReaderQueries => Interlocked.Read(ref readerQueries);

    internal void CountReaderQuery() => Interlocked.Increment(ref readerQueries);

    internal async ValueTask ReturnReaderAsync(DbConnection connection, bool broken)
    {
        if (!broken && connection is PreparingSqliteConnection preparing && !Volatile.Read(ref disposed))
        {
            if (Interlocked.Increment(ref keptReaders) <= KeptReaders)
            {
                readers.Push(preparing);
                if (Volatile.Read(ref disposed))
                {
                    await CloseReadersAsync().ConfigureAwait(false);
                }

                return;
            }

            Interlocked.Decrement(ref keptReaders);
        }

        await connection.DisposeAsync().ConfigureAwait(false);
    }

    private async Task CloseReadersAsync()
    {
        while (readers.TryPop(out var reader))
        {
            Interlocked.Decrement(ref keptReaders);
            await reader.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task<DbConnection> OpenAsync(bool preparing, CancellationToken cancellationToken)
    {
        if (postgres is not null)
        {
            return await postgres.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        }

        var connection = preparing ? new PreparingSqliteConnection(sqliteConnectionString!) : new SqliteConnection(sqliteConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            if (connection.Handle is { } handle && configured.TryGetValue(handle, out _))
            {
                return connection;
            }

            await using var command = connection.CreateCommand();
            command.CommandText = connectionPragmas;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            if (connection.Handle is { } opened)
            {
                configured.AddOrUpdate(opened, this);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// A transaction that holds the write lock from its first statement: BEGIN IMMEDIATE on SQLite (so a read
    /// followed by a write cannot be overtaken by another writer), an ordinary READ COMMITTED one on PostgreSQL.
    /// </summary>
    public static async Task<DbTransaction> BeginWriteTransactionAsync(DbConnection connection,
        CancellationToken cancellationToken) =>
        connection is SqliteConnection sqlite
            ? sqlite.BeginTransaction(deferred: false)
            : await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

    public async ValueTask DisposeAsync()
    {
        if (postgres is not null)
        {
            await postgres.DisposeAsync().ConfigureAwait(false);
        }
        else if (sqliteConnectionString is not null)
        {
            Volatile.Write(ref disposed, true);
            if (checkpoints is not null)
            {
                await checkpoints.DisposeAsync().ConfigureAwait(false);
            }

            await CloseReadersAsync().ConfigureAwait(false);

            if (writer is { } kept)
            {
                writer = null;
                await kept.DisposeAsync().ConfigureAwait(false);
            }

            // Release pooled handles so the file can be moved or deleted once the host stops.
            using var connection = new SqliteConnection(sqliteConnectionString);
            SqliteConnection.ClearPool(connection);
        }
    }
}
