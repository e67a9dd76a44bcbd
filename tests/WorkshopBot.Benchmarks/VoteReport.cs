using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;

namespace WorkshopBot.Benchmarks;

/// <summary>One offered rate of the votes benchmark (or of the null endpoint): what was sent and how it was answered.</summary>
internal sealed record StepResult(
    int OfferedPerSecond,
    int Sent,
    int Redelivered,
    int StoredBefore,
    double AchievedPerSecond,
    double P50,
    double P99,
    double Max,
    double BotCpuMsPerRequest,
    double ClientCpuMsPerRequest,
    double DatabaseServerCpuMsPerRequest,
    int Failures,
    double BotJitMsPerRequest,
    long MethodsCompiled,
    double BotAllocatedKbPerRequest,
    double RequestsPerTransaction,
    double ThreadSwitchesPerRequest);

internal sealed record VoteRunResult(
    IReadOnlyList<StepResult> Steps,
    StepResult NullEndpoint,
    IReadOnlyList<StepResult> NullLadder,
    double IdleBotCpuMsPerSecond,
    int Expected,
    int Stored,
    int Lost,
    int Duplicated,
    int ChannelUpdates,
    int MaxUpdatesInAnySecond,
    int Throttled,
    double? FinalTallyAfterLastVoteMs,
    double? FinalTallyAfterLastAnswerMs,
    double OpenVotingMs,
    int OneToOneConversations,
    long BotPeakWorkingSetMb,
    long ClientPeakWorkingSetMb,
    int BallotBytes,
    long DatabaseGrowthBytes)
{
    /// <summary>The participants' joins, when they were offered open loop (--join-rate).</summary>
    public StepResult? Joins { get; init; }

    /// <summary>More participants joining after the votes, the board still open (--late-joiners).</summary>
    public StepResult? LateJoins { get; init; }
}

/// <summary>The anchors measured in the same run as the votes, so the votes' figures read as ratios.</summary>
internal static class VoteAnchors
{
    /// <summary>
    /// Single-row upserts, each its own transaction, with WAL and synchronous=FULL (an fsync per commit), through the
    /// bot's own driver (Microsoft.Data.Sqlite) on the same disk: the durable-storage rate a vote path could approach.
    /// </summary>
    public static double RawSqliteFullUpserts(string path, TimeSpan duration)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using (var setup = connection.CreateCommand())
        {
            setup.CommandText = """
                PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;
                CREATE TABLE votes (poll_id TEXT, voter_key TEXT, option_id TEXT, dots INTEGER,
                    PRIMARY KEY (poll_id, voter_key, option_id)) WITHOUT ROWID;
                """;
            setup.ExecuteNonQuery();
        }

        using var upsert = connection.CreateCommand();
        upsert.CommandText = """
            INSERT INTO votes (poll_id, voter_key, option_id, dots) VALUES ('p1', $voter, $option, 1)
            ON CONFLICT (poll_id, voter_key, option_id) DO UPDATE SET dots = dots + 1
            """;
        var voter = upsert.Parameters.Add("$voter", SqliteType.Text);
        var option = upsert.Parameters.Add("$option", SqliteType.Text);
        upsert.Prepare();
        var clock = Stopwatch.StartNew();
        var count = 0;
        while (clock.Elapsed < duration)
        {
            voter.Value = "voter-" + (count % 10_000).ToString(CultureInfo.InvariantCulture);
            option.Value = "i" + (count % 40).ToString(CultureInfo.InvariantCulture);
            upsert.ExecuteNonQuery();
            count++;
        }

        return count / clock.Elapsed.TotalSeconds;
    }
}

