using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace WorkshopBot.Tests.Robustness;

/// <summary>
/// Records the errors the bot logs (a handler that threw, a failed commit), so a fuzz failure shows the exception behind
/// a 5xx rather than only the input that caused it.
/// </summary>
internal sealed class HandlerErrors : ILoggerProvider
{
    public ConcurrentQueue<string> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Recorder(this, categoryName);

    /// <summary>Distinct errors (exception type, message and first frames), most frequent first.</summary>
    public IEnumerable<string> Distinct(int frames = 6) => Entries
        .Select(e => string.Join('\n', e.Split('\n').Take(frames + 1)))
        .GroupBy(e => e, StringComparer.Ordinal)
        .OrderByDescending(g => g.Count())
        .Select(g => $"{g.Count()}x {g.Key}");

    public void Dispose()
    {
    }

    private sealed class Recorder(HandlerErrors owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
            Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Error)
            {
                owner.Entries.Enqueue($"{category}: {formatter(state, exception)} {exception}");
            }
        }
    }
}
