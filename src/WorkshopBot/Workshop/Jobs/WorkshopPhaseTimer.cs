using Microsoft.Extensions.Options;
using WorkshopBot.Common;
using WorkshopBot.Workshop.Domain;
using WorkshopBot.Workshop.Teams;

namespace WorkshopBot.Workshop.Jobs;

/// <summary>Closes polls whose phase timer has run out.</summary>
public sealed partial class WorkshopPhaseTimer(
    IServiceScopeFactory scopes,
    TimeProvider time,
    IOptions<WorkshopOptions> options,
    ILogger<WorkshopPhaseTimer> logger) : BackgroundService
{
    public static readonly PersonRef TimerActor = new("workshop-timer", "Phase timer");

    /// <summary>Closes every open poll that is due now. Returns how many were closed.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var votes = scope.ServiceProvider.GetRequiredService<IWorkshopVoteStore>();
        var phases = scope.ServiceProvider.GetRequiredService<PollPhases>();
        var closed = 0;
        foreach (var due in await votes.ListDueToCloseAsync(time.GetUtcNow(), cancellationToken).ConfigureAwait(false))
        {
            var changed = await phases.ApplyAsync(due.WorkshopId, due.PollId, PhaseActions.Close, TimerActor, cancellationToken,
                onlyWhenTimerRanOut: true).ConfigureAwait(false);
            if (changed.Saved)
            {
                closed++;
                LogClosed(due.PollId);
            }
            // A poll still open was reopened with a fresh deadline after the list was read: leave it running.
            else if (changed.Value?.FindPoll(due.PollId) is not { IsOpen: true })
            {
                await phases.ForceClosedAsync(due.PollId, cancellationToken).ConfigureAwait(false);
            }
        }

        return closed;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.RunTimerInBackground)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken).ConfigureAwait(false);
                await Task.Delay(options.Value.TimerPollInterval, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogFailed(ex);
                try
                {
                    await Task.Delay(options.Value.TimerPollInterval, time, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    [LoggerMessage(EventId = 4201, Level = LogLevel.Information, Message = "Phase timer closed poll {PollId}")]
    private partial void LogClosed(string pollId);

    [LoggerMessage(EventId = 4202, Level = LogLevel.Warning, Message = "Phase timer run failed")]
    private partial void LogFailed(Exception exception);
}
