using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;

namespace WorkshopBot.Storage;

/// <summary>
/// Runs a purge's deletes with SQLite's <c>secure_delete</c> on: the bytes of the rows it deletes or rewrites are
/// overwritten with zeros in their pages (and in the pages it frees), instead of lying in free space until reused. The
/// setting belongs to the connection, so it is turned on for the purge's statements only and set back as they end,
/// whatever happens: the writer connection the votes commit on goes on without it. On PostgreSQL it does nothing.
/// </summary>
public static class SecureDelete
{
    public static async Task<T> RunAsync<T>(DbConnection connection, DbTransaction? transaction, Func<Task<T>> deletes,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(deletes);
        if (connection is not SqliteConnection)
        {
            return await deletes().ConfigureAwait(false);
        }

        var was = await connection.ExecuteScalarAsync<long>(new CommandDefinition("PRAGMA secure_delete", null, transaction,
            cancellationToken: ct)).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition("PRAGMA secure_delete = ON", null, transaction, cancellationToken: ct))
            .ConfigureAwait(false);
        try
        {
            return await deletes().ConfigureAwait(false);
        }
        finally
        {
            await connection.ExecuteAsync(new CommandDefinition($"PRAGMA secure_delete = {(was == 0 ? "OFF" : "ON")}", null,
                transaction, cancellationToken: CancellationToken.None)).ConfigureAwait(false);
        }
    }

    /// <summary>Whether <c>secure_delete</c> is on for <paramref name="connection"/> (for tests; false on PostgreSQL).</summary>
    public static async Task<bool> IsOnAsync(DbConnection connection) =>
        connection is SqliteConnection
        && await connection.ExecuteScalarAsync<long>("PRAGMA secure_delete").ConfigureAwait(false) != 0;
}
