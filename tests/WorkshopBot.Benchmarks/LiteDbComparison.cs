using System.Diagnostics;
using System.Globalization;
using LiteDB;
using Microsoft.Data.Sqlite;

namespace WorkshopBot.Benchmarks;

/// <summary>
/// LiteDB 5 against SQLite (as the bot configures it: WAL, synchronous=NORMAL) on this bot's own workload:
/// <list type="bullet">
/// <item>the vote path: one transaction reads the voter's running count, refuses over budget, else upserts the vote row
/// (dots + 1) and the voter's count;</item>
/// <item>the document store: read a JSON document by id, change it, write it back only if its version is unchanged;</item>
/// <item>kill -9 durability: a child process writes one record per transaction and reports each acknowledged commit on
/// stdout; it is killed (SIGKILL) at a random moment, the file is reopened, and every acknowledged record that is
/// missing counts as lost.</item>
/// </list>
/// Usage: <c>litedb [--votes N] [--documents N] [--rounds N] [--threads N]</c>.
/// </summary>
internal static class LiteDbComparison
{
    public const int Voters = 300;
    public const int Options = 10;
    public const int Budget = 5;
    public const int DocumentCount = 200;

    public static async Task<int> RunAsync(string[] args)
    {
        var votes = Option(args, "--votes", 3000);
        var documents = Option(args, "--documents", 3000);
        var rounds = Option(args, "--rounds", 10);
        var threads = Option(args, "--threads", 4);
        var folder = Directory.CreateTempSubdirectory("workshopbot-litedb-");
        try
        {
            Console.WriteLine($"LiteDB {typeof(LiteDatabase).Assembly.GetName().Version} vs SQLite {SqliteVersion()}; "
                + $"{Environment.ProcessorCount} cores; {votes} votes, {documents} document updates, {rounds} kill rounds per engine.");
            Console.WriteLine();
            Console.WriteLine("| workload | engine | ops | ops/s | p50 ms | p95 ms | p99 ms | check |");
            Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- |");
            foreach (var engine in Engines.All)
            {
                Report("vote path, 1 writer", engine, Votes(engine, Path.Combine(folder.FullName, engine + "-votes1.db"), votes, 1));
                Report($"vote path, {threads} writers", engine,
                    Votes(engine, Path.Combine(folder.FullName, engine + "-votesN.db"), votes, threads));
                if (engine == Engines.LiteDb)
                {
                    try
                    {
                        Report($"vote path, {threads} writers, no app lock", engine,
                            Votes(engine, Path.Combine(folder.FullName, engine + "-naive.db"), votes, threads, serialise: false));
                    }
                    catch (AggregateException ex)
                    {
                        // LiteDB shared by threads without the application's lock can break its own pages: that is a result.
                        Console.WriteLine($"| vote path, {threads} writers, no app lock | {engine} | failed: "
                            + $"{ex.InnerExceptions[0].GetType().Name}: {ex.InnerExceptions[0].Message} | | | | | |");
                    }
                }

                Report("document get + update-if-version", engine,
                    Documents(engine, Path.Combine(folder.FullName, engine + "-docs.db"), documents));
            }

            Console.WriteLine();
            Console.WriteLine("| engine | rounds | acknowledged | lost after kill -9 | rounds with loss | reopen failures |");
            Console.WriteLine("| --- | --- | --- | --- | --- | --- |");
            foreach (var engine in Engines.All)
            {
                var result = await LiteDbDurability.RoundsAsync(engine, folder.FullName, rounds).ConfigureAwait(false);
                Console.WriteLine(
                    $"| {engine} | {rounds} | {result.Acknowledged} | {result.Lost} | {result.RoundsWithLoss} | {result.ReopenFailures} |");
            }

            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    private static void Report(string workload, string engine, Measured m)
    {
        var sorted = m.Latencies.Order().ToArray();
        double At(double q) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)(q * sorted.Length))];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {workload} | {engine} | {sorted.Length} | {sorted.Length / m.Elapsed.TotalSeconds:F0} | {At(0.5):F2} | {At(0.95):F2} | "
            + $"{At(0.99):F2} | {m.Check} |"));
    }

    internal sealed record Measured(TimeSpan Elapsed, List<double> Latencies, string Check);

    /// <summary>Random (voter, option) pairs, the same for both engines.</summary>
    private static Measured Votes(string engine, string file, int count, int threads, bool serialise = true)
    {
        using var store = VoteStores.Open(engine, file, serialise);
        var accepted = 0;
        var latencies = new List<double>[threads];
        var clock = Stopwatch.StartNew();
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
        {
            var random = new Random(42 + t);
            var mine = latencies[t] = [];
            for (var i = t; i < count; i += threads)
            {
                var voter = random.Next(Voters);
                var option = random.Next(Options);
                var started = Stopwatch.GetTimestamp();
                if (store.Vote($"v{voter}", $"o{option}"))
                {
                    Interlocked.Increment(ref accepted);
                }

                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        });
        clock.Stop();
        var (dots, used) = store.Totals();
        var check = dots == accepted && used == accepted && accepted <= Voters * Budget
            ? $"exact ({accepted} counted)"
            : $"WRONG {dots}/{used}/{accepted}";
        return new Measured(clock.Elapsed, [.. latencies.SelectMany(l => l)], check);
    }

    private static Measured Documents(string engine, string file, int count)
    {
        using var store = DocumentStores.Open(engine, file);
        store.Seed(DocumentCount);
        var random = new Random(7);
        var latencies = new List<double>(count);
        var conflicts = 0;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var id = $"audit-{random.Next(DocumentCount)}";
            var started = Stopwatch.GetTimestamp();
            conflicts += store.Touch(id) ? 0 : 1;
            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        clock.Stop();
        var versions = store.VersionSum() - DocumentCount;
        var check = versions == count - conflicts ? $"exact ({conflicts} conflicts)" : $"WRONG {versions}";
        return new Measured(clock.Elapsed, latencies, check);
    }

    private static string SqliteVersion()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT sqlite_version()";
        return (string)command.ExecuteScalar()!;
    }

    internal static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], CultureInfo.InvariantCulture, out var value)
            ? value
            : fallback;
    }
}

internal static class Engines
{
    public const string Sqlite = "SQLite";
    public const string LiteDb = "LiteDB";

    public static IReadOnlyList<string> All { get; } = [Sqlite, LiteDb];

    public static string SqliteConnection(string file) =>
        new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = true }.ToString();

    public static SqliteConnection OpenSqlite(string file)
    {
        var connection = new SqliteConnection(SqliteConnection(file));
        connection.Open();
        Execute(connection, "PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 5000; PRAGMA synchronous = NORMAL;");
        return connection;
    }

    /// <summary>LiteDB in direct mode (one process, the mode an embedded bot would use).</summary>
    public static LiteDatabase OpenLiteDb(string file) => new(new ConnectionString { Filename = file, Connection = ConnectionType.Direct });

    public static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
