using System.Data.Common;

namespace WorkshopBot.Storage;

/// <summary>
/// A read that can go to the database in the same round trip as another (<see cref="IDocumentStore.GetAlongAsync{T}"/>):
/// its SQL (one or more statements, parameters named <c>@Name</c>), the parameters, and how to read its rows, starting
/// at its first statement's result. On PostgreSQL each round trip saved is a wake-up of the server and of the bot.
/// </summary>
public sealed class StoreQuery<T>
{
    public StoreQuery(string sql, Func<DbDataReader, CancellationToken, Task<T>> read, params (string Name, object? Value)[] parameters)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sql);
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(parameters);
        Sql = sql;
        Read = read;
        Parameters = parameters;
    }

    public string Sql { get; }

    public Func<DbDataReader, CancellationToken, Task<T>> Read { get; }

    public IReadOnlyList<(string Name, object? Value)> Parameters { get; }

    /// <summary>This query, then <paramref name="next"/>, as one; their parameters must have different names.</summary>
    public StoreQuery<(T First, TNext Next)> Then<TNext>(StoreQuery<TNext> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        if (next.Parameters.Any(p => Parameters.Any(own => string.Equals(own.Name, p.Name, StringComparison.OrdinalIgnoreCase))))
        {
            throw new ArgumentException("A query read along with another must not use the names of its parameters: "
                + string.Join(", ", Parameters.Select(p => p.Name)), nameof(next));
        }

        var first = Read;
        return new StoreQuery<(T, TNext)>(Sql.TrimEnd().TrimEnd(';') + ";\n" + next.Sql, async (rows, ct) =>
        {
            var value = await first(rows, ct).ConfigureAwait(false);
            await rows.NextResultAsync(ct).ConfigureAwait(false);
            return (value, await next.Read(rows, ct).ConfigureAwait(false));
        }, [.. Parameters, .. next.Parameters]);
    }
}