internal static class VoteReport
{
    public static void Print(string database, int participants, int dots, int ideas, int seconds, double rawUpserts,
        VoteRunResult r, bool burst = false)
    {
        var i = CultureInfo.InvariantCulture;
        var table = new StringBuilder()
            .Append(i, $"WorkshopBot votes benchmark: {database}, {participants} participants x {dots} dots, {ideas} ideas, ")
            .AppendLine(burst
                ? string.Create(i, $"burst: all {participants * dots} votes offered within {seconds} s of voting opening, open loop "
                    + $"(Poisson), {Environment.ProcessorCount} cores")
                : string.Create(i, $"{seconds} s per offered rate, open loop (Poisson), {Environment.ProcessorCount} cores"))
            .AppendLine(i, $"Anchor: raw SQLite single-row upserts (WAL, synchronous=FULL, own driver): {rawUpserts:F0}/s")
            .AppendLine()
            .AppendLine("| endpoint | offered/s | stored before | sent (+redelivered) | answered/s | p50 ms | p99 ms | max ms "
                + "| bot CPU ms/request | of which JIT (methods) | bot KB allocated/request | client CPU ms/request "
                + "| PostgreSQL server CPU ms/request | failed | requests a transaction | bot thread switches/request |")
            .AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        Row(table, "null endpoint (anchor)", r.NullEndpoint);
        foreach (var step in r.NullLadder)
        {
            Row(table, "null endpoint (at each rate)", step);
        }

        if (r.Joins is { } joins)
        {
            Row(table, "join (bot)", joins);
        }

        foreach (var step in r.Steps)
        {
            Row(table, "vote (bot)", step);
        }

        if (r.LateJoins is { } late)
        {
            Row(table, "join, board open (bot)", late);
        }

        table.AppendLine()
            .AppendLine("| measure | value | target |")
            .AppendLine("|---|---|---|")
            .AppendLine(i, $"| votes acknowledged / stored | {r.Expected} / {r.Stored} | equal |")
            .AppendLine(i, $"| lost / duplicated votes | {r.Lost} / {r.Duplicated} | 0 / 0 |")
            .AppendLine(i, $"| bot CPU with nothing offered (3 s, before the votes) | {r.IdleBotCpuMsPerSecond:F1} ms a second | |")
            .Append(i, $"| card updates to the channel | {r.ChannelUpdates} (at most {r.MaxUpdatesInAnySecond} in any 1 s) ")
            .AppendLine("| <= 1 per s |")
            .AppendLine(i, $"| 429 answers from the fake Teams | {r.Throttled} | 0 |")
            .AppendLine(i, $"| last vote offered -> final tally on the card | {Ms(r.FinalTallyAfterLastVoteMs)} | <= 2000 ms |")
            .AppendLine(i, $"| last vote answered -> final tally on the card | {Ms(r.FinalTallyAfterLastAnswerMs)} | |")
            .AppendLine(i, $"| \"Open voting\" answered in | {r.OpenVotingMs:F0} ms | well under 15 s |")
            .AppendLine(i, $"| 1:1 conversations created when voting opened | {r.OneToOneConversations} | 0 |")
            .AppendLine(i, $"| peak resident set of the bot's process | {r.BotPeakWorkingSetMb} MB | < 300 MB |")
            .AppendLine(i, $"| peak resident set of the client and fake Teams | {r.ClientPeakWorkingSetMb} MB | |")
            .AppendLine(i, $"| a ballot (the answer to a vote) | {r.BallotBytes:N0} bytes | |")
            .AppendLine(i, $"| database growth over the measured votes | {r.DatabaseGrowthBytes / 1048576.0:F1} MB, "
                + $"{r.DatabaseGrowthBytes / 1024.0 / Math.Max(1, r.Steps.Sum(s => s.Sent + s.Redelivered)):F2} KB a request | |");
        Console.WriteLine(table.ToString());
    }

    private static void Row(StringBuilder table, string name, StepResult s) => table
        .Append(CultureInfo.InvariantCulture, $"| {name} | {s.OfferedPerSecond} | {s.StoredBefore} | {s.Sent} (+{s.Redelivered}) ")
        .AppendLine(CultureInfo.InvariantCulture,
            $"| {s.AchievedPerSecond:F0} | {s.P50:F1} | {s.P99:F1} | {s.Max:F1} | {s.BotCpuMsPerRequest:F3} "
                + $"| {s.BotJitMsPerRequest:F3} ({s.MethodsCompiled}) | {s.BotAllocatedKbPerRequest:F1} | {s.ClientCpuMsPerRequest:F3} "
                + $"| {s.DatabaseServerCpuMsPerRequest:F3} | {s.Failures} | {Ratio(s.RequestsPerTransaction)} "
                + $"| {s.ThreadSwitchesPerRequest:F2} |");

    private static string Ratio(double value) => value > 0 ? value.ToString("F1", CultureInfo.InvariantCulture) : "-";

    private static string Ms(double? value) => value is { } ms ? ms.ToString("F0", CultureInfo.InvariantCulture) + " ms" : "not seen";
}
