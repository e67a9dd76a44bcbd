using System.Globalization;

namespace WorkshopBot.Storage;

/// <summary>
/// What makes two statements of a batch one (<see cref="StoreStatementBatch"/>): the same SQL and the same values of
/// their parameters but those left out, compared as <see cref="StoreStatementBatch.Key"/> writes them (each value as
/// invariant text), without writing the statement's SQL and values into a new text for every statement of a batch.
/// </summary>
internal readonly struct StoreStatementKey(StoreStatement statement, IReadOnlyList<string> except) : IEquatable<StoreStatementKey>
{
    private readonly StoreStatement _statement = statement;
    private readonly IReadOnlyList<string> _except = except;

    public bool Equals(StoreStatementKey other)
    {
        if (!string.Equals(_statement.Sql, other._statement.Sql, StringComparison.Ordinal))
        {
            return false;
        }

        var mine = _statement.Parameters;
        var theirs = other._statement.Parameters;
        int i = 0, j = 0;
        while (true)
        {
            i = NextKept(mine, _except, i);
            j = NextKept(theirs, other._except, j);
            if (i == mine.Length || j == theirs.Length)
            {
                return i == mine.Length && j == theirs.Length;
            }

            if (!string.Equals(mine[i].Name, theirs[j].Name, StringComparison.Ordinal) || !SameText(mine[i].Value, theirs[j].Value))
            {
                return false;
            }

            i++;
            j++;
        }
    }

    public override bool Equals(object? obj) => obj is StoreStatementKey other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(_statement.Sql, StringComparer.Ordinal);
        var parameters = _statement.Parameters;
        for (var i = NextKept(parameters, _except, 0); i < parameters.Length; i = NextKept(parameters, _except, i + 1))
        {
            hash.Add(parameters[i].Name, StringComparer.Ordinal);
            hash.Add(Text(parameters[i].Value), StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }

    private static int NextKept((string Name, object? Value)[] parameters, IReadOnlyList<string> except, int from)
    {
        while (from < parameters.Length && Contains(except, parameters[from].Name))
        {
            from++;
        }

        return from;
    }

    private static bool Contains(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (string.Equals(names[i], name, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    // Values whose invariant texts are the same are the same here, as they were in the key's text (null as "").
    private static bool SameText(object? a, object? b) => Equals(a, b) || string.Equals(Text(a), Text(b), StringComparison.Ordinal);

    private static string Text(object? value) => value as string ?? Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
}
