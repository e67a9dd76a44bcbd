using System.Data.Common;
using System.Globalization;
using System.Net.Sockets;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;
using WorkshopBot.Storage;

namespace WorkshopBot.Operations;

/// <summary>
/// What every command that opens the store (the bot's start with its migrations, <c>erase-tenant</c>, <c>backup</c>,
/// <c>restore</c>) says when the store cannot be opened or read: one sentence naming what failed and what to check (the
/// PostgreSQL host, port, database and user, never the password; or the SQLite file), in place of a stack trace. The
/// operator's commands then end with <see cref="Unavailable"/>, having changed nothing.
/// </summary>
public static class OperatorStore
{
    /// <summary>Exit code of an operator's command whose store could not be opened or read.</summary>
    public const int Unavailable = 4;

    /// <summary>
    /// Exit code of an operator's command whose store (or, for <c>backup</c> and <c>restore</c>, a file it was writing) failed
    /// part-way, once opened: its one line says what that left (for <c>erase-tenant</c>, whether anything was erased) and
    /// what to do, which is to run the same command again once the store is back.
    /// </summary>
    public const int Interrupted = 5;

    /// <summary>
    /// SQLite's codes for a file that is busy (5) or locked (6), out of memory (7), read-only (8), a disk I/O error (10), a
    /// damaged file (11), a full disk (13), a file it cannot open (14) or that is not a database (26).
    /// </summary>
    private const int Busy = 5;
    private const int Locked = 6;
    private const int NoMemory = 7;
    private const int ReadOnly = 8;
    private const int IoError = 10;
    private const int Corrupt = 11;
    private const int Full = 13;
    private const int CantOpen = 14;
    private const int NotADatabase = 26;

    /// <summary>
    /// The sentence for an exception met while opening, preparing (the start's migrations) or first reading the store, or
    /// null when it is not about reaching the store (a defect, which keeps its stack trace). It sends the operator to the
    /// settings only when they can be the cause; a failing migration, a full disk, a missing right or a read-only server is
    /// named for what it is.
    /// </summary>
    public static string? Problem(Exception exception, StorageOptions storage, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(storage);
        return storage.ResolveProvider() == StorageProvider.Postgres
            ? PostgresProblem(exception, storage)
            : SqliteProblem(exception, storage.ResolveSqlitePath(contentRoot));
    }

    /// <summary>
    /// Writes "<paramref name="command"/>: <paramref name="problem"/> Nothing was changed." and returns <see cref="Unavailable"/>.
    /// </summary>
    public static int Fail(string command, string problem)
    {
        Console.Error.WriteLine($"{command}: {problem} Nothing was changed.");
        return Unavailable;
    }

