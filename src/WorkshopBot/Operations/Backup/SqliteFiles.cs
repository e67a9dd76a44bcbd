using Microsoft.Data.Sqlite;
using WorkshopBot.Hosting;
using WorkshopBot.Storage;
using WorkshopBot.Workshop.Storage;

namespace WorkshopBot.Operations.Backup;

/// <summary>
/// What backup and restore share: the bot's settings as it would read them, and SQLite copies made with the online backup API.
/// </summary>
internal static class SqliteFiles
{
    /// <summary>SQLite's codes for a file whose content is wrong: an error such as a missing table, damaged, not a database.</summary>
    private const int SqlError = 1;
    private const int Corrupt = 11;
    private const int NotADatabase = 26;

    /// <summary>Storage settings and content root exactly as <c>dotnet WorkshopBot.dll</c> finds them (same args, same files).</summary>
    public static (StorageOptions Storage, string ContentRoot) Settings(string[] args)
    {
        var builder = WebApplication.CreateBuilder(WorkshopBotHost.Options(args));
        var storage = builder.Configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        if (string.IsNullOrWhiteSpace(storage.PostgresConnectionString))
        {
            storage.PostgresConnectionString = builder.Configuration.GetConnectionString("Postgres");
        }

        return (storage, builder.Environment.ContentRootPath);
    }

    public static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    /// <summary>
    /// The hidden option <c>--pause-after STAGE</c> of <c>backup</c> and <c>restore</c>, for tests only: once the command
    /// reaches STAGE, say so on standard output and wait for a line on standard input, so a test can make a file fail
    /// part-way. Without it, a call does nothing.
    /// </summary>
    public static Action<string> PauseAfter(string[] args, string command) => Option(args, "--pause-after") is not { } pause
        ? _ => { }
        : stage =>
        {
            if (stage == pause)
            {
                Console.WriteLine($"{command}: paused after {stage}; press Enter to go on.");
                Console.In.ReadLine();
            }
        };

    public static SqliteConnection Open(string path, SqliteOpenMode mode)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path, Mode = mode, Pooling = false, DefaultTimeout = 30,
        }.ToString());
        connection.Open();
        Execute(connection, $"PRAGMA busy_timeout = {StorageDatabase.SqliteBusyTimeoutMs};");
        return connection;
    }

    /// <summary>Copies <paramref name="source"/> into a new file at <paramref name="destination"/> (one file, no WAL beside it).</summary>
    public static void Copy(string source, string destination)
    {
        using (var from = Open(source, SqliteOpenMode.ReadOnly))
        using (var to = Open(destination, SqliteOpenMode.ReadWriteCreate))
        {
            // One step of the online backup API: a consistent snapshot, while the bot goes on writing through WAL.
            from.BackupDatabase(to);
            Execute(to, "PRAGMA journal_mode = DELETE;");
        }

        if (!OperatingSystem.IsWindows())
        {
            // A backup holds the link-signing key when none is configured: readable by its owner only.
            File.SetUnixFileMode(destination, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    /// <summary>
    /// No problem and the highest schema version, or the problem with what the file holds (damaged, not a database, not
    /// WorkshopBot's). A file that cannot be opened or read (gone, its folder gone, unreadable) throws instead: that is
    /// the disk failing, not the file's content.
    /// </summary>
    public static (string? Problem, int Version) Check(string path)
    {
        try
        {
            using var connection = Open(path, SqliteOpenMode.ReadOnly);
            var integrity = Scalar(connection, "PRAGMA integrity_check;")?.ToString();
            if (integrity != "ok")
            {
                return ($"{path} is damaged (integrity check: {integrity}).", 0);
            }

            var version = Scalar(connection, "SELECT MAX(version) FROM schema_migrations;");
            return version is long v ? (null, (int)v) : ($"{path} holds no WorkshopBot schema.", 0);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is SqlError or Corrupt or NotADatabase)
        {
            return ($"{path} is not a WorkshopBot SQLite database ({ex.Message.TrimEnd('.')}).", 0);
        }
    }

    /// <summary>The file's schema version (null when none is recorded); throws when it cannot be opened or is not WorkshopBot's.</summary>
    public static long? Schema(string path)
    {
        using var connection = Open(path, SqliteOpenMode.ReadOnly);
        return Scalar(connection, "SELECT MAX(version) FROM schema_migrations;") as long?;
    }

    /// <summary>Rows per kind of record, for the summary line (counts only).</summary>
    public static string Summary(string path)
    {
        using var connection = Open(path, SqliteOpenMode.ReadOnly);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT collection, COUNT(*) FROM documents GROUP BY collection ORDER BY collection;";
        var parts = new List<string>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                parts.Add($"{reader.GetString(0)} {reader.GetInt64(1)}");
            }
        }

        // A voter's dots on one option, as the ballots in the voters' rows hold them (VoterBallots).
        parts.Add($"votes {Scalar(connection, $"SELECT COALESCE(SUM({VoterBallots.PlacementsSql}), 0) FROM workshop_voters;",
            ("@entry", VoterBallots.Entry))}");
        parts.Add($"audit-log entries {Scalar(connection, "SELECT COUNT(*) FROM audit_events;")}");
        return string.Join(", ", parts);
    }

    public static void DeleteWithSidecars(string path)
    {
        File.Delete(path);
        DeleteSidecars(path);
    }

    /// <summary>Deletes the <c>-wal</c>, <c>-shm</c> and <c>-journal</c> beside a database, not the database.</summary>
    public static void DeleteSidecars(string path)
    {
        foreach (var file in new[] { path + "-wal", path + "-shm", path + "-journal" })
        {
            File.Delete(file);
        }
    }

    /// <summary>
    /// Makes the database at <paramref name="path"/> whole on its own when a <c>-wal</c> or <c>-journal</c> lies beside it (a
    /// bot that stopped without closing it): commits in the WAL are written into the database, a half-made change is undone.
    /// </summary>
    public static void WriteBackJournal(string path)
    {
        if (!File.Exists(path) || !(File.Exists(path + "-wal") || File.Exists(path + "-journal")))
        {
            return;
        }

        using var connection = Open(path, SqliteOpenMode.ReadWrite);
        _ = Scalar(connection, "SELECT COUNT(*) FROM sqlite_master;");
        Execute(connection, "PRAGMA wal_checkpoint(TRUNCATE);");
    }

    /// <summary>Deletes a file and its sidecars as far as it can; true when some of it is left (it could not be removed).</summary>
    public static bool LeftAfterDeletingWithSidecars(string path)
    {
        try
        {
            DeleteWithSidecars(path);
            return false;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return true;
        }
    }

    private static object? Scalar(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command.ExecuteScalar();
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
