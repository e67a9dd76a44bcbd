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
/// schema, every card verb's data, raw bodies and download links. None gets a 5xx, none hangs, and the bot still
/// answers a plain "help" afterwards. Half the inputs come from a fixed seed (the same every run), half from a seed
/// chosen per run and printed; WORKSHOPBOT_FUZZ_SEED replays a run's random half, WORKSHOPBOT_FUZZ_INPUTS changes the count.
/// </summary>
public sealed class FuzzedInputs(ITestOutputHelper output)
{
    private const ulong FixedSeed = 20_261_130;
    private const int DefaultInputs = 10_400;
    private const int BatchSize = 200;
    private const int Parallel = 8;
    private const int GenerationSize = 20;

    /// <summary>A request that takes longer than this is a hang (bounded generously: no test depends on a quiet machine).</summary>
    private static readonly TimeSpan HangAfter = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task TenThousandFuzzedInputsGetNo5xxAndNoHangAndTheBotStillAnswersHelp()
    {
        var count = int.TryParse(Environment.GetEnvironmentVariable("WORKSHOPBOT_FUZZ_INPUTS"), CultureInfo.InvariantCulture, out var n)
            ? n : DefaultInputs;
        var randomSeed = ulong.TryParse(Environment.GetEnvironmentVariable("WORKSHOPBOT_FUZZ_SEED"), CultureInfo.InvariantCulture,
            out var s) ? s : (ulong)System.Random.Shared.NextInt64(1, long.MaxValue);
        var seeds = $"fixed seed {FixedSeed}, random seed {randomSeed} (replay: WORKSHOPBOT_FUZZ_SEED={randomSeed})";
        output.WriteLine($"Fuzzing {count} inputs: {seeds}");

        var world = await FuzzWorld.CreateAsync();
        await using var scenario = world.Scenario;
        var router = world.Host.Get<ActivityRouter>();
        var activities = new ActivityFuzz(world, new CardDataFuzz(world, router.CardActionVerbs));
        var inputs = Gen.Frequency((88, activities.Input), (12, new RawBodyFuzz(world).Input));
        var run = new FuzzRun(world.Host);
        var clock = Stopwatch.StartNew();

        for (var batch = 0; batch * BatchSize < count; batch++)
        {
            // Even batches from the fixed seed, odd ones from the run's seed: each batch is reproducible on its own.
            var seed = (batch % 2 == 0 ? FixedSeed : randomSeed) + (ulong)batch;
            var size = Math.Min(BatchSize, count - (batch * BatchSize));
            var generated = Gen.Sample(inputs, size, new Rnd(seed), GenerationSize);
            Dump(generated, batch * BatchSize);
            await run.SendAllAsync(generated.Select((input, i) => (batch * BatchSize + i, input)), Parallel, HangAfter);
        }

        output.WriteLine($"Sent {run.Sent} inputs in {clock.Elapsed.TotalSeconds:F0} s; answers: {run.Summary()}");
        var failures = run.Failures.OrderBy(f => f.Index).ToList();
        foreach (var failure in failures.Take(30))
        {
            output.WriteLine(failure.Message);
        }

        Assert.True(run.Sent >= count, $"Only {run.Sent} of {count} inputs were sent.");
        Assert.True(failures.Count == 0,
            $"{failures.Count} inputs got a 5xx, hung or broke the connection ({seeds}). First:\n{failures.FirstOrDefault()?.Message}");
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

/// <summary>One fuzz run against a host: sends inputs in parallel with a bound on each, and records what came back.</summary>
internal sealed class FuzzRun(BotTestHost host)
{
    private readonly ConcurrentDictionary<string, string> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _answers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _elapsed = new(StringComparer.Ordinal);
    private int _sent;

    public sealed record Failure(int Index, string Message);

    public ConcurrentBag<Failure> Failures { get; } = [];

    public int Sent => Volatile.Read(ref _sent);

    /// <summary>Counts by kind of input (its first word) and status, e.g. "card 200: 4100".</summary>
    public string Summary() =>
        string.Join(", ", _answers.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}: {a.Value}"))
        + "; mean ms by kind: "
        + string.Join(", ", _elapsed.OrderBy(a => a.Key, StringComparer.Ordinal)
            .Select(e => $"{e.Key} {e.Value / Math.Max(1, _answers.Where(a => a.Key.StartsWith(e.Key + " ", StringComparison.Ordinal)).Sum(a => a.Value))}"));

    public async Task SendAllAsync(IEnumerable<(int Index, FuzzInput Input)> inputs, int parallel, TimeSpan hangAfter) =>
        await System.Threading.Tasks.Parallel.ForEachAsync(inputs, new ParallelOptions { MaxDegreeOfParallelism = parallel },
            async (item, _) => await SendAsync(item.Index, item.Input, hangAfter));

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
            await response.Content.ReadAsByteArrayAsync(timeout.Token);
            var status = (int)response.StatusCode;
            _elapsed.AddOrUpdate(input.Kind.Split(' ')[0], _ => (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                (_, total) => total + (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            _answers.AddOrUpdate($"{input.Kind.Split(' ')[0]} {status}", 1, (_, c) => c + 1);
            if (status >= 500)
            {
                Failures.Add(new Failure(index, $"{status} for {input.Describe(index)}"));
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
