using System.ComponentModel;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using WorkshopBot.Protocol.Auth;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Playground;

/// <summary>
/// Starts the real bot (the built WorkshopBot.dll as a child process, SQLite in a temp folder, no app id, so
/// development mode) and the real Microsoft 365 Agents Playground (npm package in tests/tools) pointed at it, both
/// on 127.0.0.1, with a mock tenant from a config file and telemetry kept offline. One fresh pair per test class:
/// the Playground keeps its state in memory only. Disposing kills both process trees and deletes the temp folder.
/// </summary>
public sealed partial class PlaygroundSession : IAsyncLifetime
{
    // The mock tenant in tests/Playground/m365agentsplayground.yml (also what the README suggests to newcomers); the
    // Playground's own default tenant uses real-looking names. These constants must match that file.
    public const string TenantId = "00000000-0000-0000-0000-00000000a001";
    public const string BotId = "00000000-0000-0000-0000-00000000b001";
    public const string CurrentUserId = "29:playground-chair";
    public const string CurrentUserAadObjectId = "00000000-0000-0000-0000-00000000c000";

    public const string PersonalChatId = "a:playground-personal-chat";

    private const string PlaygroundVersion = "0.2.28";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly string _temp = Path.Combine(Path.GetTempPath(), "workshopbot-playground-" + Guid.NewGuid().ToString("N"));
    private ChildProcess? _bot;
    private ChildProcess? _playground;

    public PlaygroundSession()
    {
        RepositoryRoot = Support.RepositoryRoot.Find();
        ToolsDirectory = Path.Combine(RepositoryRoot, "tests", "tools");
    }

    public string RepositoryRoot { get; }

    public string ToolsDirectory { get; }

    /// <summary>The Playground's web UI and HTTP surface, e.g. http://127.0.0.1:41234/.</summary>
    public Uri Playground { get; private set; } = new("http://127.0.0.1/");

    /// <summary>The bot's base address, e.g. http://127.0.0.1:41235/.</summary>
    public Uri Bot { get; private set; } = new("http://127.0.0.1/");

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Both processes' output, for failure messages.</summary>
    public string Diagnostics =>
        $"--- bot ({Bot}) output ---\n{_bot?.Output ?? "(not started)"}\n"
        + $"--- Agents Playground ({Playground}) output ---\n{_playground?.Output ?? "(not started)"}";

