using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using WorkshopBot.Protocol.Routing;
using WorkshopBot.Tests.Support;
using Xunit.Abstractions;

namespace WorkshopBot.Tests.Robustness;

/// <summary>
/// Over ten thousand generated inputs, posted over real HTTP with validly signed tokens: activities over the whole
/// schema, every card verb's data, raw bodies and download links. None gets a 5xx, none hangs, a malformed one gets 400
/// (413 over the cap), one the endpoint's rules refuse stores nothing (the store's fingerprint is unchanged across them),
/// and the bot still answers a plain "help" afterwards. Half the inputs come from a fixed seed (the same every run), half from a seed
/// chosen per run and printed; WORKSHOPBOT_FUZZ_SEED replays a run's random half, WORKSHOPBOT_FUZZ_INPUTS changes the count.
/// </summary>
public sealed class FuzzedInputs(ITestOutputHelper output)
{
    internal const ulong FixedSeed = 20_261_130;
    private const int DefaultInputs = 10_400;
    private const int BatchSize = 200;
    private const int Parallel = 8;
    private const int GenerationSize = 20;

    /// <summary>A request that takes longer than this is a hang (bounded generously: no test depends on a quiet machine).</summary>
    private static readonly TimeSpan HangAfter = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task TenThousandFuzzedInputsGetNo5xxMalformedOnes400AndRefusedOnesStoreNothing()
    {
        var count = int.TryParse(Environment.GetEnvironmentVariable("WORKSHOPBOT_FUZZ_INPUTS"), CultureInfo.InvariantCulture, out var n)
            ? n : DefaultInputs;
        var randomSeed = ulong.TryParse(Environment.GetEnvironmentVariable("WORKSHOPBOT_FUZZ_SEED"), CultureInfo.InvariantCulture,
            out var s) ? s : (ulong)System.Random.Shared.NextInt64(1, long.MaxValue);
        await FuzzAsync(output, count, randomSeed, postgres: null);
    }

    /// <summary>
    /// Sends <paramref name="count"/> inputs in batches, even ones from the fixed seed and odd ones from
    /// <paramref name="randomSeed"/>, to a bot on SQLite or on the PostgreSQL database <paramref name="postgres"/> names.
    /// </summary>
    internal static async Task FuzzAsync(ITestOutputHelper output, int count, ulong randomSeed, string? postgres)
    {
        var seeds = $"fixed seed {FixedSeed}, random seed {randomSeed} (replay: WORKSHOPBOT_FUZZ_SEED={randomSeed})";
        output.WriteLine($"Fuzzing {count} inputs on {(postgres is null ? "SQLite" : "PostgreSQL")}: {seeds}");

        var world = await FuzzWorld.CreateAsync(postgres);
        await using var scenario = world.Scenario;
        var router = world.Host.Get<ActivityRouter>();
        var activities = new ActivityFuzz(world, new CardDataFuzz(world, router.CardActionVerbs));
        var inputs = Gen.Frequency((88, activities.Input), (12, new RawBodyFuzz(world).Input));
        var run = new FuzzRun(world.Host);
        var clock = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var generating = TimeSpan.Zero;
        var refusedChecked = 0;

        for (var batch = 0; batch * BatchSize < count; batch++)
        {
            // Even batches from the fixed seed, odd ones from the run's seed: each batch is reproducible on its own.
            var seed = (batch % 2 == 0 ? FixedSeed : randomSeed) + (ulong)batch;
            var size = Math.Min(BatchSize, count - (batch * BatchSize));
            var started = Stopwatch.GetTimestamp();
            var generated = Gen.Sample(inputs, size, new Rnd(seed), GenerationSize);
            generating += Stopwatch.GetElapsedTime(started);
            Dump(generated, batch * BatchSize);
            var judged = generated.Select((input, i) => new Judged(batch * BatchSize + i, input, FuzzOracle.Judge(input))).ToList();

            // What a screen decides goes first; then, with the store settled, what the endpoint's rules refuse, which must
            // leave the store exactly as it was.
            await run.SendAllAsync(judged.Where(j => j.Verdict == Verdict.Open), Parallel, HangAfter);
            await world.Host.DrainOutboxAsync();
            var before = await StoreFingerprint.ReadAsync(world.Host);
            var refused = judged.Where(j => j.Verdict != Verdict.Open).ToList();
            await run.SendAllAsync(refused, Parallel, HangAfter);
            await world.Host.DrainOutboxAsync();
            var after = await StoreFingerprint.ReadAsync(world.Host);
            refusedChecked += refused.Count;
            if (before != after)
            {
                run.Failures.Add(new FuzzRun.Failure(batch * BatchSize,
                    $"Batch {batch}: the store changed while only refused inputs were sent:\n{before}\n{after}\n"
                    + string.Join("\n", refused.Take(20).Select(r => r.Input.Describe(r.Index, 400)))));
            }
        }

        // CPU time (bot and test together, in this process) says more than the wall clock on a busy machine.
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        output.WriteLine($"Sent {run.Sent} inputs in {clock.Elapsed.TotalSeconds:F0} s (generating {generating.TotalSeconds:F1} s), "
            + $"{cpuSeconds:F0} s of CPU; {refusedChecked} refused by the endpoint's rules and checked to store nothing; "
            + $"verdicts: {run.Verdicts()}; answers: {run.Summary()}");
        var failures = run.Failures.OrderBy(f => f.Index).ToList();
        foreach (var failure in failures.Take(30))
        {
            output.WriteLine(failure.Message);
        }

        foreach (var error in failures.Count == 0 ? [] : world.Errors.Distinct().Take(20))
        {
            output.WriteLine(error);
        }

        Assert.True(run.Sent >= count, $"Only {run.Sent} of {count} inputs were sent.");
        Assert.True(failures.Count == 0,
            $"{failures.Count} inputs got a 5xx, the wrong refusal, hung, broke the connection or stored something when refused "
            + $"({seeds}). First:\n{failures.FirstOrDefault()?.Message}");
        await world.AssertStillAnswersHelpAsync();
    }

