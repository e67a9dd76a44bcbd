using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace WorkshopBot.Tests.Support;

/// <summary>One system call strace logged: the thread, the call, the file its descriptor names, and for a write its
/// length, offset and first bytes; <see cref="Completed"/> is false for the call the process was killed on.</summary>
internal sealed record TracedCall(int Thread, string Name, string Path, int Length, long Offset, byte[] Head, bool Completed)
{
    /// <summary>A frame header of SQLite's log (24 bytes) whose "database size after commit" is set: a commit's last frame.</summary>
    public bool IsCommitFrameHeader => Name == "pwrite64" && Length == 24 && Head.Length >= 8 && Head[4..8].Any(b => b != 0);

    /// <summary>A frame header of SQLite's log (24 bytes, one per page; the page follows in its own write).</summary>
    public bool IsFrameHeader => Name == "pwrite64" && Length == 24;

    /// <summary>The log's own header (32 bytes at offset 0): written by the first commit after the log was restarted.</summary>
    public bool IsLogHeader => Name == "pwrite64" && Length == 32 && Offset == 0;
}

/// <summary>
/// kill -9 at a chosen system call, with no hook in the bot: strace attached to the running bot (all its threads) sends it
/// SIGKILL on entering the first call of the chosen kind (that call does not run) and logs the calls it traces, so the test
/// reads where the process died and what it had written. strace counts calls per thread, so "the first" is exact whatever
/// thread makes it, and "the Nth" only for calls one thread makes in a row (a commit's writes: SQLite makes them in one
/// call); so it is attached once the bot is idle, just before the request whose call is chosen.
/// </summary>
internal sealed partial class StraceKill : IAsyncDisposable
{
    private readonly Process _strace;
    private readonly StringBuilder _errors = new();
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource _attached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly string _log;

    private StraceKill(Process strace, string log)
    {
        _strace = strace;
        _log = log;
    }

    /// <summary>Why these kills cannot run here (no strace, or attaching to another process is not allowed); null if they can.</summary>
    public static string? WhyNot()
    {
        var strace = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(folder => Path.Combine(folder, "strace")).FirstOrDefault(File.Exists);
        if (strace is null)
        {
            return "strace is not installed (apt-get install strace): the kills at chosen system calls need it. The random kills "
                + "of CrashRecovery run without it.";
        }

        return AttachRefused();
    }

    /// <summary>
    /// Why strace cannot attach here to a process it did not start, tried as the test does it (a sibling, not a parent):
    /// Yama's ptrace_scope, a container without CAP_SYS_PTRACE or a seccomp profile may each forbid it; null if it attached.
    /// </summary>
    private static string? AttachRefused()
    {
        using var target = Process.Start(new ProcessStartInfo("sleep", "30") { UseShellExecute = false })!;
        var probe = new ProcessStartInfo("strace")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-e", "trace=none", "-o", "/dev/null", "-p", target.Id.ToString(CultureInfo.InvariantCulture) })
        {
            probe.ArgumentList.Add(argument);
        }

        using var strace = Process.Start(probe)!;
        var said = new StringBuilder();
        using var attached = new ManualResetEventSlim();
        strace.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (said)
            {
                said.Append(e.Data).Append(' ');
            }

            if (e.Data.Contains("attached", StringComparison.Ordinal))
            {
                attached.Set();
            }
        };
        strace.BeginErrorReadLine();
        // Until it says it attached, or ends (refused), or 10 s pass.
        var waited = Stopwatch.StartNew();
        while (!attached.Wait(50) && !strace.HasExited && waited.Elapsed < TimeSpan.FromSeconds(10))
        {
        }

