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
}
