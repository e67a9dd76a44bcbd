using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace WorkshopBot.Storage;

/// <summary>Which store failures pass by themselves, so that the same request a moment later would be done.</summary>
public static class StoreFailures
{
    /// <summary>How long a caller turned away for a passing failure is asked to wait (a lock wait is 3 s at most).</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    /// <summary>
    /// True for a failure of the store that says nothing about the request: a lock not had in time (PostgreSQL's
    /// lock_timeout, 55P03; SQLite busy or locked), a statement cancelled by statement_timeout (57014), a conflict with
    /// another transaction (40001, 40P01), a connection lost or not had from the pool in time, a server starting, shutting
    /// down, out of connections or of room (what Npgsql calls transient). Not a broken constraint or a value refused.
    /// </summary>
    public static bool IsPassing(Exception exception)
    {
        for (var e = (Exception?)exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case SqliteException { SqliteErrorCode: 5 or 6 }:
                    return true;
                case DbException { SqlState: "55P03" or "57014" or "40001" or "40P01" }:
                    return true;
                case DbException { IsTransient: true }:
                    return true;
                default:
                    break;
            }
        }

        return false;
    }

    /// <summary>The failure's type and error code, never its message (it may quote a value).</summary>
    public static string Describe(Exception exception) => exception switch
    {
        SqliteException sqlite => $"{nameof(SqliteException)} {sqlite.SqliteErrorCode.ToString(CultureInfo.InvariantCulture)}",
        DbException { SqlState: { } state } db => $"{db.GetType().Name} {state}",
        DbException { InnerException: { } inner } db => $"{db.GetType().Name} ({inner.GetType().Name})",
        _ => exception.GetType().Name,
    };
}
