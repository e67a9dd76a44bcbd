using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Npgsql;

namespace WorkshopBot.Benchmarks;

/// <summary>
/// The PostgreSQL server's own account of the measured votes (<c>--pg-statements</c>): <c>pg_stat_statements</c> is
/// loaded when the server starts, emptied when the measured votes begin and read when they end, so the table names the
/// statements that ran meanwhile, each with its calls, its mean execution time and its share of the server's execution
/// time. Execution time is the server's wall time in the statement: on a busy machine it includes waiting for a core.
/// </summary>
internal sealed partial class PgStatements(string connectionString)
{
    private const int Shown = 12;

    private IReadOnlyList<Row> _rows = [];

    /// <summary>Creates the extension in the benchmark's database (the server must have loaded the library).</summary>
    public async Task InstallAsync()
    {
        try
        {
            await RunAsync("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            await RunAsync("SELECT count(*) FROM pg_stat_statements");
        }
        catch (PostgresException ex)
        {
            throw new InvalidOperationException(
                "--pg-statements needs PostgreSQL's contrib module pg_stat_statements (package postgresql-contrib): "
                + ex.MessageText, ex);
        }
    }

    /// <summary>Empties the counts: called when the measured votes begin.</summary>
    public Task ResetAsync() => RunAsync("SELECT pg_stat_statements_reset()");

    /// <summary>Keeps the counts of the statements run since <see cref="ResetAsync"/>: called when the measured votes end.</summary>
    public async Task TakeAsync()
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT calls, total_exec_time, rows, query FROM pg_stat_statements
            WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
            ORDER BY total_exec_time DESC
            """, connection);
        var rows = new List<Row>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(new Row(reader.GetInt64(0), reader.GetDouble(1), reader.GetInt64(2), reader.GetString(3)));
        }

        _rows = rows;
    }

    /// <summary>The statements taken, most execution time first, per call and per request sent (redeliveries included).</summary>
    public void Print(long requests)
    {
        var total = _rows.Sum(r => r.TotalMs);
        var builder = new StringBuilder();
        builder.AppendLine();
        builder.AppendLine(CultureInfo.InvariantCulture,
            $"PostgreSQL statements over the measured votes (pg_stat_statements; {total:F0} ms of execution, "
            + $"{(requests > 0 ? total * 1000 / requests : 0):F1} us a request):");
        builder.AppendLine("| calls | rows | us a call | us a request | share | statement |");
        builder.AppendLine("|---|---|---|---|---|---|");
        foreach (var row in _rows.Take(Shown))
        {
            builder.AppendLine(CultureInfo.InvariantCulture,
                $"| {row.Calls} | {row.Rows} | {row.TotalMs * 1000 / Math.Max(1, row.Calls):F1} | "
                + $"{(requests > 0 ? row.TotalMs * 1000 / requests : 0):F1} | {(total > 0 ? 100 * row.TotalMs / total : 0):F1}% | "
                + $"{Head(row.Query)} |");
        }

        if (_rows.Count > Shown)
        {
            builder.AppendLine(CultureInfo.InvariantCulture, $"| ... {_rows.Count - Shown} more | | | | | |");
        }

        Console.Write(builder.ToString());
    }

    private static string Head(string query)
    {
        var flat = Spaces().Replace(query, " ").Trim().Replace("|", "/", StringComparison.Ordinal);
        return flat.Length <= 90 ? flat : flat[..90] + "...";
    }

    private async Task RunAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    private sealed record Row(long Calls, double TotalMs, long Rows, string Query);
}