    public async Task InitializeAsync()
    {
        using var budget = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            Directory.CreateDirectory(_temp);
            var node = EnsurePlaygroundInstalled();
            await StartBotAsync(budget.Token);
            await StartPlaygroundAsync(node, budget.Token);
        }
        catch (Exception e)
        {
            var diagnostics = Diagnostics;
            await DisposeAsync();
            throw new InvalidOperationException($"Could not start the bot and the Agents Playground: {e.Message}\n{diagnostics}", e);
        }
    }

    /// <summary>
    /// Runs a test body with a 5-minute budget (generous: a walkthrough of a dozen round trips through two child
    /// processes on a loaded 2-core CI machine); any failure is rethrown with both processes' output attached, so
    /// a red test says what the bot and the Playground were doing.
    /// </summary>
    public async Task RunAsync(Func<CancellationToken, Task> body, Func<string>? extraDiagnostics = null)
    {
        using var budget = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await body(budget.Token);
        }
        catch (Exception e)
        {
            var extra = extraDiagnostics?.Invoke();
            throw new InvalidOperationException(
                $"{e.GetType().Name}: {e.Message}\n{(extra is null ? string.Empty : extra + "\n")}{Diagnostics}", e);
        }
    }

    public async Task DisposeAsync()
    {
        if (_playground is not null)
        {
            await _playground.DisposeAsync();
        }

        if (_bot is not null)
        {
            await _bot.DisposeAsync();
        }

        try
        {
            if (Directory.Exists(_temp))
            {
                Directory.Delete(_temp, recursive: true);
            }
        }
        catch (IOException)
        {
            // A file still held open by a dying process; the OS cleans the temp folder eventually.
        }
    }

    /// <summary>
    /// The full command line a newcomer would use is `npx @microsoft/m365agentsplayground`; the test uses the copy
    /// locked in tests/tools so the version is pinned and nothing is fetched while tests run.
    /// </summary>
    private string EnsurePlaygroundInstalled()
    {
        var node = FindOnPath("node") ?? throw new InvalidOperationException(
            "node is not on PATH. The Agents Playground end-to-end tests need Node.js 20+ and npm: "
            + "run `bash .ci/run` (installs the test prerequisites) or install Node.js and run `npm ci --prefix tests/tools`.");
        var package = Path.Combine(ToolsDirectory, "node_modules", "@microsoft", "m365agentsplayground", "package.json");
        if (!File.Exists(package))
        {
            // node_modules may predate the Playground's addition to tests/tools/package.json; this class is in the
            // Node tools collection, so this `npm ci` never runs concurrently with another.
            var npm = FindOnPath("npm") ?? throw new InvalidOperationException(
                $"{package} is missing and npm is not on PATH: run `bash .ci/run` or install npm and run `npm ci --prefix tests/tools`.");
            var install = Run(npm, ["ci", "--prefix", ToolsDirectory, "--no-audit", "--no-fund"], RepositoryRoot);
            if (install.ExitCode != 0 || !File.Exists(package))
            {
                throw new InvalidOperationException(
                    "`npm ci --prefix tests/tools` failed (run `bash .ci/run` to install the test prerequisites):\n"
                    + install.StandardError);
            }
        }

        var version = JsonDocument.Parse(File.ReadAllText(package)).RootElement.GetProperty("version").GetString();
        if (version != PlaygroundVersion)
        {
            throw new InvalidOperationException(
                $"tests/tools has @microsoft/m365agentsplayground {version}, the tests expect {PlaygroundVersion}: "
                + "run `npm ci --prefix tests/tools`.");
        }

        return node;
    }

    private async Task StartBotAsync(CancellationToken cancellationToken)
    {
        var dll = FindBotAssembly();
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)
            ? host
            : FindOnPath("dotnet") ?? throw new InvalidOperationException("dotnet is not on PATH.");

        // Port 0: Kestrel picks a free port and logs it, so no other process can take it in between.
        _bot = ChildProcess.Start(
            "bot",
            dotnet,
            [dll, "--urls", "http://127.0.0.1:0"],
            Path.GetDirectoryName(dll)!,
            new Dictionary<string, string?>
            {
                ["ASPNETCORE_URLS"] = null,
                ["Storage__Provider"] = "Sqlite",
                ["Storage__SqlitePath"] = Path.Combine(_temp, "workshopbot.db"),
                // No app id = development mode: no inbound auth, loopback only, outbound only to loopback serviceUrls. As
                // `dotnet run` does (launchSettings.json), the Development environment, without which that mode does not start.
                ["ASPNETCORE_ENVIRONMENT"] = "Development",
                ["DOTNET_ENVIRONMENT"] = null,
                ["MicrosoftAppId"] = string.Empty,
                ["MicrosoftAppPassword"] = string.Empty,
                ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
                ["Logging__Console__FormatterName"] = "simple",
            });

        var listening = await _bot.WaitForLineAsync(NowListening(), StartTimeout, cancellationToken);
        Bot = new Uri(listening.Groups["url"].Value.TrimEnd('/') + "/");
        using var health = await Http.GetAsync(new Uri(Bot, "healthz"), cancellationToken);
        if (health.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"The bot's /healthz answered {(int)health.StatusCode}.");
        }
    }

    private async Task StartPlaygroundAsync(string node, CancellationToken cancellationToken)
    {
        var port = FreeLoopbackPort();
        var configPath = Path.Combine(RepositoryRoot, "tests", "Playground", "m365agentsplayground.yml");

        _playground = ChildProcess.Start(
            "Agents Playground",
            node,
            [
                "--require", Path.Combine(ToolsDirectory, "playground-loopback.cjs"),
                Path.Combine(ToolsDirectory, "node_modules", ".bin", "agentsplayground"),
                "start",
                "-e", new Uri(Bot, "api/messages").ToString(),
                "-c", "msteams",
                "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                // Default is http://localhost:<port>/_connector; 127.0.0.1 matches where the preload binds it.
                "--service-url", $"http://127.0.0.1:{port}/_connector",
                "--disable-telemetry",
            ],
            _temp,
            new Dictionary<string, string?>
            {
                // Offline: its Application Insights client still starts despite --disable-telemetry.
                ["APPLICATION_INSIGHTS_NO_STATSBEAT"] = "true",
                ["APPLICATIONINSIGHTS_CONNECTION_STRING"] =
                    "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=http://127.0.0.1:9/",
                ["TEAMSAPPTESTER_BROWSER"] = "none",
                ["M365_AGENTS_PLAYGROUND_CONFIG_PATH"] = configPath,
                // Its console is also appended to a log file, by default ./devTools/ under the working directory.
                ["M365_AGENTS_PLAYGROUND_LOGFILE"] = Path.Combine(_temp, "m365agentsplayground.log"),
            });

        // It falls back to a random port when the given one is taken; the service URL above would then be wrong.
        var listening = await _playground.WaitForLineAsync(PlaygroundListening(), StartTimeout, cancellationToken);
        if (listening.Groups["port"].Value != port.ToString(System.Globalization.CultureInfo.InvariantCulture))
        {
            throw new InvalidOperationException(
                $"Port {port} was taken before the Playground bound it (it chose {listening.Groups["port"].Value}).");
        }

        Playground = new Uri($"http://127.0.0.1:{port}/");
        using var ping = await Http.GetAsync(new Uri(Playground, "_debug/ping"), cancellationToken);
        var pong = await ping.Content.ReadAsStringAsync(cancellationToken);
        if (ping.StatusCode != HttpStatusCode.OK || pong != "pong")
        {
            throw new InvalidOperationException($"/_debug/ping answered {(int)ping.StatusCode} {pong}.");
        }

        // A config file it cannot use would leave its default tenant in place; make sure ours is the one loaded.
        using var config = JsonDocument.Parse(await Http.GetStringAsync(new Uri(Playground, "_internal/v1/testConfig"), cancellationToken));
        var me = config.RootElement.GetProperty("config").GetProperty("currentUser").GetProperty("id").GetString();
        if (me != CurrentUserId)
        {
            throw new InvalidOperationException($"The Playground did not load the mock tenant in {configPath} (current user {me}).");
        }
    }

    private string FindBotAssembly()
    {
        // The test's output folder is tests/WorkshopBot.Tests/bin/{Configuration}/{TargetFramework}/; the bot's is the
        // same below src/WorkshopBot (built first, as the test project references it). Its own folder carries its
        // appsettings.json, as `dotnet run --project src/WorkshopBot` would.
        var relative = Path.GetRelativePath(Path.Combine(RepositoryRoot, "tests", "WorkshopBot.Tests"), AppContext.BaseDirectory);
        var candidates = new[]
        {
            Path.Combine(RepositoryRoot, "src", "WorkshopBot", relative, "WorkshopBot.dll"),
            Path.Combine(AppContext.BaseDirectory, "WorkshopBot.dll"),
        };
        return candidates.FirstOrDefault(c => File.Exists(c) && File.Exists(Path.ChangeExtension(c, ".runtimeconfig.json")))
            ?? throw new InvalidOperationException(
                $"WorkshopBot.dll not found (looked at {string.Join(", ", candidates)}): build the solution first.");
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    internal static string? FindOnPath(string command)
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator))
        {
            if (directory.Length == 0)
            {
                continue;
            }

            var candidate = Path.Combine(directory, command);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static ProcessResult Run(string fileName, IEnumerable<string> arguments, string workingDirectory)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            process.WaitForExit();
            return new ProcessResult(process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
        }
        catch (Win32Exception e)
        {
            return new ProcessResult(-1, string.Empty, e.Message);
        }
    }

    [GeneratedRegex(@"Now listening on: (?<url>http://127\.0\.0\.1:\d+)")]
    private static partial Regex NowListening();

    [GeneratedRegex(@"^Listening on (?<port>\d+)")]
    private static partial Regex PlaygroundListening();
}
