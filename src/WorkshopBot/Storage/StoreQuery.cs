using System.Data.Common;

namespace WorkshopBot.Storage;

/// <summary>
/// A read that can go to the database in the same round trip as another (<see cref="IDocumentStore.GetAlongAsync{T}"/>):
/// its SQL (one or more statements, parameters named <c>@Name</c>), the parameters, and how to read its rows, starting
/// at its first statement's result. On PostgreSQL each round trip saved is a wake-up of the server and of the bot.
/// </summary>
public sealed class StoreQuery<T>
{
    private readonly string[] _parts;
    private readonly (string Name, object? Value)[] _parameters;
    private string? _sql;

    public StoreQuery(string sql, Func<DbDataReader, CancellationToken, Task<T>> read, params (string Name, object? Value)[] parameters)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sql);
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(parameters);
        _parts = [sql];
        _sql = sql;
        Read = read;
        _parameters = parameters;
    }

    private StoreQuery(string[] parts, Func<DbDataReader, CancellationToken, Task<T>> read, (string Name, object? Value)[] parameters)
    {
        _parts = parts;
        Read = read;
        _parameters = parameters;
    }

    /// <summary>The SQL of the queries joined, each but the last ended by <c>";\n"</c> (see <see cref="Parts"/>).</summary>
    public string Sql => _sql ??= StoreSqlJoins.Join(_parts);

    /// <summary>
    /// The SQL texts of the queries joined, in order: a text joined once is looked up by these on later reads
    /// (<see cref="StoreSqlJoins"/>) instead of being put together again on every read.
    /// </summary>
    internal IReadOnlyList<string> Parts => _parts;

    public Func<DbDataReader, CancellationToken, Task<T>> Read { get; }

    public IReadOnlyList<(string Name, object? Value)> Parameters => _parameters;

    /// <summary>The parameters as the array they are kept in (not to be changed), to bind without a copy.</summary>
    internal (string Name, object? Value)[] ParameterArray => _parameters;

    /// <summary>This query, then <paramref name="next"/>, as one; their parameters must have different names.</summary>
    public StoreQuery<(T First, TNext Next)> Then<TNext>(StoreQuery<TNext> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        foreach (var (name, _) in next._parameters)
        {
            foreach (var (own, _) in _parameters)
            {
                if (string.Equals(own, name, StringComparison.OrdinalIgnoreCase))
                {
                    throw new ArgumentException("A query read along with another must not use the names of its parameters: "
                        + string.Join(", ", Parameters.Select(p => p.Name)), nameof(next));
                }
            }
        }

        var first = Read;
        return new StoreQuery<(T, TNext)>([.. _parts, .. next._parts], async (rows, ct) =>
        {
            var value = await first(rows, ct).ConfigureAwait(false);
            await rows.NextResultAsync(ct).ConfigureAwait(false);
            return (value, await next.Read(rows, ct).ConfigureAwait(false));
        }, [.. _parameters, .. next._parameters]);
    }
}