    /// <summary>With WORKSHOPBOT_FUZZ_DUMP set to a folder, every input is written there (one file per batch) for replay.</summary>
    private static void Dump(IReadOnlyList<FuzzInput> inputs, int first)
    {
        if (Environment.GetEnvironmentVariable("WORKSHOPBOT_FUZZ_DUMP") is not { Length: > 0 } folder)
        {
            return;
        }

        Directory.CreateDirectory(folder);
        var text = string.Join("\n\n", inputs.Select((input, i) => input.Describe(first + i, maxBody: 200_000)));
        File.WriteAllText(Path.Combine(folder, $"inputs-{first:D6}.txt"), text, new UTF8Encoding(false, false));
    }
}

/// <summary>An input with what the endpoint's rules say it must get (<see cref="FuzzOracle"/>).</summary>
internal sealed record Judged(int Index, FuzzInput Input, Verdict Verdict, string Why)
{
    public Judged(int index, FuzzInput input, (Verdict Verdict, string Why) judged)
        : this(index, input, judged.Verdict, judged.Why)
    {
    }
}

/// <summary>One fuzz run against a host: sends inputs in parallel with a bound on each, and records what came back.</summary>
internal sealed class FuzzRun(BotTestHost host)
{
    private readonly ConcurrentDictionary<string, string> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _answers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _elapsed = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _verdicts = new(StringComparer.Ordinal);
    private int _sent;

    public sealed record Failure(int Index, string Message);

    public ConcurrentBag<Failure> Failures { get; } = [];

    public int Sent => Volatile.Read(ref _sent);

    /// <summary>Counts by kind of input (its first word) and status, e.g. "card 200: 4100".</summary>
    public string Summary() =>
        string.Join(", ", _answers.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}: {a.Value}"))
        + "; mean ms by kind: "
        + string.Join(", ", _elapsed.OrderBy(a => a.Key, StringComparer.Ordinal)
            .Select(e => $"{e.Key} {e.Value / Math.Max(1, CountOfKind(e.Key))}"));

    private int CountOfKind(string kind) =>
        _answers.Where(a => a.Key.StartsWith(kind + " ", StringComparison.Ordinal)).Sum(a => a.Value);

    public string Verdicts() =>
        string.Join(", ", _verdicts.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => $"{v.Key}: {v.Value}"));

    public async Task SendAllAsync(IEnumerable<Judged> inputs, int parallel, TimeSpan hangAfter) =>
        await System.Threading.Tasks.Parallel.ForEachAsync(inputs, new ParallelOptions { MaxDegreeOfParallelism = parallel },
            async (item, _) =>
            {
                _verdicts.AddOrUpdate(item.Verdict + (item.Why.Length > 0 ? " (" + item.Why + ")" : ""), 1, (_, c) => c + 1);
                var status = await SendAsync(item.Index, item.Input, hangAfter);
                if (status is { } answered && !Fits(item, answered))
                {
                    Failures.Add(new Failure(item.Index, $"{answered} for {item.Verdict} ({item.Why}): {item.Input.Describe(item.Index)}"));
                }
            });

    /// <summary>Malformed: 400; over the cap: 413; refused: a 4xx, or the polite "not set up" (200) for another tenant.</summary>
    private static bool Fits(Judged item, int status) => item.Verdict switch
    {
        Verdict.Malformed => status == 400,
        Verdict.TooLarge => status == 413,
        Verdict.NotJson => status == 415,
        Verdict.Refused => status is >= 400 and < 500 || (item.Why == "tenant" && status == 200),
        _ => status < 500,
    };

    public async Task<int?> SendAsync(int index, FuzzInput input, TimeSpan hangAfter)
    {
        using var timeout = new CancellationTokenSource(hangAfter);
        using var request = new HttpRequestMessage(new HttpMethod(input.Method), input.Path);
        if (input.Method == "POST")
        {
            request.Content = new ByteArrayContent(input.RawBytes ?? Encoding.UTF8.GetBytes(input.Body));
            if (input.ContentType.Length > 0 && MediaTypeHeaderValue.TryParse(input.ContentType, out var type))
            {
                request.Content.Headers.ContentType = type;
            }
        }

        if (input.TokenServiceUrl is { } serviceUrl)
        {
            var token = _tokens.GetOrAdd(serviceUrl, url => host.Issuer.CreateToken(BotTestHost.AppId, url));
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        }

        Interlocked.Increment(ref _sent);
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await host.Client.SendAsync(request, timeout.Token);
            var body = await response.Content.ReadAsByteArrayAsync(timeout.Token);
            var status = (int)response.StatusCode;
            _elapsed.AddOrUpdate(input.Kind.Split(' ')[0], _ => (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                (_, total) => total + (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            _answers.AddOrUpdate($"{input.Kind.Split(' ')[0]} {status}", 1, (_, c) => c + 1);
            if (FailedTurn.Of(status, System.Text.Encoding.UTF8.GetString(body)))
            {
                Failures.Add(new Failure(index, $"{status}, a turn failed on the bot's side, for {input.Describe(index)}"));
            }

            return status;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            Failures.Add(new Failure(index, $"No answer within {hangAfter.TotalSeconds:F0} s (a hang) for {input.Describe(index)}"));
        }
        catch (HttpRequestException ex)
        {
            Failures.Add(new Failure(index, $"The connection failed ({ex.Message}) for {input.Describe(index)}"));
        }

        return null;
    }
}
