using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using WorkshopBot.Hosting;
using WorkshopBot.Protocol.Connector;
using WorkshopBot.Operations.Telemetry;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Benchmarks;

/// <summary>
/// The bot under load runs in a process of its own, so that its CPU and memory are measured apart from the load client
/// and the fake Teams. The child is this program started with <see cref="ChildCommand"/>: it reads the bot's settings as
/// one JSON line on standard input, starts the bot in production mode on a loopback port, writes "listening URL" and runs
/// until its standard input closes. It runs with the server garbage collector and the old generation compacted as the
/// deployed bot's are (its runtimeconfig sets System.GC.Server and System.GC.ConserveMemory; this program's does not).
/// </summary>
internal sealed class VoteBotProcess : IAsyncDisposable
{
    public const string ChildCommand = "votes-bot";
    private const string Listening = "listening ";

    private readonly Process _process;

    private VoteBotProcess(Process process, string baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
    }

    /// <summary>http://127.0.0.1:{port}/</summary>
    public string BaseUrl { get; }

    /// <summary>The bot's process id (to attach a profiler: dotnet-trace collect -p ID).</summary>
    public int ProcessId => _process.Id;

    /// <summary>CPU the bot's process has used so far (user and kernel).</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <summary>The bot process's peak resident set (VmHWM), in MB.</summary>
    public long PeakWorkingSetMb
    {
        get
        {
            _process.Refresh();
            return _process.PeakWorkingSet64 / (1024 * 1024);
        }
    }

