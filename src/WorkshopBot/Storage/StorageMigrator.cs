using System.Collections.Immutable;
using System.Data.Common;
using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using Microsoft.Extensions.Logging;

namespace WorkshopBot.Storage;

/// <summary>One numbered SQL script from Storage/Migrations/{Provider}/NNNN_name.sql.</summary>
public sealed record SchemaMigration(int Version, string Name, string Sql, string Checksum);

/// <summary>
/// Applies the numbered SQL migrations of the configured provider, each in its own transaction, and records them
/// in schema_migrations. Safe to run repeatedly and from several instances at once: SQLite serialises on
/// BEGIN IMMEDIATE, PostgreSQL on a session advisory lock.
/// </summary>
public sealed partial class StorageMigrator
{
    private const string ResourcePrefix = "WorkshopBot.Storage.Migrations/";

    // Arbitrary constant shared by every instance of the bot ("WKBMIGR" in ASCII).
    private const long PostgresAdvisoryLockKey = 0x574B424D494752;

    private readonly StorageDatabase database;
    private readonly TimeProvider time;
    private readonly ILogger<StorageMigrator> logger;

    internal StorageMigrator(StorageDatabase database, TimeProvider time, ILogger<StorageMigrator> logger)
    {
        this.database = database;
        this.time = time;
        this.logger = logger;
        Migrations = LoadMigrations(database.Provider);
    }

    /// <summary>The scripts this build knows for the configured provider, in version order.</summary>
    public ImmutableArray<SchemaMigration> Migrations { get; }

    /// <summary>Applies pending migrations; returns the versions applied by this call (empty when up to date).</summary>
    public async Task<IReadOnlyList<int>> MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return database.Provider == StorageProvider.Postgres
            ? await MigratePostgresAsync(connection, cancellationToken).ConfigureAwait(false)
            : await MigrateSqliteAsync(connection, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Versions recorded in schema_migrations, ascending.</summary>
    public async Task<IReadOnlyList<int>> GetAppliedVersionsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var versions = await connection.QueryAsync<int>(new CommandDefinition(
            "SELECT version FROM schema_migrations ORDER BY version", cancellationToken: cancellationToken))
            .ConfigureAwait(false);
        return versions.AsList();
    }

    /// <summary>
    /// The scripts this build knows that the store has not applied (every one when it has no schema_migrations table), in
    /// version order. A store that has applied scripts this build does not know (a newer version ran on it) is not behind.
    /// </summary>
    public async Task<IReadOnlyList<SchemaMigration>> PendingAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var tracked = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(database.Provider == StorageProvider.Postgres
                ? "SELECT to_regclass('schema_migrations') IS NOT NULL"
                : "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations')",
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (!tracked)
        {
            return Migrations;
        }

        var applied = (await connection.QueryAsync<int>(new CommandDefinition(
            "SELECT version FROM schema_migrations", cancellationToken: cancellationToken)).ConfigureAwait(false)).ToHashSet();
        return [.. Migrations.Where(m => !applied.Contains(m.Version))];
    }

    /// <summary>
    /// With <see cref="StorageOptions.MigrateOnStartup"/> off: throws <see cref="SchemaBehindException"/> when the store has not
    /// applied every script this build knows, for then every turn that touches what they add would fail.
    /// </summary>
    public async Task EnsureCurrentAsync(CancellationToken cancellationToken = default)
    {
        var pending = await PendingAsync(cancellationToken).ConfigureAwait(false);
        if (pending.Count > 0)
        {
            throw new SchemaBehindException(pending);
        }
    }

    private async Task<IReadOnlyList<int>> MigrateSqliteAsync(DbConnection connection, CancellationToken ct)
    {
        // At start-up, in no one's turn, a second instance waits for the first one's migration longer than a turn would
        // wait; the pooled handle is given the turn's wait back before it returns to the pool.
        await ExecuteAsync(connection, null, $"PRAGMA busy_timeout = {StorageDatabase.SqliteMigrationWaitMs};", ct).ConfigureAwait(false);
        try
        {
            // WAL cannot be switched on inside a transaction; it persists in the file once set.
            await ExecuteAsync(connection, null, "PRAGMA journal_mode = WAL;", ct).ConfigureAwait(false);
            await ExecuteAsync(connection, null, """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version     INTEGER NOT NULL PRIMARY KEY,
                    name        TEXT    NOT NULL,
                    checksum    TEXT    NOT NULL,
                    applied_at  INTEGER NOT NULL
                );
                """, ct).ConfigureAwait(false);
            return await ApplyPendingAsync(connection, ct).ConfigureAwait(false);
        }
        finally
        {
            await ExecuteAsync(connection, null, $"PRAGMA busy_timeout = {StorageDatabase.SqliteBusyTimeoutMs};", CancellationToken.None)
                .ConfigureAwait(false);
        }
    }

