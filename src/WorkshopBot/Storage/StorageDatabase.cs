using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace WorkshopBot.Storage;

/// <summary>
/// Opens one connection per operation on the configured provider. Both drivers pool connections, so this is cheap.
/// </summary>
internal sealed class StorageDatabase : IAsyncDisposable
{
    public const int SqliteBusyTimeoutMs = 5000;

    /// <summary>Statements kept prepared per PostgreSQL connection unless the connection string sets Max Auto Prepare.</summary>
    public const int PostgresAutoPrepared = 100;

    /// <summary>PostgreSQL connections one bot instance opens at most, unless the connection string sets Maximum Pool Size.</summary>
    public const int PostgresMaxConnections = 8;

    // Per-connection settings; journal_mode=WAL is persistent in the file and is set by the migrator.
    private const string SqliteConnectionPragmas =
        "PRAGMA busy_timeout = 5000; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;";

    private readonly NpgsqlDataSource? postgres;
    private readonly string? sqliteConnectionString;

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
        string? sqliteFilePath)
    {
        Provider = provider;
        this.postgres = postgres;
        this.sqliteConnectionString = sqliteConnectionString;
        SqliteFilePath = sqliteFilePath;
    }

    public StorageProvider Provider { get; }

    /// <summary>The SQL texts of queries read in one round trip, joined once (see <see cref="StoreSqlJoins"/>).</summary>
    public StoreSqlJoins Joins { get; } = new();

    /// <summary>Absolute path of the SQLite file (null on Postgres).</summary>
    public string? SqliteFilePath { get; }

    public static StorageDatabase Create(StorageOptions options, string contentRoot)
    {
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
                    DefaultTimeout = 30,
                };
                return new StorageDatabase(StorageProvider.Sqlite, null, builder.ToString(), path);
        }
    }

    /// <summary>
    /// Npgsql prepares a statement on the server once it has run <c>Auto Prepare Min Usages</c> times (5) on a physical
    /// connection, when <c>Max Auto Prepare</c> allows it; the bot's statements are few and fixed, so unless the connection
    /// string says otherwise up to <see cref="PostgresAutoPrepared"/> of them are kept prepared per connection. Unless it
    /// says otherwise too, a connection going back to the pool is not reset (<c>No Reset On Close</c>): the reset is
    /// DISCARD ALL, which also forgets the connection's prepared statements, so a statement run once per borrowed
    /// connection was parsed and planned every time. The bot sets no session state (its locks are per transaction; the
    /// migrator releases its one session lock itself), and a transaction left open is still rolled back on return.
    /// Unless it says otherwise, an instance opens at most <see cref="PostgresMaxConnections"/> connections (Npgsql's own
    /// default is 100): a turn holds a connection only for one read or one group commit, and more connections at once only
    /// meant more server processes taking turns on the same cores. With the server on the bot's two-core machine, 64 votes in
    /// flight on up to 64 connections cost the server 0.27-0.36 ms of CPU per vote; on 32, 16, 8 and 4 connections 0.24-0.25,
    /// 0.21-0.23, 0.17-0.22 and 0.17-0.19 (votes benchmark). A caller beyond the limit waits, asynchronously, for the next
    /// connection to come back, up to the connection string's Timeout.
    /// </summary>
    internal static string WithPoolDefaults(string connectionString)
    {
        // Npgsql's own builder answers ContainsKey for every keyword it knows, so the keys given are read with the plain one.
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!given.ContainsKey("Max Auto Prepare") && !given.ContainsKey("MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = PostgresAutoPrepared;
        }

        if (!given.ContainsKey("No Reset On Close") && !given.ContainsKey("NoResetOnClose"))
        {
            builder.NoResetOnClose = true;
        }

        if (!given.ContainsKey("Maximum Pool Size") && !given.ContainsKey("MaxPoolSize"))
        {
            builder.MaxPoolSize = PostgresMaxConnections;
        }

        return builder.ConnectionString;
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

        return writer ??= (PreparingSqliteConnection)await OpenAsync(preparing: true, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Ends a batch's use of the writer: a pooled connection is closed; the kept SQLite one stays open unless the batch
    /// failed (<paramref name="broken"/>), when it is closed so the next batch starts on a fresh connection.
    /// </summary>
    public async ValueTask ReleaseWriterAsync(DbConnection connection, bool broken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (!ReferenceEquals(connection, writer))
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            return;
        }

        if (broken)
        {
            writer = null;
            await connection.DisposeAsync().ConfigureAwait(false);
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
            command.CommandText = SqliteConnectionPragmas;
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