    /// <summary>
    /// Opens the store for a command that reads and writes it, and reads its schema version; when it cannot be opened or
    /// read, says why in one line (see <see cref="Problem"/>) and returns null.
    /// </summary>
    public static async Task<(DbConnection Connection, long? Schema)?> OpenAsync(string command, StorageOptions storage,
        string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(storage);
        if (storage.ResolveProvider() == StorageProvider.Sqlite && !File.Exists(storage.ResolveSqlitePath(contentRoot)))
        {
            Fail(command, NoSqliteFile(storage.ResolveSqlitePath(contentRoot)));
            return null;
        }

        DbConnection? connection = null;
        try
        {
            connection = await OpenConnectionAsync(storage, contentRoot).ConfigureAwait(false);
            var schema = await connection.ExecuteScalarAsync<long?>("SELECT MAX(version) FROM schema_migrations").ConfigureAwait(false);
            return (connection, schema);
        }
        catch (Exception ex) when (Problem(ex, storage, contentRoot) is { } problem)
        {
            if (connection is not null)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }

            Fail(command, problem);
            return null;
        }
    }

    /// <summary>
    /// What went wrong, as a clause ("the connection to PostgreSQL host ... was lost (...)"), for an exception met once the
    /// store was open and read: the connection lost or the server stopped, the disk full, the file unreadable. Null when it
    /// is not about reaching the store (a defect, which keeps its stack trace). Host, port and database, never the password.
    /// </summary>
    public static string? Lost(Exception exception, StorageOptions storage, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(storage);
        if (storage.ResolveProvider() == StorageProvider.Sqlite)
        {
            // SQLite's codes for a store that failed under the command rather than a defect: busy, locked, out of memory,
            // read-only, I/O error, damaged, disk full, cannot open, lock protocol, not a database.
            return exception is SqliteException { SqliteErrorCode: 5 or 6 or 7 or 8 or 10 or 11 or 13 or CantOpen or 15 or NotADatabase }
                ? $"the SQLite database {storage.ResolveSqlitePath(contentRoot)} failed part-way ({Reason(exception)})"
                : null;
        }

        string where;
        try
        {
            var settings = new NpgsqlConnectionStringBuilder(storage.PostgresConnectionString);
            where = $"PostgreSQL host {settings.Host ?? "(none)"}:{settings.Port.ToString(CultureInfo.InvariantCulture)}, database "
                + (settings.Database ?? settings.Username ?? "(default)");
        }
        catch (ArgumentException)
        {
            where = "PostgreSQL";
        }

        return exception switch
        {
            // Connection (08), resources such as a full disk (53), the server shut down or restarted (57), its own I/O (58).
            PostgresException postgres when postgres.SqlState.Length == 5 && postgres.SqlState[..2] is "08" or "53" or "57" or "58"
                => $"{where}, stopped the command ({postgres.SqlState}: {postgres.MessageText.TrimEnd('.')})",
            PostgresException => null,
            NpgsqlException or SocketException or TimeoutException => $"the connection to {where}, was lost ({Reason(exception)})",
            _ => null,
        };
    }

    /// <summary>The sentence for a SQLite database file that is not there.</summary>
    public static string NoSqliteFile(string path) =>
        $"there is no database at {path}: check Storage:DataFolder and Storage:SqlitePath.";

    private static async Task<DbConnection> OpenConnectionAsync(StorageOptions storage, string contentRoot)
    {
        if (storage.ResolveProvider() == StorageProvider.Postgres)
        {
            var postgres = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(storage.PostgresConnectionString)
            {
                CommandTimeout = 600,
            }.ToString());
            await postgres.OpenAsync().ConfigureAwait(false);
            return postgres;
        }

        var sqlite = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = storage.ResolveSqlitePath(contentRoot), Mode = SqliteOpenMode.ReadWrite, Pooling = false, DefaultTimeout = 600,
        }.ToString());
        await sqlite.OpenAsync().ConfigureAwait(false);
        // Waits for the bot's commits rather than failing at once; a command that writes then holds the write lock until it commits.
        await sqlite.ExecuteAsync("PRAGMA busy_timeout = 30000;").ConfigureAwait(false);
        return sqlite;
    }

    private static string? PostgresProblem(Exception exception, StorageOptions storage)
    {
        NpgsqlConnectionStringBuilder settings;
        try
        {
            settings = new NpgsqlConnectionStringBuilder(storage.PostgresConnectionString);
        }
        catch (ArgumentException)
        {
            return "Storage:PostgresConnectionString is not a valid PostgreSQL connection string: check its spelling "
                + "(Host=...;Port=...;Database=...;Username=...;Password=...).";
        }

        var port = settings.Port.ToString(CultureInfo.InvariantCulture);
        var where = $"PostgreSQL host {settings.Host ?? "(none)"}:{port}";
        var database = settings.Database ?? settings.Username ?? "(default)";
        var user = settings.Username ?? "(none)";
        const string key = "in Storage:PostgresConnectionString";
        if (exception is not PostgresException postgres)
        {
            return exception is NpgsqlException or SocketException or TimeoutException
                ? $"{where}, database {database}, did not answer ({Reason(exception)}): check that PostgreSQL runs at that host "
                    + $"and port and that this computer can reach it, and the Host and Port {key}."
                : null;
        }

        // Sorted by what the operator should do, by SQLSTATE class: only the first three (sign-in, no such database, no
        // WorkshopBot tables) send the operator to the settings; the rest say what else to do.
        var state = postgres.SqlState;
        var said = Said(postgres);
        return (state.Length == 5 ? state[..2] : "", state) switch
        {
            ("28", _) => $"{where}, database {database}, refused to sign in user {user}: check the Username and Password {key}, "
                + "and that the server lets that user connect from this computer.",
            (_, PostgresErrorCodes.InvalidCatalogName)
                => $"{where} has no database {database}: check the Database {key}, or create the database.",

            // Only the schema version's table, read first: any other table missing is a migration failing.
            (_, PostgresErrorCodes.UndefinedTable) when postgres.MessageText.Contains("\"schema_migrations\"", StringComparison.Ordinal)
                => $"{where}, database {database}, holds no WorkshopBot tables: check the Database {key} "
                    + "(WorkshopBot creates its tables when it first starts).",
            ("08", _) or (_, PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow)
                => $"{where}, database {database}, was not ready to serve WorkshopBot ({said}): it was starting, restarting or "
                    + "shutting down. Try again in a minute; if this keeps happening, check that the PostgreSQL server is running "
                    + "and read its log.",
            ("53", _) => $"{where}, database {database}, {Shortage(state)} ({said}): ask whoever runs the PostgreSQL server to free "
                + "or add what it lacks, then try again. The settings are not the cause.",
            (_, PostgresErrorCodes.InsufficientPrivilege)
                => $"{where}, database {database}: user {user} lacks a right WorkshopBot needs ({said}). WorkshopBot's user must be "
                    + "able to connect to the database, create tables in its schema and read and write every table there: grant "
                    + $"those rights to {user}, or give the Username {key} of the user that owns WorkshopBot's tables.",
            (_, PostgresErrorCodes.ReadOnlySqlTransaction)
                => $"{where}, database {database}, takes no writes ({said}): WorkshopBot needs the primary server, not a standby or "
                    + $"read replica, and a database that is not set to read-only (default_transaction_read_only): check the Host {key} "
                    + "and the database's settings.",
            ("58", _) => $"{where}, database {database}, reported a fault of its own ({said}): check the PostgreSQL server's disk "
                + "and its log, then try again. The settings are not the cause.",
            _ => $"{where}, database {database}, failed while WorkshopBot prepared or read its tables ({said}). This is not a "
                + "settings problem: keep this message and the PostgreSQL server's log from this time, and report them to whoever "
                + "supports WorkshopBot.",
        };
    }

    /// <summary>
    /// The SQLSTATE and the server's message, except for a data error (class 22), whose message may quote a stored value.
    /// </summary>
    private static string Said(PostgresException postgres) => postgres.SqlState.StartsWith("22", StringComparison.Ordinal)
        ? $"{postgres.SqlState}: a value in the tables could not be used; its text is left out as it may quote the data"
        : $"{postgres.SqlState}: {postgres.MessageText.TrimEnd('.')}";

    /// <summary>What a PostgreSQL server out of resources (class 53) lacks.</summary>
    private static string Shortage(string state) => state switch
    {
        PostgresErrorCodes.DiskFull => "has run out of disk space",
        PostgresErrorCodes.OutOfMemory => "has run out of memory",
        PostgresErrorCodes.TooManyConnections => "has every connection it allows in use",
        _ => "is short of disk space, memory or connections",
    };

    private static string? SqliteProblem(Exception exception, string path) => exception switch
    {
        SqliteException { SqliteErrorCode: NotADatabase } =>
            $"{path} is not a SQLite database: check Storage:DataFolder and Storage:SqlitePath.",
        SqliteException { SqliteErrorCode: CantOpen } =>
            $"the SQLite database {path} could not be opened: check that it exists, that the user running this command may read "
            + "and write it and its folder, and Storage:DataFolder and Storage:SqlitePath.",

        // Only the schema version's table, read first: any other table missing is a migration failing.
        SqliteException sqlite when sqlite.Message.Contains("no such table: schema_migrations", StringComparison.OrdinalIgnoreCase) =>
            $"{path} is a SQLite database but not WorkshopBot's (it has no WorkshopBot tables): check Storage:DataFolder and "
            + "Storage:SqlitePath.",
        SqliteException { SqliteErrorCode: Busy or Locked } =>
            $"the SQLite database {path} is held by another program ({Reason(exception)}): stop whatever else has it open (another "
            + "WorkshopBot on the same file, a copy or a database tool), then try again.",
        SqliteException { SqliteErrorCode: ReadOnly } =>
            $"the SQLite database {path} takes no writes ({Reason(exception)}): check that the user running this command may write "
            + "the file and its folder (SQLite writes its journal beside it), and that the disk is not mounted read-only.",
        SqliteException { SqliteErrorCode: Full } =>
            $"the disk holding the SQLite database {path} is full ({Reason(exception)}): free space on it, then try again. The "
            + "settings are not the cause.",
        SqliteException { SqliteErrorCode: NoMemory } =>
            $"this computer ran out of memory while using the SQLite database {path} ({Reason(exception)}): free some, then try "
            + "again. The settings are not the cause.",
        SqliteException { SqliteErrorCode: IoError } =>
            $"the disk holding the SQLite database {path} failed to read or write ({Reason(exception)}): check the disk, then try "
            + "again. The settings are not the cause.",
        SqliteException { SqliteErrorCode: Corrupt } =>
            $"the SQLite database {path} is damaged ({Reason(exception)}): keep the file, and restore the latest backup in its "
            + "place (see \"Backups and restores\" in the README).",
        SqliteException =>
            $"the SQLite database {path} failed while WorkshopBot prepared or read its tables ({Reason(exception)}). This is not a "
            + "settings problem: keep this message and the database file as it is, and report them to whoever supports WorkshopBot.",
        UnauthorizedAccessException or IOException =>
            $"the folder of the SQLite database {path} could not be used ({Reason(exception)}): check that it is a folder, that "
            + "the user running this command may write to it, and Storage:DataFolder and Storage:SqlitePath.",
        _ => null,
    };

    /// <summary>The innermost message, without SQLite's or Npgsql's pointers to more help.</summary>
    private static string Reason(Exception exception)
    {
        var inner = exception;
        while (inner.InnerException is { } next)
        {
            inner = next;
        }

        return inner.Message.Split(" For more information", 2)[0].Trim().TrimEnd('.');
    }
}