        var ok = attached.IsSet && !strace.HasExited;
        target.Kill();
        strace.WaitForExit(10_000);
        lock (said)
        {
            return ok ? null : $"strace could not attach to a process here ({said.ToString().Trim()}): allow ptrace (Yama's "
                + "kernel.yama.ptrace_scope 0, or CAP_SYS_PTRACE in a container) to run the kills at chosen system calls.";
        }
    }

    /// <summary>
    /// Attaches to <paramref name="pid"/> and returns once every thread is traced. <paramref name="filter"/> is strace's own
    /// (<c>-e trace=...</c>, <c>-e inject=...:signal=KILL:when=1</c>, <c>-P path</c>).
    /// </summary>
    public static async Task<StraceKill> AttachAsync(int pid, params string[] filter)
    {
        var log = Path.Combine(Path.GetTempPath(), $"workshopbot-strace-{Guid.NewGuid():N}.log");
        var start = new ProcessStartInfo("strace")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        // -y names each descriptor's file, -xx -s 8 prints a write's first 8 bytes in hex; signals are not logged.
        string[] arguments = ["-f", "-y", "-xx", "-s", "8", "-e", "signal=none", "-o", log, .. filter,
            "-p", pid.ToString(CultureInfo.InvariantCulture)];
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var kill = new StraceKill(process, log);
        var attached = $"Process {pid} attached";
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (kill._gate)
            {
                kill._errors.Append(e.Data).Append('\n');
            }

            if (e.Data.Contains(attached, StringComparison.Ordinal))
            {
                kill._attached.TrySetResult();
            }
        };
        process.Exited += (_, _) => kill._attached.TrySetException(new InvalidOperationException("strace ended."));
        process.Start();
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        try
        {
            await kill._attached.Task.WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
        {
            var said = kill.Errors;
            await kill.DisposeAsync();
            throw new InvalidOperationException($"strace did not attach to the bot ({ex.Message}): {said}", ex);
        }

        return kill;
    }

    /// <summary>What strace wrote on its standard error (attachments, complaints).</summary>
    public string Errors
    {
        get
        {
            lock (_gate)
            {
                return _errors.ToString();
            }
        }
    }

    /// <summary>Waits for strace to end, as it does once the process it traces is dead, and returns the calls it logged.</summary>
    public async Task<IReadOnlyList<TracedCall>> CallsAsync()
    {
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await _strace.WaitForExitAsync(wait.Token);
        var calls = new List<TracedCall>();
        var unfinished = new Dictionary<int, int>();
        foreach (var line in File.ReadLines(_log))
        {
            if (Resumed().Match(line) is { Success: true } resumed)
            {
                // A call another thread's call interrupted in the log ("<unfinished ...>"), resumed with its result.
                if (unfinished.Remove(int.Parse(resumed.Groups["thread"].Value, CultureInfo.InvariantCulture), out var index))
                {
                    calls[index] = calls[index] with { Completed = true };
                }
            }
            else if (Parse(line) is { } call)
            {
                if (line.EndsWith("<unfinished ...>", StringComparison.Ordinal))
                {
                    unfinished[call.Thread] = calls.Count;
                }

                calls.Add(call);
            }
        }

        return calls;
    }

    /// <summary>The call named <paramref name="name"/> that never returned (the process was killed on it), if any.</summary>
    public static TracedCall? KilledOn(IReadOnlyList<TracedCall> calls, string name) =>
        calls.LastOrDefault(c => !c.Completed && c.Name == name);

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_strace.HasExited)
            {
                _strace.Kill();
                using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await _strace.WaitForExitAsync(wait.Token);
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or OperationCanceledException)
        {
            // Already gone.
        }
        finally
        {
            _strace.Dispose();
            File.Delete(_log);
        }
    }

    private static TracedCall? Parse(string line)
    {
        if (Call().Match(line) is not { Success: true } call)
        {
            return null;
        }

        var args = call.Groups["args"].Value;
        var write = WriteArguments().Match(args);
        var completed = Result().IsMatch(args);
        return new TracedCall(int.Parse(call.Groups["thread"].Value, CultureInfo.InvariantCulture), call.Groups["name"].Value,
            Encoding.UTF8.GetString(Hex(call.Groups["path"].Value)),
            write.Success ? int.Parse(write.Groups["length"].Value, CultureInfo.InvariantCulture) : 0,
            write.Success ? long.Parse(write.Groups["offset"].Value, CultureInfo.InvariantCulture) : 0,
            write.Success ? Hex(write.Groups["head"].Value) : [], completed);
    }

    /// <summary>The bytes of strace's -xx text ("\x2f\x74..."); other characters are taken as they are.</summary>
    private static byte[] Hex(string text) =>
        [.. HexByte().Matches(text).Select(m => byte.Parse(m.Groups[1].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture))];

    [GeneratedRegex(@"^(?<thread>\d+)\s+(?<name>\w+)\(\d+<(?<path>[^>]*)>(?<args>.*)$")]
    private static partial Regex Call();

    [GeneratedRegex(@"^, ""(?<head>(?:\\x[0-9a-f]{2})*)""(?:\.\.\.)?, (?<length>\d+), (?<offset>\d+)")]
    private static partial Regex WriteArguments();

    [GeneratedRegex(@"^(?<thread>\d+)\s+<\.\.\. \w+ resumed>.*\) = \d+$")]
    private static partial Regex Resumed();

    [GeneratedRegex(@"\) = \d+$")]
    private static partial Regex Result();

    [GeneratedRegex(@"\\x([0-9a-f]{2})")]
    private static partial Regex HexByte();
}

/// <summary>A fact that kills the bot at chosen system calls with strace: skipped, with the reason, where that cannot run.</summary>
public sealed class StraceFactAttribute : FactAttribute
{
    public StraceFactAttribute()
    {
        if (StraceKill.WhyNot() is { } reason)
        {
            Skip = reason;
        }
    }
}
