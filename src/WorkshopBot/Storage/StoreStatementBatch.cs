using System.Globalization;

namespace WorkshopBot.Storage;

/// <summary>
/// Shapes the statements of a batch that runs all at once (the group commit's quick path): those taken once per
/// transaction first (the locks), once each, in the ordinal order of their parameters and SQL (a batch's votes take their
/// polls' locks in the order of the poll ids, as a save that moves several polls' bases does); running counts merged
/// (<see cref="StoreStatement.Summed"/>); and, on PostgreSQL, the statements that have an
/// <see cref="StoreStatement.ArraySql"/> sent as one per SQL text. A batch of a hundred votes is then a few statements,
/// not six hundred, and a count row is written once per batch, not once per vote.
/// </summary>
internal static class StoreStatementBatch
{
    public static List<StoreStatement> Shape(IEnumerable<StoreStatement> statements, bool arrays)
    {
        var once = new HashSet<StoreStatementKey>();
        var first = new List<StoreStatement>();
        var rest = new List<StoreStatement>();
        foreach (var statement in statements)
        {
            if (!statement.OncePerTransaction)
            {
                rest.Add(statement);
            }
            else if (once.Add(new StoreStatementKey(statement, [])))
            {
                first.Add(statement);
            }
        }

        if (first.Count > 1)
        {
            first.Sort((a, b) => string.CompareOrdinal(Key(a, []), Key(b, [])));
        }

        var merged = Merge(rest);
        first.AddRange(arrays ? Group(merged) : merged);
        return first;
    }

    /// <summary>The statement's SQL and the values of its parameters but <paramref name="except"/>.</summary>
    public static string Key(StoreStatement statement, IReadOnlyList<string> except) =>
        string.Join('\n', statement.Parameters.Where(p => !except.Contains(p.Name))
            .Select(p => p.Name + "=" + Convert.ToString(p.Value, CultureInfo.InvariantCulture)))
        + "\n" + statement.Sql;

    private static List<StoreStatement> Merge(List<StoreStatement> statements)
    {
        var result = new List<StoreStatement>(statements.Count);
        var at = new Dictionary<StoreStatementKey, int>();
        foreach (var statement in statements)
        {
            if (statement.Summed is not { Count: > 0 } summed)
            {
                result.Add(statement);
                continue;
            }

            var key = new StoreStatementKey(statement, MergedOver(statement));
            if (at.TryGetValue(key, out var index))
            {
                result[index] = Add(result[index], statement, summed, statement.Latest ?? []);
            }
            else
            {
                at[key] = result.Count;
                result.Add(statement);
            }
        }

        result.RemoveAll(s => s.Summed is { Count: > 0 } summed
            && s.Parameters.All(p => !summed.Contains(p.Name) || Convert.ToInt64(p.Value, CultureInfo.InvariantCulture) == 0));
        return result;
    }

    /// <summary>The parameters whose values may differ between statements that run as one: summed, or the latest kept.</summary>
    private static IReadOnlyList<string> MergedOver(StoreStatement statement) =>
        statement.Latest is { Count: > 0 } latest ? [.. statement.Summed ?? [], .. latest] : statement.Summed ?? [];

    private static StoreStatement Add(StoreStatement sum, StoreStatement statement, IReadOnlyList<string> summed,
        IReadOnlyList<string> latest)
    {
        var parameters = sum.Parameters.ToArray();
        for (var i = 0; i < parameters.Length; i++)
        {
            var (name, value) = parameters[i];
            if (summed.Contains(name) || latest.Contains(name))
            {
                var mine = Convert.ToInt64(value, CultureInfo.InvariantCulture);
                var theirs = Convert.ToInt64(statement.Parameters.First(p => p.Name == name).Value, CultureInfo.InvariantCulture);
                var total = summed.Contains(name) ? mine + theirs : Math.Max(mine, theirs);
                // The type stays as given, so the statement keeps one prepared form.
                parameters[i] = (name, value is int ? (object)checked((int)total) : total);
            }
        }

        return sum with { Parameters = parameters };
    }

    /// <summary>Each run of statements with the same array SQL becomes one statement, where the first of them stood.</summary>
    private static List<StoreStatement> Group(List<StoreStatement> statements)
    {
        var groups = new Dictionary<string, List<StoreStatement>>(StringComparer.Ordinal);
        var order = new List<List<StoreStatement>>();
        foreach (var statement in statements)
        {
            if (statement.ArraySql is null)
            {
                order.Add([statement]);
            }
            else if (groups.TryGetValue(statement.Sql, out var group))
            {
                group.Add(statement);
            }
            else
            {
                groups[statement.Sql] = group = [statement];
                order.Add(group);
            }
        }

        var result = new List<StoreStatement>(order.Count);
        foreach (var run in order)
        {
            // Running counts are the rows many batches share: every instance locks them in the same order.
            var group = run[0].Summed is { Count: > 0 } && run.Count > 1
                ? run.OrderBy(s => Key(s, MergedOver(s)), StringComparer.Ordinal).ToList()
                : run;
            if (group.Count > 1 && AsArrays(group) is { } one)
            {
                result.Add(one);
            }
            else
            {
                result.AddRange(group);
            }
        }

        return result;
    }

    /// <summary>
    /// The group as one statement with array parameters, or null when the statements do not line up (other parameter
    /// names, some expecting a row count and some not, a value that is neither text, bytes nor a whole number, a null
    /// number). A parameter that is null in every statement goes as a text array, which the SQL casts.
    /// </summary>
    private static StoreStatement? AsArrays(List<StoreStatement> group)
    {
        var head = group[0];
        if (group.Any(s => s.Parameters.Length != head.Parameters.Length || (s.ExpectedRows is null) != (head.ExpectedRows is null)))
        {
            return null;
        }

        var parameters = new (string Name, object? Value)[head.Parameters.Length];
        for (var p = 0; p < parameters.Length; p++)
        {
            var name = head.Parameters[p].Name;
            if (group.Any(s => s.Parameters[p].Name != name))
            {
                return null;
            }

            var values = group.Select(s => s.Parameters[p].Value).ToList();
            if (values.Any(v => v is byte[]) && values.All(v => v is null or byte[]))
            {
                parameters[p] = (name, values.Cast<byte[]?>().ToArray());
            }
            else if (values.All(v => v is null or string))
            {
                parameters[p] = (name, values.Cast<string?>().ToArray());
            }
            else if (values.All(v => v is int or long))
            {
                parameters[p] = (name, values.Select(v => Convert.ToInt64(v, CultureInfo.InvariantCulture)).ToArray());
            }
            else
            {
                return null;
            }
        }

        return new StoreStatement(head.ArraySql!, head.ExpectedRows is null ? null : group.Sum(s => s.ExpectedRows!.Value), parameters);
    }
}
