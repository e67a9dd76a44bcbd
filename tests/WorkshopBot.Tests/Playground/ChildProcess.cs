using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace WorkshopBot.Tests.Playground;

/// <summary>
/// A child process (the bot or the Playground) whose stdout and stderr are captured line by line, so a test can wait
/// for a line and put the whole output into a failure message. Disposing kills the whole process tree.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private const int MaxCapturedChars = 200_000;

    private readonly Process _process;
    private readonly Lock _gate = new();
    private readonly StringBuilder _output = new();
    private readonly List<(Regex Pattern, TaskCompletionSource<Match> Found)> _waiters = [];
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ChildProcess(string name, Process process)
    {
        Name = name;
        _process = process;
    }

    public string Name { get; }

    public bool HasExited => _exited.Task.IsCompleted;

    /// <summary>Everything the process wrote so far (stderr lines prefixed with "err: "), capped at 200,000 characters.</summary>
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

    public static ChildProcess Start(
        string name,
        string fileName,
        IEnumerable<string> arguments,
        string workingDirectory,
        IReadOnlyDictionary<string, string?> environment)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // Not the test host's stdin: a child that reads it (a prompt) must not hang or steal it.
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(key);
            }
            else
            {
                start.Environment[key] = value;
            }
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var child = new ChildProcess(name, process);
        process.OutputDataReceived += (_, e) => child.Append(e.Data, isError: false);
        process.ErrorDataReceived += (_, e) => child.Append(e.Data, isError: true);
        process.Exited += (_, _) => child._exited.TrySetResult();
        if (!process.Start())
        {
            throw new InvalidOperationException($"Could not start {name} ({fileName}).");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>
    /// Waits for an output line matching <paramref name="pattern"/> (lines already written count). Fails early if
    /// the process exits first, so a crash is reported at once rather than after the timeout.
    /// </summary>
    public async Task<Match> WaitForLineAsync(Regex pattern, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var found = new TaskCompletionSource<Match>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            foreach (var line in _output.ToString().Split('\n'))
            {
                var match = pattern.Match(line);
                if (match.Success)
                {
                    return match;
                }
            }

            _waiters.Add((pattern, found));
        }

        Task winner;
        try
        {
            winner = await Task.WhenAny(found.Task, _exited.Task).WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new InvalidOperationException($"{Name} wrote no line matching /{pattern}/ within {timeout.TotalSeconds:0} s.");
        }

        if (winner == found.Task)
        {
            return await found.Task.ConfigureAwait(false);
        }

        throw new InvalidOperationException($"{Name} exited (code {_process.ExitCode}) before writing a line matching /{pattern}/.");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                // Kill the tree: npx/node and dotnet may have children of their own.
                _process.Kill(entireProcessTree: true);
            }

            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            // The process was never started or is already gone: nothing to stop.
        }
        catch (OperationCanceledException)
        {
            // It did not die within 10 s of SIGKILL; nothing more a test can do.
        }
        finally
        {
            _process.Dispose();
        }
    }

    private void Append(string? line, bool isError)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            if (_output.Length < MaxCapturedChars)
            {
                _output.Append(isError ? "err: " : string.Empty).Append(line).Append('\n');
            }

            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                var match = _waiters[i].Pattern.Match(line);
                if (match.Success)
                {
                    _waiters[i].Found.TrySetResult(match);
                    _waiters.RemoveAt(i);
                }
            }
        }
    }
}
