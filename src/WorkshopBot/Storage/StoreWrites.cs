using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace WorkshopBot.Storage;

/// <summary>A commit the store refused, and since when it has refused them: what <c>/readyz</c> reports.</summary>
/// <param name="Error">The exception's type and the database's error code (never its message: it may quote a value).</param>
public sealed record StoreWriteRefusal(string Error, DateTimeOffset Since);

/// <summary>
/// Whether the store refuses writes, as the group commit last found: set when a commit fails with a database error that
/// is neither a conflict with another transaction nor a broken constraint (a full disk, a read-only database after a
/// failover, an I/O error), cleared by the next commit that stores a work. A store in that state still answers reads, so
/// <c>/healthz</c> cannot tell, and the outbox's beat, a small update, may still fit where a saved return does not.
/// </summary>
public sealed class StoreWrites(TimeProvider time)
{
    private volatile StoreWriteRefusal? _refusal;

    /// <summary>The refusal in force, or null while commits are stored.</summary>
    public StoreWriteRefusal? Refusal => _refusal;

    /// <summary>Records that a commit failed with <paramref name="exception"/>, if it says the store refuses writes.</summary>
    internal void Failed(Exception exception)
    {
        if (!Refuses(exception))
        {
            return;
        }

        var error = exception switch
        {
            SqliteException sqlite => $"{nameof(SqliteException)} {sqlite.SqliteErrorCode.ToString(CultureInfo.InvariantCulture)}",
            DbException { SqlState: { } state } db => $"{db.GetType().Name} {state}",
            _ => exception.GetType().Name,
        };
        _refusal = new StoreWriteRefusal(error, _refusal?.Since ?? time.GetUtcNow());
    }

    /// <summary>Records that a commit stored a work: the store takes writes again.</summary>
    internal void Stored() => _refusal = null;

    /// <summary>
    /// Whether the failure says the store refuses writes: any database or I/O error but a conflict with another transaction
    /// (PostgreSQL's 40001 and 40P01, which are retried) or a broken constraint (SQLite's 19, PostgreSQL's class 23), which
    /// says a work is wrong, not that the store is.
    /// </summary>
    private static bool Refuses(Exception exception) => exception switch
    {
        DbException { SqlState: "40001" or "40P01" } => false,
        DbException { SqlState: { } state } when state.StartsWith("23", StringComparison.Ordinal) => false,
        SqliteException { SqliteErrorCode: 19 } => false,
        DbException or IOException => true,
        _ => false,
    };
}
