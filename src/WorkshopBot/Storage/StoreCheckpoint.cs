using Dapper;

namespace WorkshopBot.Storage;

/// <summary>
/// After a retention run that deleted anything: on SQLite, copies the write-ahead log into the database file and empties
/// the log (<c>PRAGMA wal_checkpoint(TRUNCATE)</c>), so the log's older copies of the purged pages go with it.
/// </summary>
public interface IStoreCheckpoint
{
    /// <summary>
    /// True when the log was emptied (always on PostgreSQL, which has nothing to do here); false when a reader still held
    /// an older snapshot after <see cref="StoreCheckpoint.ReaderWait"/>: the log then stays as it was, and is emptied by the
    /// next run that succeeds (the caller tries again).
    /// </summary>
    Task<bool> TruncateLogAsync(CancellationToken cancellationToken);

    /// <summary>
    /// On SQLite, rewrites the database file (<c>VACUUM</c>) so no free space is left holding the bytes of rows deleted or
    /// rewritten before (earlier drafts of a document, answers forgotten by the pruner). It holds the write lock while it
    /// runs: about 0.3 s for a 30 MB file, during which commits wait. True when it ran (always on PostgreSQL, where it does
    /// nothing); false when the write lock could not be had within the usual busy timeout.
    /// </summary>
    Task<bool> CompactAsync(CancellationToken cancellationToken);

    /// <summary>True when the SQLite file is too large to rewrite while the bot runs: <see cref="CompactAsync"/> leaves it.</summary>
    bool TooLargeToCompact { get; }

    /// <summary>
    /// On SQLite, records in the file itself, before a purge deletes anything, that the file is to be rewritten and its log
    /// emptied (<see cref="CompactAsync"/>, <see cref="TruncateLogAsync"/>), so a restart before that does not forget it.
    /// Nothing on PostgreSQL.
    /// </summary>
    Task OweWipeAsync(CancellationToken cancellationToken);

    /// <summary>The wipe owed (a count to give <see cref="WipeDoneAsync"/>), or null when none is (always on PostgreSQL).</summary>
    Task<long?> WipeOwedAsync(CancellationToken cancellationToken);

    /// <summary>Forgets the wipe owed once done, unless another purge has owed one since <paramref name="owed"/> was read.</summary>
    Task WipeDoneAsync(long owed, CancellationToken cancellationToken);
}

internal sealed class StoreCheckpoint(StorageDatabase database) : IStoreCheckpoint
{
    /// <summary>
    /// How long one try waits for readers to move on. While it waits, new writes wait too (a vote's commit among them), so
    /// it is kept short: reads take milliseconds, and the caller tries again rather than waiting longer.
    /// </summary>
    public const int ReaderWait = 250;

    /// <summary>
    /// The largest file rewritten while the bot runs. A rewrite holds the write lock for about 0.3 s each 30 MB, and past
    /// this size it would hold votes and saves beyond their 5 s busy timeout; a larger file is left as it is (see README).
    /// </summary>
    public const long MaxCompactBytes = 256L * 1024 * 1024;

    public bool TooLargeToCompact =>
        database.SqliteFilePath is { } path && File.Exists(path) && new FileInfo(path).Length > MaxCompactBytes;

    public async Task<bool> CompactAsync(CancellationToken cancellationToken)
    {
        if (database.Provider != StorageProvider.Sqlite || TooLargeToCompact)
        {
            return true;
        }

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await connection.ExecuteAsync(new CommandDefinition("VACUUM", cancellationToken: cancellationToken)).ConfigureAwait(false);
            return true;
        }
        catch (Microsoft.Data.Sqlite.SqliteException ex) when (ex.SqliteErrorCode is 5 or 6)
        {
            // SQLITE_BUSY / SQLITE_LOCKED: another writer held on for longer than the busy timeout.
            return false;
        }
    }

    private const string Wipe = "wipe";

    private const string OweWipeSql =
        "INSERT INTO store_upkeep (task, owed) VALUES (@task, 1) ON CONFLICT (task) DO UPDATE SET owed = store_upkeep.owed + 1";

    /// <summary>The statement that owes a wipe (SQLite only), for a unit of work to commit (<see cref="StoreWork.OweWipe"/>).</summary>
    internal static StoreStatement OweWipeStatement() => new(OweWipeSql, null, ("@task", Wipe));

    public async Task OweWipeAsync(CancellationToken cancellationToken)
    {
        if (database.Provider == StorageProvider.Sqlite)
        {
            await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
            await connection.ExecuteAsync(new CommandDefinition(OweWipeSql, new { task = Wipe }, cancellationToken: cancellationToken))
                .ConfigureAwait(false);
        }
    }

    public async Task<long?> WipeOwedAsync(CancellationToken cancellationToken)
    {
        if (database.Provider != StorageProvider.Sqlite)
        {
            return null;
        }

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<long?>(new CommandDefinition("SELECT owed FROM store_upkeep WHERE task = @task",
            new { task = Wipe }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task WipeDoneAsync(long owed, CancellationToken cancellationToken)
    {
        if (database.Provider == StorageProvider.Sqlite)
        {
            await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
            await connection.ExecuteAsync(new CommandDefinition("DELETE FROM store_upkeep WHERE task = @task AND owed = @owed",
                new { task = Wipe, owed }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
    }

    public async Task<bool> TruncateLogAsync(CancellationToken cancellationToken)
    {
        if (database.Provider != StorageProvider.Sqlite)
        {
            return true;
        }

        // Not while a round beside the commits copies the log: SQLite would answer this checkpoint busy at once.
        var rounds = database.LogCheckpoints;
        if (rounds is not null)
        {
            await rounds.EnterCopyAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            return await TruncateAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            rounds?.LeaveCopy();
        }
    }

    private async Task<bool> TruncateAsync(CancellationToken cancellationToken)
    {
        // A pooled handle keeps its settings: the shorter wait is set back before the connection returns to the pool.
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync($"PRAGMA busy_timeout = {ReaderWait}").ConfigureAwait(false);
        try
        {
            // One row: busy (1 when it could not finish), frames in the log, frames copied.
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
            await using var row = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            return await row.ReadAsync(cancellationToken).ConfigureAwait(false) && row.GetInt64(0) == 0;
        }
        finally
        {
            await connection.ExecuteAsync($"PRAGMA busy_timeout = {StorageDatabase.SqliteBusyTimeoutMs}").ConfigureAwait(false);
        }
    }
}
