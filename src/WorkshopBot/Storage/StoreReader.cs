using System.Data.Common;

namespace WorkshopBot.Storage;

/// <summary>
/// A connection lent for the reads every vote makes (the turn's de-duplication, the workshop document, the voter's
/// ballot). On SQLite it is one of a few connections kept open, each keeping one command per SQL text, so these
/// statements are compiled once instead of on every read (compiling them took about a tenth of a vote's CPU); on
/// PostgreSQL it is a pooled connection, whose driver prepares repeated statements itself. Disposing it lends it back.
/// </summary>
internal sealed class StoreReader : IAsyncDisposable
{
    private readonly StorageDatabase _owner;
    private readonly DbConnection _connection;
    private bool _broken;

    internal StoreReader(StorageDatabase owner, DbConnection connection)
    {
        _owner = owner;
        _connection = connection;
    }

    /// <summary>The connection lent (for tests of which one is lent).</summary>
    internal DbConnection Connection => _connection;

    /// <summary>
    /// Runs <paramref name="sql"/> with named parameters (<c>@Name</c> in the SQL, <c>"@Name"</c> here) and hands its
    /// rows to <paramref name="read"/>. A read that fails leaves the connection to be closed rather than lent again.
    /// </summary>
    public async Task<T> QueryAsync<T>(string sql, Func<DbDataReader, CancellationToken, Task<T>> read,
        CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        ArgumentNullException.ThrowIfNull(read);
        _owner.CountReaderQuery();
        var (command, kept) = StoreCommands.CommandFor(_connection, sql);
        try
        {
            StoreCommands.Bind(command, parameters);
            await using var rows = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            return await read(rows, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            _broken = true;
            throw;
        }
        finally
        {
            if (!kept)
            {
                await command.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>Runs <paramref name="query"/>, as the other overload runs its SQL.</summary>
    public Task<T> QueryAsync<T>(StoreQuery<T> query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return QueryAsync(_owner.Joins.Of(query.Parts), query.Read, cancellationToken, query.ParameterArray);
    }

    public ValueTask DisposeAsync() => _owner.ReturnReaderAsync(_connection, _broken);

    /// <summary>Column <paramref name="ordinal"/> as a whole number (SQLite and PostgreSQL integer types alike).</summary>
    public static long Int64(DbDataReader row, int ordinal)
    {
        ArgumentNullException.ThrowIfNull(row);
        return Convert.ToInt64(row.GetValue(ordinal), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Column <paramref name="ordinal"/> as a whole number, or null.</summary>
    public static long? NullableInt64(DbDataReader row, int ordinal)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.IsDBNull(ordinal) ? null : Int64(row, ordinal);
    }

    /// <summary>Column <paramref name="ordinal"/> as text, or null.</summary>
    public static string? NullableString(DbDataReader row, int ordinal)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.IsDBNull(ordinal) ? null : row.GetString(ordinal);
    }

    /// <summary>Column <paramref name="ordinal"/> as bytes (a BLOB or bytea), or null.</summary>
    public static byte[]? NullableBytes(DbDataReader row, int ordinal)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.IsDBNull(ordinal) ? null : (byte[])row.GetValue(ordinal);
    }
}