    public static async Task<VoteBotProcess> StartAsync(IReadOnlyDictionary<string, string?> settings)
    {
        var self = typeof(VoteBotProcess).Assembly.Location;
        var host = Environment.ProcessPath ?? "dotnet";
        var start = new ProcessStartInfo
        {
            FileName = host,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            start.ArgumentList.Add(self);
        }

        start.ArgumentList.Add(ChildCommand);
        start.Environment["DOTNET_gcServer"] = "1";
        start.Environment["DOTNET_GCConserveMemory"] = "7"; // System.GC.ConserveMemory in src/WorkshopBot/WorkshopBot.csproj
        // The load client may run its sockets' completions inline (LoadConnections); the bot runs as deployed.
        start.Environment.Remove("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS");
        var process = Process.Start(start) ?? throw new InvalidOperationException("The bot process did not start.");
        await process.StandardInput.WriteLineAsync(JsonSerializer.Serialize(settings));
        await process.StandardInput.FlushAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith(Listening, StringComparison.Ordinal))
            {
                return new VoteBotProcess(process, line[Listening.Length..]);
            }
        }

        throw new InvalidOperationException($"The bot process ended before it listened (exit code {process.ExitCode}).");
    }

    /// <summary>The null endpoint answers these bytes from now on (a real ballot the warm-up received).</summary>
    public static async Task SetNullAnswerAsync(HttpClient client, byte[] body)
    {
        using var response = await client.PutAsync("bench/null-answer", new ByteArrayContent(body));
        response.EnsureSuccessStatusCode();
    }

    /// <summary>The bot's JIT counters so far.</summary>
    public static async Task<RuntimeCounters> RuntimeCountersAsync(HttpClient client) =>
        await client.GetFromJsonAsync<RuntimeCounters>("bench/runtime")
            ?? throw new InvalidOperationException("The bot did not report its runtime counters.");

    public async ValueTask DisposeAsync()
    {
        _process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    /// <summary>
    /// The bot's host with the benchmark's settings: the deployed bot's host arguments (settings read once, not watched),
    /// the benchmark's folder as content root, production mode, no logging.
    /// </summary>
    public static WebApplicationBuilder CreateBuilder(IReadOnlyDictionary<string, string?> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = WorkshopBotHost.Options([]).Args,
            ContentRootPath = settings["Bench:DataFolder"],
            EnvironmentName = "Production",
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        builder.AddWorkshopBot();
        return builder;
    }

    /// <summary>The child: the bot with the benchmark's fakes, until standard input closes.</summary>
    public static async Task<int> RunChildAsync()
    {
        var settings = JsonSerializer.Deserialize<Dictionary<string, string?>>(Console.ReadLine() ?? "{}") ?? [];
        var nullAnswer = "{}"u8.ToArray();
        var threadSwitches = new Dictionary<string, long>(StringComparer.Ordinal);
        var builder = CreateBuilder(settings);
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Services.RemoveAll<IBotTokenProvider>();
        builder.Services.AddSingleton<IBotTokenProvider>(new FakeBotTokenProvider());
        await using var app = builder.Build();
        app.MapWorkshopBot();
        // The null-endpoint anchor: reads the vote as the bot would (the whole JSON body) and answers a real ballot's bytes.
        app.MapPost("/bench/null", async (HttpContext context) =>
        {
            using var vote = await JsonDocument.ParseAsync(context.Request.Body);
            context.Response.ContentType = "application/json";
            await context.Response.Body.WriteAsync(Volatile.Read(ref nullAnswer));
        });
        // What the runtime spent compiling so far (every thread) and allocated (precise: the imprecise count leaves out what
        // the current allocation regions hold, and a step of PostgreSQL votes showed 0 KB), read around each step.
        app.MapGet("/bench/runtime", () => Results.Json(new RuntimeCounters(
            System.Runtime.JitInfo.GetCompilationTime().TotalMilliseconds,
            System.Runtime.JitInfo.GetCompiledMethodCount(),
            GC.GetTotalAllocatedBytes(precise: true),
            Transactions(app.Services.GetService<IStoreCommitter>()),
            ThreadSwitches(threadSwitches))));
        app.MapPut("/bench/null-answer", async (HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            Volatile.Write(ref nullAnswer, body.ToArray());
        });
        await app.StartAsync();
        Console.WriteLine(Listening + LoopbackServer.BaseUrl(app));
        while (await Console.In.ReadLineAsync() is not null)
        {
        }

        await app.StopAsync();
        return 0;
    }

    /// <summary>Transactions the store's group commit has begun so far (zero if its committer is not the usual one).</summary>
    private static long Transactions(IStoreCommitter? committer) => committer switch
    {
        SqlStoreCommitter sql => sql.Batches,
        ObservedStoreCommitter observed => Transactions(observed.Inner),
        _ => 0,
    };

    /// <summary>
    /// Context switches of the process's threads so far, voluntary and not (Linux /proc; zero elsewhere). A thread that has
    /// ended keeps the count it had when last read (<paramref name="seen"/>, by thread id), so the total never goes back;
    /// what a thread did after it was last read and before it ended is not counted, so across a step this is a lower bound.
    /// </summary>
    private static long ThreadSwitches(Dictionary<string, long> seen)
    {
        const string tasks = "/proc/self/task";
        if (!Directory.Exists(tasks))
        {
            return 0;
        }

        lock (seen)
        {
            foreach (var task in Directory.EnumerateDirectories(tasks))
            {
                try
                {
                    var count = 0L;
                    foreach (var line in File.ReadLines(Path.Combine(task, "status")))
                    {
                        if (line.StartsWith("voluntary_ctxt_switches:", StringComparison.Ordinal)
                            || line.StartsWith("nonvoluntary_ctxt_switches:", StringComparison.Ordinal))
                        {
                            count += long.Parse(line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim(),
                                CultureInfo.InvariantCulture);
                        }
                    }

                    // A thread id the kernel gave again to a new thread starts below the count kept: keep the larger.
                    var id = Path.GetFileName(task);
                    seen[id] = Math.Max(count, seen.GetValueOrDefault(id));
                }
                catch (IOException)
                {
                    // The thread ended while it was read: its count stays as last read.
                }
            }

            return seen.Values.Sum();
        }
    }
}

/// <summary>
/// Milliseconds the bot's runtime has spent compiling methods, how many methods it compiled, what it allocated, the store's
/// transactions (one per group commit) and its threads' context switches.
/// </summary>
internal sealed record RuntimeCounters(double JitMs, long JitMethods, long AllocatedBytes, long Transactions, long ThreadSwitches);
