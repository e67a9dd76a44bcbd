using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using WorkshopBot.Audits;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Storage;
using WorkshopBot.Workshop;
using Activity = WorkshopBot.Protocol.Schema.Activity;
using WorkshopBot.Common;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Workshop.Domain;
using WorkshopBot.Workshop.Storage;
using WorkshopBot.Workshop.Teams;
using WorkshopBot.Tests.Storage;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Benchmarks;

/// <summary>
/// Load tool: N participants join one workshop; the chair opens an idea board; then votes arrive open loop (Poisson, on a
/// schedule, latency counted from the scheduled time) at a ladder of offered rates, as signed invokes over real HTTP to
/// the bot on loopback (SQLite, or PostgreSQL with --postgres), against the fake connector that enforces Teams' limits.
/// Some votes are delivered twice (same activity id), as Teams may redeliver. In the same run: raw SQLite upserts with
/// WAL and synchronous=FULL, and a null endpoint (parse the vote, answer a ballot's bytes) driven by the same client,
/// so the figures read as ratios. Reports per rate p50/p99/max and process CPU per vote, lost/duplicated votes, card
/// updates to the channel, the final tally's delay and how long "Open voting" took to answer.
/// </summary>
internal static class VotesBenchmark
{
    private const string AppId = "7b2c1a8e-3f4d-4e5a-9b6c-0d1e2f3a4b5c";
    private const string TenantId = "4d3c2b1a-0f9e-4d8c-8b7a-6e5f4d3c2b1a";
    private const string TeamId = "19:team-bench@thread.tacv2";

    /// <summary>The team's Microsoft 365 group, which Teams names on every channel activity.</summary>
    private const string TeamGroupId = "5d2b0c7e-3f51-4a8e-9b0d-6c1f2e7a9b41";

