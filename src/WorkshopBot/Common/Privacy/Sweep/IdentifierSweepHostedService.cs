namespace WorkshopBot.Common.Privacy.Sweep;

/// <summary>
/// Runs the <see cref="IdentifierSweep"/> at start-up, in <see cref="IHostedLifecycleService.StartingAsync"/> after the
/// schema migrations (registered after them) and before the server takes any activity. A failure is logged and start-up
/// goes on: the sweep is not recorded as done, so the next start-up runs it again.
/// </summary>
internal sealed partial class IdentifierSweepHostedService(IdentifierSweep sweep, ILogger<IdentifierSweepHostedService> logger)
    : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        try
        {
            await sweep.RunOnceAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(ex.GetType().Name);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    // The type only: an exception's message could quote what it was reading.
    [LoggerMessage(EventId = 3305, Level = LogLevel.Error,
        Message = "Identifier sweep failed ({ErrorType}); WorkshopBot starts, and the next start-up runs the sweep again")]
    private partial void LogFailed(string errorType);
}
