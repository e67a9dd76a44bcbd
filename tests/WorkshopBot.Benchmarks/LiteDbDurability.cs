using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using LiteDB;
using Microsoft.Data.Sqlite;

namespace WorkshopBot.Benchmarks;

/// <summary>
/// kill -9 durability: a child process commits one record per transaction and prints "ack N" once each commit has
/// returned; the parent kills it (SIGKILL) at a random moment, reopens the file and counts acknowledged records that
/// are missing. A process kill keeps what reached the operating system; it does not model a power cut.
/// </summary>
internal static class LiteDbDurability
{
    public const string ChildCommand = "litedb-child";

    public sealed record Result(long Acknowledged, long Lost, int RoundsWithLoss, int ReopenFailures);

    public static async Task<Result> RoundsAsync(string engine, string folder, int rounds)
    {
        var random = new Random(2026);
        long acknowledged = 0, lost = 0;
        int withLoss = 0, failures = 0;
        for (var round = 0; round < rounds; round++)
        {
            var file = Path.Combine(folder, $"{engine}-kill-{round}.db");
            var acked = await KillAtRandomAsync(engine, file, TimeSpan.FromMilliseconds(random.Next(300, 1500))).ConfigureAwait(false);
            acknowledged += acked;
            try
            {
                var present = CountUpTo(engine, file, acked);
                lost += acked - present;
                withLoss += present < acked ? 1 : 0;
            }
            catch (Exception ex) when (ex is LiteException or SqliteException or IOException or InvalidOperationException)
            {
                failures++;
                lost += acked;
                Console.Error.WriteLine($"{engine} round {round}: the file could not be reopened: {ex.Message}");
            }
        }

        return new Result(acknowledged, lost, withLoss, failures);
    }

    /// <summary>The child: writes records 1, 2, ... each in its own transaction, acknowledging each on stdout.</summary>
    public static int Child(string engine, string file)
    {
        var payload = new string('x', 200);
        if (engine == Engines.Sqlite)
        {
            using var connection = Engines.OpenSqlite(file);
            Engines.Execute(connection, "CREATE TABLE IF NOT EXISTS records (id INTEGER PRIMARY KEY, payload TEXT NOT NULL)");
            for (long i = 1; i < 10_000_000; i++)
            {
                using var transaction = connection.BeginTransaction(deferred: false);
                using var insert = connection.CreateCommand();
                insert.Transaction = transaction;
                insert.CommandText = "INSERT INTO records (id, payload) VALUES ($id, $payload)";
                insert.Parameters.AddWithValue("$id", i);
                insert.Parameters.AddWithValue("$payload", payload);
                insert.ExecuteNonQuery();
                transaction.Commit();
                Acknowledge(i);
            }
        }
        else
        {
            using var db = Engines.OpenLiteDb(file);
            var records = db.GetCollection("records");
            for (long i = 1; i < 10_000_000; i++)
            {
                db.BeginTrans();
                records.Insert(new BsonDocument { ["_id"] = i, ["payload"] = payload });
                db.Commit();
                Acknowledge(i);
            }
        }

        return 0;
    }

    private static void Acknowledge(long i)
    {
        Console.Out.WriteLine("ack " + i.ToString(CultureInfo.InvariantCulture));
        Console.Out.Flush();
    }

    private static async Task<long> KillAtRandomAsync(string engine, string file, TimeSpan after)
    {
        var start = new ProcessStartInfo { RedirectStandardOutput = true, UseShellExecute = false };
        var self = Environment.ProcessPath!;
        if (Path.GetFileNameWithoutExtension(self).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            start.FileName = self;
            start.ArgumentList.Add(Assembly.GetExecutingAssembly().Location);
        }
        else
        {
            start.FileName = self;
        }

        foreach (var arg in new[] { ChildCommand, engine, file })
        {
            start.ArgumentList.Add(arg);
        }

        using var child = Process.Start(start)!;
        long acked = 0;
        var reading = Task.Run(async () =>
        {
            while (await child.StandardOutput.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                if (line.StartsWith("ack ", StringComparison.Ordinal))
                {
                    acked = long.Parse(line.AsSpan(4), CultureInfo.InvariantCulture);
                }
            }
        });

        // Let the child open its file and start writing, then kill it mid-stream.
        var started = Stopwatch.StartNew();
        while (Volatile.Read(ref acked) == 0 && started.Elapsed < TimeSpan.FromSeconds(20))
        {
            await Task.Delay(10).ConfigureAwait(false);
        }

        await Task.Delay(after).ConfigureAwait(false);
        child.Kill();
        await child.WaitForExitAsync().ConfigureAwait(false);
        await reading.ConfigureAwait(false);
        return acked;
    }

    private static long CountUpTo(string engine, string file, long acked)
    {
        if (engine == Engines.Sqlite)
        {
            using var connection = Engines.OpenSqlite(file);
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM records WHERE id <= $acked";
            command.Parameters.AddWithValue("$acked", acked);
            var count = (long)command.ExecuteScalar()!;
            connection.Close();
            SqliteConnection.ClearAllPools();
            return count;
        }

        using var db = Engines.OpenLiteDb(file);
        return db.GetCollection("records").Count(Query.LTE("_id", acked));
    }
}