    public static async Task<int> RunAsync(string[] args)
    {
        // The load client's socket completions run on the thread that polled them, before any socket exists in this
        // process: a request's work there is short, and each hand-off to the thread pool woke a thread (a thread
        // switch a request) on the cores the bot is measured on. The bot's process does not inherit it (VoteBotProcess).
        Environment.SetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS", "1");
        var usePostgres = args.Contains("--postgres");
        // PostgreSQL flushes its log at each commit unless --pg-no-fsync: then it runs as the tests run it (fsync,
        // synchronous commit and full page writes off), the setting every PostgreSQL figure before 2 December 2026 had.
        var pgDurable = !args.Contains("--pg-no-fsync");
        // The server's own per-statement times over the measured votes (pg_stat_statements), printed after the report.
        var pgStatements = args.Contains("--pg-statements");
        // The server keeps 32 MB of freed heap (PostgresServerFixture.GlibcTunables) unless --pg-glibc-defaults.
        var pgGlibcDefaults = args.Contains("--pg-glibc-defaults");
        if (pgStatements && !usePostgres)
        {
            await Console.Error.WriteLineAsync("--pg-statements reads the PostgreSQL server's statistics: it needs --postgres.");
            return 2;
        }

        // The burst: every participant's dots offered once, spread over --seconds (open loop), in one step.
        var burst = args.Contains("--burst");
        var participants = Option(args, "--participants", burst ? 10_000 : 4000);
        var dots = Option(args, "--dots", 5);
        var ideas = Math.Max(1, Option(args, "--ideas", 10));
        var seconds = Option(args, "--seconds", burst ? 10 : 4);
        var redeliveryPercent = Option(args, "--redeliver-percent", 2);
        // The null endpoint at every offered rate too, not only the top one: what the HTTP stack alone costs below saturation.
        var nullAtEachRate = args.Contains("--null-at-each-rate");
        // Joins open loop at this rate (0: 16 at a time, unmeasured), and this many more people joining once the votes are
        // counted, while the board is still open (each join then also marks the open board's card as changed).
        var joins = new JoinLoad(Option(args, "--join-rate", 0), Option(args, "--late-joiners", 0));
        var rates = burst
            ? [Math.Max(1, participants * dots / Math.Max(1, seconds))]
            : (Text(args, "--rates") ?? "250,500,1000,2000").Split(',')
                .Select(r => int.Parse(r, CultureInfo.InvariantCulture)).ToList();

        PostgresServerFixture? postgres = null;
        string? connectionString = null;
        if (usePostgres)
        {
            postgres = new PostgresServerFixture
            {
                Durable = pgDurable,
                TrackStatements = pgStatements,
                GlibcTunables = pgGlibcDefaults ? null : PostgresServerFixture.RecommendedGlibcTunables,
            };
            await postgres.InitializeAsync();
            connectionString = await postgres.CreateDatabaseAsync();
        }

        var statements = pgStatements ? new PgStatements(connectionString!) : null;

        // The label names the server's settings as it reports them, not as they were asked for.
        var store = connectionString is null
            ? "SQLite"
            : "PostgreSQL (" + await DurabilityAsync(connectionString) + "; " + Tunables(postgres!.ServerGlibcTunables()) + ")";

        var dataFolder = Path.Combine(Path.GetTempPath(), "workshopbot-bench-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dataFolder);
        try
        {
            if (statements is not null)
            {
                await statements.InstallAsync();
            }

            var rawUpserts = VoteAnchors.RawSqliteFullUpserts(Path.Combine(dataFolder, "anchor.db"), TimeSpan.FromSeconds(3));
            await using var issuer = await TestTokenIssuer.StartAsync();
            await using var connector = await FakeConnector.StartAsync();
            var settings = BotSettings(issuer, dataFolder, connectionString);
            await using var bot = await VoteBotProcess.StartAsync(settings);
            await Console.Error.WriteLineAsync($"The bot runs as process {bot.ProcessId}.");
            // The benchmark reads the tally, the workshop and the outbox from the same database, as a second instance would.
            await using var reader = BuildReader(settings);
            var run = new Run(bot, reader.Services, issuer, connector, ideas, () => DatabaseBytesAsync(dataFolder, connectionString),
                statements);
            var result = await run.ExecuteAsync(participants, dots, rates, TimeSpan.FromSeconds(seconds), redeliveryPercent, burst,
                nullAtEachRate, joins);
            VoteReport.Print(store, participants, dots, ideas, seconds, rawUpserts, result, burst);
            statements?.Print(result.Steps.Sum(s => (long)s.Sent + s.Redelivered));
            return result.Lost == 0 && result.Duplicated == 0 ? 0 : 1;
        }
        finally
        {
            if (postgres is not null)
            {
                await postgres.DropDatabaseAsync(connectionString!);
                await postgres.DisposeAsync();
            }

            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(dataFolder, recursive: true);
            }
            catch (IOException)
            {
                // A file still held by a closing connection: the temp folder is cleaned later.
            }
        }
    }

    private static Dictionary<string, string?> BotSettings(TestTokenIssuer issuer, string dataFolder, string? postgres) =>
        new(issuer.BotSettings(AppId))
        {
            ["Bench:DataFolder"] = dataFolder,
            ["Storage:Provider"] = postgres is null ? "Sqlite" : "Postgres",
            ["Storage:SqlitePath"] = Path.Combine(dataFolder, "workshopbot.db"),
            ["Storage:PostgresConnectionString"] = postgres,
            ["Bot:AllowLoopbackServiceUrls"] = "true",
            ["Outbox:RunInBackground"] = "true",
            ["Outbox:PollInterval"] = "00:00:00.100",
            ["Workshop:RunTimerInBackground"] = "false",
            ["WorkshopBot:AllowedTenants:0"] = TenantId,
        };

    /// <summary>The bot's services over the same database, never started: no endpoint, no background work.</summary>
    private static WebApplication BuildReader(Dictionary<string, string?> settings) =>
        VoteBotProcess.CreateBuilder(settings).Build();

    private static async Task<string> DurabilityAsync(string connectionString)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var settings = new List<string>();
        foreach (var name in new[] { "fsync", "synchronous_commit", "full_page_writes" })
        {
            await using var show = new Npgsql.NpgsqlCommand("SHOW " + name, connection);
            settings.Add($"{name} {await show.ExecuteScalarAsync()}");
        }

