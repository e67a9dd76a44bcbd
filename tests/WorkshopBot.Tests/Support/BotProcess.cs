using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace WorkshopBot.Tests.Support;

/// <summary>
/// The built bot as an operator runs it: <c>dotnet WorkshopBot.dll</c> in its own process, started from a working
/// folder of the test's choosing with the environment variables it gives (and none of the test host's ASP.NET or
/// bot settings), its stdout and stderr captured.
/// </summary>
public sealed partial class BotProcess : IAsyncDisposable
{
    private static readonly string[] InheritedSettings =
    [
        "ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT", "ASPNETCORE_CONTENTROOT",
        "IDENTITY_ENDPOINT", "IDENTITY_HEADER", "MSI_ENDPOINT", "MSI_SECRET", "IMDS_ENDPOINT", "IDENTITY_SERVER_THUMBPRINT",
    ];

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<(string Text, TaskCompletionSource Seen)> _awaited = [];

    private BotProcess(Process process) => _process = process;

    /// <summary>The folder of the bot's build output (its appsettings.json is there).</summary>
    public static string AppFolder => Path.GetDirectoryName(DllPath)!;

    public static string DllPath
    {
        get
        {
            var root = RepositoryRoot.Find();
            var relative = Path.GetRelativePath(Path.Combine(root, "tests", "WorkshopBot.Tests"), AppContext.BaseDirectory);
            var dll = Path.Combine(root, "src", "WorkshopBot", relative, "WorkshopBot.dll");
            return File.Exists(dll) ? dll : throw new InvalidOperationException($"{dll} not found: build the solution first.");
        }
    }

    /// <summary>stdout and stderr so far (stderr lines prefixed with "err: ").</summary>
    public string Output
    {
        get
        {
            lock (_gate)
            {
                return _output.ToString();
            }
        }
    }

    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    /// <summary>The process id (for a tracer to attach to).</summary>
    public int Id => _process.Id;

    public static BotProcess Start(string workingFolder, IReadOnlyDictionary<string, string?> environment, params string[] arguments) =>
        Start(DllPath, workingFolder, environment, arguments);

    public static BotProcess Start(
        string dll, string workingFolder, IReadOnlyDictionary<string, string?> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = workingFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var key in start.Environment.Keys.Where(IsBotSetting).ToList())
        {
            start.Environment.Remove(key);
        }

        start.Environment["Logging__Console__FormatterName"] = "simple";
        start.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var bot = new BotProcess(process);
        process.OutputDataReceived += (_, e) => bot.Append(e.Data, false);
        process.ErrorDataReceived += (_, e) => bot.Append(e.Data, true);
        process.Exited += (_, _) => bot._listening.TrySetException(new InvalidOperationException("The bot exited."));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return bot;
    }

    /// <summary>The address Kestrel logged ("Now listening on: ..."); fails with the output if the bot exits first.</summary>
    public async Task<Uri> WaitUntilListeningAsync(TimeSpan? timeout = null)
    {
        try
        {
            return await _listening.Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(60));
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
        {
            throw new InvalidOperationException($"The bot is not listening ({ex.Message}). Output:\n{Output}", ex);
        }
    }

    /// <summary>
    /// Waits until the output holds <paramref name="text"/> (a command that says it paused); fails with the output if the
    /// process exits first.
    /// </summary>
    public async Task WaitForOutputAsync(string text, TimeSpan? timeout = null)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (_output.ToString().Contains(text, StringComparison.Ordinal))
            {
                return;
            }

            _awaited.Add((text, seen));
        }

        var exited = _process.WaitForExitAsync();
        using var wait = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        var first = await Task.WhenAny(seen.Task, exited, Task.Delay(Timeout.Infinite, wait.Token));
        if (first != seen.Task && !seen.Task.IsCompleted)
        {
            throw new InvalidOperationException($"The process did not write \"{text}\". Output:\n{Output}");
        }
    }

    /// <summary>Writes a line to the process's standard input.</summary>
    public async Task WriteLineAsync(string line)
    {
        await _process.StandardInput.WriteLineAsync(line);
        await _process.StandardInput.FlushAsync();
    }

    /// <summary>Waits for the process to end (a start that must fail) and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan? timeout = null)
    {
        using var wait = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        try
        {
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            throw new InvalidOperationException($"The bot is still running. Output:\n{Output}");
        }

        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>
    /// kill -9: the process ends at once, with no shutdown of any kind. Returns once the process is gone (SIGKILL is
    /// delivered asynchronously), so that whatever the caller does next happens after the process's last write.
    /// </summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(TimeSpan.FromSeconds(30));
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await _process.WaitForExitAsync(wait.Token);
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or OperationCanceledException)
        {
            // Already gone, or did not die within 10 s of SIGKILL.
        }
        finally
        {
            _process.Dispose();
        }
    }

    private static bool IsBotSetting(string key) =>
        InheritedSettings.Contains(key, StringComparer.OrdinalIgnoreCase)
        || key.StartsWith("Microsoft", StringComparison.OrdinalIgnoreCase)
        || key.StartsWith("Storage__", StringComparison.OrdinalIgnoreCase)
        || key.StartsWith("WorkshopBot__", StringComparison.OrdinalIgnoreCase);

    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    private void Append(string? line, bool isError)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            _output.Append(isError ? "err: " : "").Append(line).Append('\n');
            foreach (var awaited in _awaited.Where(a => line.Contains(a.Text, StringComparison.Ordinal)).ToList())
            {
                awaited.Seen.TrySetResult();
                _awaited.Remove(awaited);
            }
        }

        if (NowListening().Match(line) is { Success: true } match)
        {
            _listening.TrySetResult(new Uri(match.Groups["url"].Value.TrimEnd('/') + "/"));
        }
    }

    [GeneratedRegex(@"Now listening on: (?<url>http://\S+)")]
    private static partial Regex NowListening();
}