    private async Task<IReadOnlyList<int>> MigratePostgresAsync(DbConnection connection, CancellationToken ct)
    {
        // A second instance waits for the first one's migration, and a migration for the locks its changes need, as long
        // as they take: the turn's lock_timeout (StorageDatabase.PostgresLockTimeoutMs) is set back when the work is done.
        await connection.ExecuteAsync(new CommandDefinition("SET lock_timeout = 0", cancellationToken: ct)).ConfigureAwait(false);
        try
        {
            return await MigrateLockedAsync(connection, ct).ConfigureAwait(false);
        }
        finally
        {
            await connection.ExecuteAsync(new CommandDefinition("RESET lock_timeout", cancellationToken: CancellationToken.None))
                .ConfigureAwait(false);
        }
    }

    private async Task<IReadOnlyList<int>> MigrateLockedAsync(DbConnection connection, CancellationToken ct)
    {
        await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_lock(@key)",
            new { key = PostgresAdvisoryLockKey }, cancellationToken: ct)).ConfigureAwait(false);
        try
        {
            await ExecuteAsync(connection, null, """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version     integer NOT NULL PRIMARY KEY,
                    name        text    NOT NULL,
                    checksum    text    NOT NULL,
                    applied_at  bigint  NOT NULL
                );
                """, ct).ConfigureAwait(false);
            return await ApplyPendingAsync(connection, ct).ConfigureAwait(false);
        }
        finally
        {
            // Not cancellable: the lock must be released even when start-up is being aborted.
            await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_unlock(@key)",
                new { key = PostgresAdvisoryLockKey }, cancellationToken: CancellationToken.None)).ConfigureAwait(false);
        }
    }

    private async Task<IReadOnlyList<int>> ApplyPendingAsync(DbConnection connection, CancellationToken ct)
    {
        var applied = new List<int>();
        foreach (var migration in Migrations)
        {
            // BEGIN IMMEDIATE on SQLite: a second instance waits here, then sees the version recorded.
            await using var transaction =
                await StorageDatabase.BeginWriteTransactionAsync(connection, ct).ConfigureAwait(false);
            var recordedChecksum = await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
                "SELECT checksum FROM schema_migrations WHERE version = @Version",
                new { migration.Version }, transaction, cancellationToken: ct)).ConfigureAwait(false);

            if (recordedChecksum is not null)
            {
                if (!string.Equals(recordedChecksum, migration.Checksum, StringComparison.Ordinal))
                {
                    throw new InvalidOperationException(
                        $"Migration {migration.Version:D4}_{migration.Name} was changed after it was applied. " +
                        "Migrations are append-only: add a new numbered script instead.");
                }

                continue;
            }

            await ExecuteAsync(connection, transaction, migration.Sql, ct).ConfigureAwait(false);
            await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO schema_migrations (version, name, checksum, applied_at)
                VALUES (@Version, @Name, @Checksum, @AppliedAt)
                """,
                new { migration.Version, migration.Name, migration.Checksum, AppliedAt = UnixTime.ToMs(time.GetUtcNow()) },
                transaction, cancellationToken: ct)).ConfigureAwait(false);
            await transaction.CommitAsync(ct).ConfigureAwait(false);

            LogMigrationApplied(logger, database.Provider, migration.Version, migration.Name);
            applied.Add(migration.Version);
        }

        return applied;
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql,
        CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    internal static ImmutableArray<SchemaMigration> LoadMigrations(StorageProvider provider)
    {
        var assembly = typeof(StorageMigrator).Assembly;
        var prefix = ResourcePrefix + provider + "/";
        var migrations = new List<SchemaMigration>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            var normalized = resource.Replace('\\', '/');
            if (!normalized.StartsWith(prefix, StringComparison.Ordinal) ||
                !normalized.EndsWith(".sql", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var fileName = Path.GetFileNameWithoutExtension(normalized[prefix.Length..]);
            var separator = fileName.IndexOf('_', StringComparison.Ordinal);
            if (separator <= 0 || !int.TryParse(fileName.AsSpan(0, separator), NumberStyles.None,
                    CultureInfo.InvariantCulture, out var version))
            {
                throw new InvalidOperationException(
                    $"Migration resource '{resource}' must be named NNNN_description.sql.");
            }

            var sql = ReadResource(assembly, resource);
            migrations.Add(new SchemaMigration(version, fileName[(separator + 1)..], sql, Checksum(sql)));
        }

        var duplicate = migrations.GroupBy(m => m.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException(
                $"Two {provider} migrations share version {duplicate.Key:D4}: " +
                string.Join(", ", duplicate.Select(m => m.Name)));
        }

        if (migrations.Count == 0)
        {
            throw new InvalidOperationException($"No {provider} migrations are embedded in {assembly.GetName().Name}.");
        }

        return [.. migrations.OrderBy(m => m.Version)];
    }

    private static string ReadResource(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Migration resource '{resource}' could not be opened.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    // Line endings are normalised so a Windows checkout does not look like an edited migration.
    private static string Checksum(string sql) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sql.ReplaceLineEndings("\n"))));

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied {Provider} schema migration {Version} ({Name})")]
    private static partial void LogMigrationApplied(ILogger logger, StorageProvider provider, int version, string name);
}