        return string.Join(", ", settings);
    }

    private static string Tunables(string? read) => read switch
    {
        null => "the server's GLIBC_TUNABLES could not be read",
        "" => "glibc's malloc defaults",
        _ => "GLIBC_TUNABLES " + read,
    };

    private static int Option(string[] args, string name, int fallback) =>
        Text(args, name) is { } text && int.TryParse(text, CultureInfo.InvariantCulture, out var value) ? value : fallback;

    private static string? Text(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    /// <summary>How participants join: open loop at <see cref="RatePerSecond"/> (0: unmeasured, 16 at a time), and
    /// <see cref="LateJoiners"/> more while the measured board is open.</summary>
    internal sealed record JoinLoad(int RatePerSecond, int LateJoiners);

    private sealed record PlannedVote(int Participant, string OptionId, TimeSpan At, string ActivityId, bool IsRedelivery);

    /// <summary>The database's size on disk: SQLite's file and its write-ahead log, or PostgreSQL's database.</summary>
    private static async Task<long> DatabaseBytesAsync(string dataFolder, string? postgres)
    {
        if (postgres is null)
        {
            return Directory.EnumerateFiles(dataFolder, "workshopbot.db*").Sum(f => new FileInfo(f).Length);
        }

        await using var connection = new Npgsql.NpgsqlConnection(postgres);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT pg_database_size(current_database())", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private sealed class Run(VoteBotProcess bot, IServiceProvider services, TestTokenIssuer issuer, FakeConnector connector,
        int ideas, Func<Task<long>> databaseBytes, PgStatements? statements)
    {
        private readonly string _channel = "19:bench-workshop@thread.tacv2";
        private readonly HttpClient _client =
            new(new SocketsHttpHandler { MaxConnectionsPerServer = 64, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
        {
            BaseAddress = new Uri(bot.BaseUrl),
            Timeout = TimeSpan.FromSeconds(150),
        };

        private string _token = "";
        private LoadConnections? _loadConnections;
        private int _ballotBytes;
        private int _next;

        public async Task<VoteRunResult> ExecuteAsync(int participants, int dots, IReadOnlyList<int> rates, TimeSpan step,
            int redeliveryPercent, bool burst, bool nullAtEachRate, JoinLoad joins)
        {
            // One token for every request, as one Teams connection reuses it; the bot still validates its signature each time.
            _token = issuer.CreateToken(AppId, connector.BaseUrl);
            var chair = Person("Bench Chair");
            var audit = await SeedAuditAsync(chair);
            await SendAsync(Message(chair, "workshop"));
            var store = services.GetRequiredService<IDocumentStore>();
            var workshopId = (await store.ListAsync<WorkshopSession>(WorkshopRepository.Collection, key1: audit.Id.ToString()))
                .Single().Value.Id;

            await WarmUpAsync(chair, workshopId);

            var people = Enumerable.Range(0, participants).Select(i => Person($"Participant {i}")).ToList();
            StepResult? joined = null;
            if (joins.RatePerSecond > 0)
            {
                await Console.Error.WriteLineAsync($"Offering joins at {joins.RatePerSecond}/s.");
                joined = await JoinAsync(people, workshopId, joins.RatePerSecond);
            }
            else
            {
                await Parallel.ForEachAsync(people, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (p, _) =>
                    await InvokeAsync(Invoke(p, JoinScreen.Join, new JoinData(workshopId, "other"))));
            }

            var poll = await CreateBoardAsync(chair, workshopId, dots, people[0], ideas);
            var ballotsBefore = CreatedConversations();
            var openStarted = Stopwatch.GetTimestamp();
            await InvokeAsync(Invoke(chair, PollsScreen.Phase, new PhaseData(workshopId, poll.Id, PhaseActions.Open)));
            var openMs = Stopwatch.GetElapsedTime(openStarted).TotalMilliseconds;
            poll = (await GetSessionAsync(workshopId)).FindPoll(poll.Id)!;
            var options = poll.VotableOptions.Select(o => o.Id).ToList();

            // Compiling what the joins and the new board made hot happens now, not in the first measured step.
            await SettleAsync();

            // The null endpoint first, at the top rate: what this client and HTTP stack cost without the bot.
            // (In a burst, 3 s of it: the anchor is a rate, and the burst's votes must meet a quiet client.)
            var nullStep = await DriveAsync(rates.Max(), burst ? TimeSpan.FromSeconds(3) : step,
                _ => NullVote(people[0], workshopId, poll.Id, options[0]), null);
            var nullLadder = new List<StepResult>();
            foreach (var rate in nullAtEachRate && !burst ? rates.Distinct().Order().ToList() : [])
            {
                nullLadder.Add(await DriveAsync(rate, step, _ => NullVote(people[0], workshopId, poll.Id, options[0]), null));
            }

            await SettleAsync();
            // The bot's fixed cost: CPU for 3 s with nothing offered (timers, the outbox's polling, the runtime's own work).
            var idleCpuBefore = bot.CpuTime;
            await Task.Delay(TimeSpan.FromSeconds(3));
            var idleCpuMsPerSecond = (bot.CpuTime - idleCpuBefore).TotalMilliseconds / 3;
            var bytesBefore = await databaseBytes();
            if (statements is not null)
            {
                await statements.ResetAsync();
            }

            var steps = new List<StepResult>();
            var expected = new Dictionary<string, int>(StringComparer.Ordinal);
            var cursor = 0;
            var burstStart = DateTimeOffset.UtcNow;
            var lastVoteSent = DateTimeOffset.MinValue;
            var random = new Random(20261130);
            foreach (var rate in rates)
            {
                var storedBefore = (await services.GetRequiredService<IWorkshopVoteStore>().TallyAsync(poll.Id, default))
                    .Sum(t => t.Dots);
                await Console.Error.WriteLineAsync($"Offering votes at {rate}/s.");
                // A burst stops when every dot has been offered, not at the end of the step (Poisson may run over it).
                var result = await DriveAsync(rate, burst ? TimeSpan.FromHours(1) : step, _ =>
                {
                    // Vote k is participant k mod N's (k div N)-th dot, so nobody goes over their budget.
                    var k = cursor++;
                    if (k >= participants * dots)
                    {
                        return null;
                    }

                    var optionId = options[(k * 7 + (k / participants) * 3) % options.Count];
                    lock (expected)
                    {
                        expected[optionId] = expected.GetValueOrDefault(optionId) + 1;
                        lastVoteSent = DateTimeOffset.UtcNow;
                    }

                    var vote = Invoke(people[k % participants], BallotScreen.Dot, new DotData(workshopId, poll.Id, 1, optionId));
                    return random.Next(100) < redeliveryPercent ? [vote, vote] : [vote];
                }, storedBefore);
                steps.Add(result);
            }

            var lastAnswered = DateTimeOffset.UtcNow;
            if (statements is not null)
            {
                await statements.TakeAsync();
            }

            var bytesAfter = await databaseBytes();
            var tally = await services.GetRequiredService<IWorkshopVoteStore>().TallyAsync(poll.Id, default);
            var lost = expected.Sum(e => Math.Max(0, e.Value - (tally.FirstOrDefault(t => t.OptionId == e.Key)?.Dots ?? 0)));
            var duplicated = tally.Sum(t => Math.Max(0, t.Dots - expected.GetValueOrDefault(t.OptionId)));

            var final = PollSnapshot.Rank(poll.VotableOptions, tally).ToDictionary(r => r.Label, r => $"#{r.Rank} · {r.Dots} dots");
            var outbox = services.GetRequiredService<IOutboxStore>();
            var cardId = (await outbox.FindByDedupeKeyAsync(poll.CardPostKey!))?.SentActivityId ?? "-";
            DateTimeOffset? finalAt = null;
            await WaitForAsync(() => (finalAt = FinalTallyAt(cardId, final)) is not null, TimeSpan.FromSeconds(10));
            await Task.Delay(TimeSpan.FromSeconds(2));

            var updates = connector.Requests
                .Where(r => r.Method == "PUT" && Uri.UnescapeDataString(r.RawTarget).Contains(_channel, StringComparison.Ordinal)
                    && r.ReceivedAt >= burstStart)
                .ToList();
            var times = updates.Where(u => u.StatusCode is >= 200 and < 300).Select(u => u.ReceivedAt).Order().ToList();
            var maxPerSecond = times.Count == 0
                ? 0
                : times.Select((t, i) => times.Skip(i).TakeWhile(x => x < t + TimeSpan.FromSeconds(1)).Count()).Max();
            // Late joiners, once the votes' figures are taken: each join also marks the open board's card as changed.
            StepResult? lateJoined = null;
            if (joins.LateJoiners > 0)
            {
                var rate = joins.RatePerSecond > 0 ? joins.RatePerSecond : 1000;
                await Console.Error.WriteLineAsync($"Offering {joins.LateJoiners} late joins at {rate}/s, the board open.");
                lateJoined = await JoinAsync(
                    Enumerable.Range(0, joins.LateJoiners).Select(i => Person($"Late participant {i}")).ToList(), workshopId, rate);
            }

            if (_loadConnections is { } load)
            {
                await load.DisposeAsync();
            }

            return new VoteRunResult(
                steps,
                nullStep,
                nullLadder,
                idleCpuMsPerSecond,
                expected.Values.Sum(),
                tally.Sum(t => t.Dots),
                lost,
                duplicated,
                times.Count,
                maxPerSecond,
                connector.ThrottledCount,
                finalAt is { } seen ? (seen - lastVoteSent).TotalMilliseconds : null,
                finalAt is { } shown ? (shown - lastAnswered).TotalMilliseconds : null,
                openMs,
                CreatedConversations() - ballotsBefore,
                bot.PeakWorkingSetMb,
                Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024),
                _ballotBytes,
                bytesAfter - bytesBefore)
            {
                Joins = joined,
                LateJoins = lateJoined,
            };
        }

        /// <summary>Everyone in <paramref name="people"/> joins once, open loop at <paramref name="rate"/> a second.</summary>
        private Task<StepResult> JoinAsync(List<ChannelAccount> people, Guid workshopId, int rate) =>
            DriveAsync(rate, TimeSpan.FromHours(1), i => i < people.Count
                ? [Invoke(people[i], JoinScreen.Join, new JoinData(workshopId, "other"))]
                : null, storedBefore: 0);

        /// <summary>
        /// Open loop: arrivals at <paramref name="rate"/> per second (Poisson) for <paramref name="duration"/>, each sent on
        /// its schedule whatever the answers before it; latency counts from the scheduled time, so queueing shows.
        /// </summary>
        private async Task<StepResult> DriveAsync(int rate, TimeSpan duration, Func<int, Activity[]?> next, int? storedBefore)
        {
            var random = new Random(rate);
            var latencies = new List<double>();
            var failures = 0;
            var sent = 0;
            var gate = new Lock();
            // Requests are counted, not kept: a list of every request's task would keep each vote's activity alive until the
            // step ends, and the load tool's garbage collector would then spend the cores the bot is measured on.
            var requests = 0;
            var outstanding = 1;
            var allAnswered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            void Answered()
            {
                if (Interlocked.Decrement(ref outstanding) == 0)
                {
                    allAnswered.TrySetResult();
                }
            }

            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var botCpuBefore = bot.CpuTime;
            var serverCpuBefore = DatabaseServerCpu();
            var runtimeBefore = await VoteBotProcess.RuntimeCountersAsync(_client);
            var clock = Stopwatch.StartNew();
            var at = TimeSpan.Zero;
            for (var i = 0; ; i++)
            {
                at += TimeSpan.FromSeconds(-Math.Log(1 - random.NextDouble()) / rate);
                if (at > duration || next(i) is not { } activities)
                {
                    break;
                }

                var wait = at - clock.Elapsed;
                if (wait > TimeSpan.FromMilliseconds(1))
                {
                    await Task.Delay(wait);
                }

                var scheduled = at;
                sent++;
                foreach (var activity in activities)
                {
                    requests++;
                    Interlocked.Increment(ref outstanding);
                    Load.Post(activity, storedBefore is null ? "bench/null" : "api/messages", ok =>
                    {
                        lock (gate)
                        {
                            latencies.Add((clock.Elapsed - scheduled).TotalMilliseconds);
                            failures += ok ? 0 : 1;
                        }

                        Answered();
                    });
                }
            }

            Answered();
            await allAnswered.Task;
            var elapsed = clock.Elapsed;
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            var botCpu = bot.CpuTime - botCpuBefore;
            var serverCpu = DatabaseServerCpu() - serverCpuBefore;
            var runtimeAfter = await VoteBotProcess.RuntimeCountersAsync(_client);
            var redelivered = requests - sent;
            requests = Math.Max(1, requests);
            var sorted = latencies.Order().ToArray();
            return new StepResult(rate, sent, redelivered, storedBefore ?? 0, sent / elapsed.TotalSeconds,
                Percentile(sorted, 0.50), Percentile(sorted, 0.99), sorted.Length == 0 ? 0 : sorted[^1],
                botCpu.TotalMilliseconds / requests, cpu.TotalMilliseconds / requests, serverCpu.TotalMilliseconds / requests, failures,
                (runtimeAfter.JitMs - runtimeBefore.JitMs) / requests, runtimeAfter.JitMethods - runtimeBefore.JitMethods,
                (runtimeAfter.AllocatedBytes - runtimeBefore.AllocatedBytes) / 1024.0 / requests,
                runtimeAfter.Transactions == runtimeBefore.Transactions
                    ? 0
                    : (double)requests / (runtimeAfter.Transactions - runtimeBefore.Transactions),
                (runtimeAfter.ThreadSwitches - runtimeBefore.ThreadSwitches) / (double)requests);
        }

        /// <summary>The measured steps' connections (<see cref="LoadConnections"/>), opened with the first step.</summary>
        private LoadConnections Load => _loadConnections ??= new LoadConnections(new Uri(bot.BaseUrl), 64, BotJson.Options, () => _token);

        private Activity[] NullVote(ChannelAccount person, Guid workshopId, string pollId, string optionId) =>
            [Invoke(person, BallotScreen.Dot, new DotData(workshopId, pollId, 1, optionId))];

        /// <summary>
        /// CPU used so far by the PostgreSQL server's processes on this machine (Linux /proc; zero elsewhere, and for
        /// SQLite, which runs inside the bot). A backend that exits takes its share with it, so this is a lower bound.
        /// </summary>
        private static TimeSpan DatabaseServerCpu()
        {
            var ticks = 0L;
            foreach (var folder in Directory.Exists("/proc") ? Directory.EnumerateDirectories("/proc") : [])
            {
                try
                {
                    var stat = File.ReadAllText(Path.Combine(folder, "stat"));
                    var close = stat.LastIndexOf(')');
                    if (close < 0 || !stat.AsSpan(0, close).EndsWith("(postgres", StringComparison.Ordinal))
                    {
                        continue;
                    }

                    // Fields after the command: state is field 3, utime field 14 and stime field 15.
                    var fields = stat[(close + 2)..].Split(' ');
                    ticks += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
                }
                catch (IOException)
                {
                }
                catch (UnauthorizedAccessException)
                {
                }
            }

            // Linux counts these in USER_HZ ticks, 100 a second on every platform .NET runs on.
            return TimeSpan.FromMilliseconds(ticks * 10);
        }

        private static double Percentile(double[] sorted, double p) =>
            sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

        private DateTimeOffset? FinalTallyAt(string cardActivityId, IReadOnlyDictionary<string, string> final)
        {
            var updates = connector.Requests
                .Where(r => r.Method == "PUT" && r.StatusCode is >= 200 and < 300
                    && Uri.UnescapeDataString(r.RawTarget).EndsWith(cardActivityId, StringComparison.Ordinal))
                .OrderBy(r => r.ReceivedAt);
            foreach (var request in updates)
            {
                var facts = new Dictionary<string, string>(StringComparer.Ordinal);
                using var document = JsonDocument.Parse(request.Body);
                CollectFacts(document.RootElement, facts);
                if (final.All(f => facts.TryGetValue(f.Key, out var title) && title == f.Value))
                {
                    return request.ReceivedAt;
                }
            }

            return null;
        }

        private static void CollectFacts(JsonElement element, Dictionary<string, string> facts)
        {
            if (element.ValueKind == JsonValueKind.Object)
            {
                if (element.TryGetProperty("title", out var title) && element.TryGetProperty("value", out var value)
                    && title.ValueKind == JsonValueKind.String && value.ValueKind == JsonValueKind.String)
                {
                    facts[value.GetString()!] = title.GetString()!;
                }

                foreach (var property in element.EnumerateObject())
                {
                    CollectFacts(property.Value, facts);
                }
            }
            else if (element.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in element.EnumerateArray())
                {
                    CollectFacts(item, facts);
                }
            }
        }

        private int CreatedConversations() =>
            connector.Requests.Count(r => r.Method == "POST" && r.Path.TrimEnd('/').EndsWith("v3/conversations", StringComparison.Ordinal));

        private async Task WarmUpAsync(ChannelAccount chair, Guid workshopId)
        {
            // JIT, connection pools and the garbage collector's heaps warm on throwaway boards before the measured one.
            var warm = Person("Warm-up participant");
            await InvokeAsync(Invoke(warm, JoinScreen.Join, new JoinData(workshopId, "other")));
            var crowd = Enumerable.Range(0, 200).Select(i => Person($"Warm-up participant {i}")).ToList();
            await Parallel.ForEachAsync(crowd, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (p, _) =>
                await InvokeAsync(Invoke(p, JoinScreen.Join, new JoinData(workshopId, "other"))));
            // Rounds of 1,000 votes from 200 people, 32 at a time, each on a new board shaped like the measured one (first votes
            // and later ones, spread over its ideas), until a round compiles fewer than 50 methods: the vote path is then at its
            // final tier (tiered compilation recompiles a hot method twice, after 30 calls each) before any measurement.
            for (var round = 1; round <= 8; round++)
            {
                var before = await VoteBotProcess.RuntimeCountersAsync(_client);
                var board = await CreateBoardAsync(chair, workshopId, 5, warm, ideas);
                await InvokeAsync(Invoke(chair, PollsScreen.Phase, new PhaseData(workshopId, board.Id, PhaseActions.Open)));
                var options = (await GetSessionAsync(workshopId)).FindPoll(board.Id)!.VotableOptions.Select(o => o.Id).ToList();
                await Parallel.ForEachAsync(Enumerable.Range(0, 1000), new ParallelOptions { MaxDegreeOfParallelism = 32 },
                    async (k, _) => await InvokeAsync(Invoke(crowd[k % crowd.Count], BallotScreen.Dot,
                        new DotData(workshopId, board.Id, 1, options[(k * 7 + (k / crowd.Count) * 3) % options.Count]))));
                if (round == 1)
                {
                    for (var i = 0; i < 20; i++)
                    {
                        using var response = await PostAsync(Invoke(warm, BallotScreen.Dot,
                            new DotData(workshopId, board.Id, i % 2 == 0 ? 1 : -1, options[0])));
                        var ballot = await response.Content.ReadAsByteArrayAsync();
                        _ballotBytes = ballot.Length;
                        await VoteBotProcess.SetNullAnswerAsync(_client, ballot);
                    }
                }

                await InvokeAsync(Invoke(chair, PollsScreen.Phase, new PhaseData(workshopId, board.Id, PhaseActions.Close)));
                var compiled = (await SettleAsync()).JitMethods - before.JitMethods;
                await Console.Error.WriteLineAsync($"Warm-up round {round}: {compiled} methods compiled.");
                if (compiled < 50)
                {
                    break;
                }
            }
        }

        /// <summary>Waits (at most 5 s) until the bot's runtime has compiled nothing for a quarter of a second.</summary>
        private async Task<RuntimeCounters> SettleAsync()
        {
            var last = await VoteBotProcess.RuntimeCountersAsync(_client);
            for (var i = 0; i < 20; i++)
            {
                await Task.Delay(250);
                var now = await VoteBotProcess.RuntimeCountersAsync(_client);
                if (now.JitMethods == last.JitMethods)
                {
                    return now;
                }

                last = now;
            }

            return last;
        }

        private async Task<Poll> CreateBoardAsync(ChannelAccount chair, Guid workshopId, int dots, ChannelAccount author, int ideas)
        {
            var dotsText = dots.ToString(CultureInfo.InvariantCulture);
            await InvokeAsync(Invoke(chair, PollsScreen.CreatePoll,
                new CreatePollData(workshopId, PollTypes.WorkedWell, Dots: dotsText, MaxPerItem: dotsText)));
            var poll = (await GetSessionAsync(workshopId)).Polls[^1];
            for (var i = 1; i <= ideas; i++)
            {
                await InvokeAsync(Invoke(author, IdeasScreen.AddIdea,
                    new AddIdeaData(workshopId, poll.Id, $"Idea {i}: agencies acted promptly and shared information.")));
            }

            return (await GetSessionAsync(workshopId)).FindPoll(poll.Id)!;
        }

        private async Task<WorkshopSession> GetSessionAsync(Guid workshopId) =>
            (await services.GetRequiredService<IDocumentStore>()
                .GetAsync<WorkshopSession>(WorkshopRepository.Collection, workshopId.ToString()))!.Value;

        private async Task<Audit> SeedAuditAsync(ChannelAccount chair)
        {
            var now = DateTimeOffset.UtcNow;
            var chairRef = new PersonRef(chair.AadObjectId!, chair.Name!) { TenantId = TenantId };
            var audit = Audit.Create(Guid.NewGuid(), "Benchmark audit", "nai", chairRef, now)
                .ValueOrThrow();
            audit.AddCase(CaseReference.Create("NAI-2026-03-C1").ValueOrThrow(), AgeBand.Under1);
            audit.AddAgency(AgencyType.Police, "Police", new PersonRef("rep-oid", "Rep")).ValueOrThrow();
            audit.ScheduleReturnsDue(now.AddDays(30), now);
            if (!audit.Issue(now).Succeeded)
            {
                throw new InvalidOperationException("The benchmark audit could not be issued.");
            }

            await services.GetRequiredService<WorkshopBot.Common.Storage.WorkRunner>().RunAsync(
                (scope, ct) => scope.GetRequiredService<AuditStore>().InsertAuditAsync(audit, ct), CancellationToken.None);
            return audit;
        }

        private static ChannelAccount Person(string name)
        {
            var hash = System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(name));
            return new ChannelAccount
            {
                Id = "29:" + Convert.ToHexStringLower(hash.AsSpan(16, 12)),
                AadObjectId = new Guid(hash.AsSpan(0, 16)).ToString(),
                Name = name,
            };
        }

        private Activity NewActivity(string type, ChannelAccount from) => new()
        {
            Type = type,
            Id = "bench-" + Interlocked.Increment(ref _next).ToString(CultureInfo.InvariantCulture),
            Timestamp = DateTimeOffset.UtcNow,
            ServiceUrl = connector.BaseUrl,
            ChannelId = "msteams",
            From = from,
            Recipient = new ChannelAccount { Id = "28:" + AppId, Name = "WorkshopBot" },
            Conversation = new ConversationAccount
            {
                Id = _channel, ConversationType = ConversationTypes.Channel, TenantId = TenantId, IsGroup = true,
            },
            ChannelData = BotJson.ToElement(new TeamsChannelData
            {
                Tenant = new TenantInfo { Id = TenantId },
                Team = new TeamInfo { Id = TeamId, Name = "Bench team", AadGroupId = TeamGroupId },
                Channel = new ChannelInfo { Id = _channel, Name = "Workshop" },
            }),
        };

        private Activity Message(ChannelAccount from, string text) => NewActivity(ActivityTypes.Message, from) with
        {
            Text = "<at>WorkshopBot</at> " + text,
            Entities =
            [
                new Entity
                {
                    Type = "mention",
                    Extra = new Dictionary<string, JsonElement>
                    {
                        ["text"] = BotJson.ToElement("<at>WorkshopBot</at>"),
                        ["mentioned"] = BotJson.ToElement(new ChannelAccount { Id = "28:" + AppId, Name = "WorkshopBot" }),
                    },
                },
            ],
        };

        private Activity Invoke(ChannelAccount from, string verb, object data) => NewActivity(ActivityTypes.Invoke, from) with
        {
            Name = InvokeNames.AdaptiveCardAction,
            Value = BotJson.ToElement(new { action = new { type = "Action.Execute", verb, data }, trigger = "manual" }),
        };

        private async Task<HttpResponseMessage> PostAsync(Activity activity, string path = "api/messages")
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path)
            {
                // UTF-8 bytes straight from the serializer, as Teams sends them (no string to encode again).
                Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(activity, BotJson.Options))
                {
                    Headers = { ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" } },
                },
            };
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + _token);
            return await _client.SendAsync(request);
        }

        private async Task SendAsync(Activity activity)
        {
            using var response = await PostAsync(activity);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"The bot answered {(int)response.StatusCode}.");
            }
        }

        private Task InvokeAsync(Activity activity) => SendAsync(activity);

        private static async Task WaitForAsync(Func<bool> condition, TimeSpan timeout)
        {
            var clock = Stopwatch.StartNew();
            while (!condition() && clock.Elapsed < timeout)
            {
                await Task.Delay(20);
            }
        }
    }
}
