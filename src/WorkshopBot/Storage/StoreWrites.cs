using System.Data.Common;
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
/// A failure that passes by itself (<see cref="StoreFailures.IsPassing"/>: a lock not had in time while another transaction
/// held it, a statement timeout, no connection from a busy pool) is one busy moment, not a store that cannot write: it is
/// kept as <see cref="Contended"/>, and becomes a refusal only when <see cref="StoreWriteProbe"/>'s own write, tried after
/// it, fails as well (<see cref="Confirm"/>). So a lock timeout during a busy vote does not take the instance out of rotation,
/// while a store locked or unreachable for good still does.
/// </summary>
public sealed class StoreWrites(TimeProvider time)
{
    private volatile StoreWriteRefusal? _refusal;
    private volatile StoreWriteRefusal? _contended;

    /// <summary>The refusal in force, or null while commits are stored.</summary>
    public StoreWriteRefusal? Refusal => _refusal;

    /// <summary>
    /// The first commit since the last one stored that failed for a passing reason (a lock wait, a busy pool), or null: not
    /// a refusal until a probe write fails too.
    /// </summary>
    public StoreWriteRefusal? Contended => _contended;

    /// <summary>
    /// Records that a commit failed with <paramref name="exception"/>: as a refusal if it says the store refuses writes, as
    /// contention if it passes by itself.
    /// </summary>
    internal void Failed(Exception exception)
    {
        if (IsConflictOrConstraint(exception))
        {
            return;
        }

        if (StoreFailures.IsPassing(exception))
        {
            _contended ??= new StoreWriteRefusal(StoreFailures.Describe(exception), time.GetUtcNow());
        }
        else if (exception is DbException or IOException)
        {
            _refusal = new StoreWriteRefusal(StoreFailures.Describe(exception), _refusal?.Since ?? time.GetUtcNow());
        }
    }

    /// <summary>
    /// A probe write failed after commits met contention: the store cannot write, not merely busy. The refusal keeps the
    /// contention's error and since when.
    /// </summary>
    internal void Confirm()
    {
        if (_contended is { } contended && _refusal is null)
        {
            _refusal = contended;
        }
    }

    /// <summary>Records that a commit (or a probe write) was stored: the store takes writes again.</summary>
    internal void Stored()
    {
        _refusal = null;
        _contended = null;
    }

    /// <summary>
    /// A conflict with another transaction (PostgreSQL's 40001 and 40P01, which are retried) or a broken constraint (SQLite's
    /// 19, PostgreSQL's class 23): it says a work is wrong or raced another, not that the store is.
    /// </summary>
    private static bool IsConflictOrConstraint(Exception exception) => exception switch
    {
        DbException { SqlState: "40001" or "40P01" } => true,
        DbException { SqlState: { } state } when state.StartsWith("23", StringComparison.Ordinal) => true,
        SqliteException { SqliteErrorCode: 19 } => true,
        _ => false,
    };
}
