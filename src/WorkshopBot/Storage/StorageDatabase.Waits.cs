namespace WorkshopBot.Storage;

/// <summary>
/// How long the store waits for a lock another connection holds: within a turn, a few seconds, so that the person is
/// answered before Teams gives up; at start-up, for the migrator, longer.
/// </summary>
internal sealed partial class StorageDatabase
{
    /// <summary>
    /// The longest a statement on the bot's SQLite connections waits for another connection's lock on the file
    /// (<c>busy_timeout</c>) before the store fails it as busy: well inside the <c>Bot:AnswerWithin</c> (4 s) a turn aims
    /// for and the 15 s at most Teams waits for an invoke's answer. A press that meets the file locked for longer (a backup
    /// tool, an administrator's open transaction) is answered that nothing was changed and to try again, with nothing
    /// stored, instead of Teams' error for a save that then happened anyway and is pressed again. Inside the bot the group
    /// commit is the only writer, so its batches never wait on each other for the lock. The migrator waits longer
    /// (<see cref="SqliteMigrationWaitMs"/>).
    /// </summary>
    public const int SqliteBusyTimeoutMs = 3000;

    /// <summary>
    /// Microsoft.Data.Sqlite tries a statement SQLite answered busy again until its command timeout (in seconds; 0 is for
    /// ever) has passed, each try waiting <c>busy_timeout</c> again: at 1 s, the first try's wait of
    /// <see cref="SqliteBusyTimeoutMs"/> ends it, so that is the bound (it was 30 s, which made the 5 s wait 30).
    /// </summary>
    public const int SqliteCommandTimeoutSeconds = 1;

    /// <summary>How long the migrator, at start-up and in no one's turn, waits for another instance's migration.</summary>
    public const int SqliteMigrationWaitMs = 30_000;

    /// <summary>
    /// The PostgreSQL twin of <see cref="SqliteBusyTimeoutMs"/>: the server's <c>lock_timeout</c> on the bot's connections
    /// unless the connection string's Options set one. A statement waiting longer for a row or table lock is ended with
    /// nothing of its transaction stored. The command timeout (30 s) is not lowered: it cancels from the client, and a
    /// COMMIT cancelled once sent might have committed; no COMMIT waits for a lock, so lock_timeout never ends one.
    /// </summary>
    public const int PostgresLockTimeoutMs = 3000;

    /// <summary>
    /// The PostgreSQL connection string's Timeout (seconds) unless it sets one: how long opening a connection waits for
    /// one to come back to the pool or to be made (Npgsql's own default is 15). Beyond it a turn is answered that nothing
    /// was changed rather than after Teams has given up.
    /// </summary>
    public const int PostgresOpenTimeoutSeconds = 3;
}
