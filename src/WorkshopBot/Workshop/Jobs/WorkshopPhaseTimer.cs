using Microsoft.Extensions.Options;
using WorkshopBot.Common;
using WorkshopBot.Common.Storage;
using WorkshopBot.Workshop.Domain;
using WorkshopBot.Workshop.Teams;

namespace WorkshopBot.Workshop.Jobs;

/// <summary>Closes polls whose phase timer has run out.</summary>
public sealed partial class WorkshopPhaseTimer(
    IServiceScopeFactory scopes,
    WorkRunner runner,
    TimeProvider time,
    IOptions<WorkshopOptions> options,
    ILogger<WorkshopPhaseTimer> logger) : BackgroundService
{
    public static readonly PersonRef TimerActor = new("workshop-timer", "Phase timer");

    /// <summary>
    /// Closes every open poll that is due now, and finishes every close whose turn never committed, each in its own unit of
    /// work. Returns how many polls were closed.
    /// </summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<PollVotingRules> due;
        IReadOnlyList<UnfinishedClose> unfinished;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var votes = scope.ServiceProvider.GetRequiredService<IWorkshopVoteStore>();
            var now = time.GetUtcNow();
            due = await votes.ListDueToCloseAsync(now, cancellationToken).ConfigureAwait(false);
            unfinished = await votes.ListUnfinishedClosesAsync(now - options.Value.UnfinishedCloseAfter, cancellationToken)
                .ConfigureAwait(false);
        }

        var finished = 0;
        foreach (var close in unfinished)
        {
            if (await runner.RunAsync((services, ct) => services.GetRequiredService<PollPhases>().FinishCloseAsync(close, TimerActor, ct),
                cancellationToken).ConfigureAwait(false))
            {
                finished++;
                LogFinished(close.PollId);
            }
        }

        var closed = 0;
        foreach (var poll in due)
        {
            if (await runner.RunAsync((services, ct) => CloseAsync(services.GetRequiredService<PollPhases>(), poll, ct), cancellationToken)
                .ConfigureAwait(false))
            {
                closed++;
                LogClosed(poll.PollId);
            }
        }

        return closed + finished;
    }

    private static async Task<bool> CloseAsync(PollPhases phases, PollVotingRules due, CancellationToken cancellationToken)
    {
        var changed = await phases.ApplyAsync(due.WorkshopId, due.PollId, PhaseActions.Close, TimerActor, cancellationToken,
            onlyWhenTimerRanOut: true).ConfigureAwait(false);
        if (changed.Saved)
        {
            return true;
        }

        // A poll still open was reopened with a fresh deadline after the list was read: leave it running.
        if (changed.Value?.FindPoll(due.PollId) is not { IsOpen: true })
        {
            await phases.ForceClosedAsync(due.PollId, cancellationToken).ConfigureAwait(false);
        }

        return false;
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
            catch (Exception ex)
                when (ex is ObjectDisposedException || (stoppingToken.IsCancellationRequested && ex is OperationCanceledException))
            {
                // The host is stopping (or never finished starting): nothing to report.
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

    [LoggerMessage(EventId = 4203, Level = LogLevel.Warning,
        Message = "Phase timer finished the close of poll {PollId}: the turn that closed its voting never saved the poll")]
    private partial void LogFinished(string pollId);

    [LoggerMessage(EventId = 4202, Level = LogLevel.Warning, Message = "Phase timer run failed")]
    private partial void LogFailed(Exception exception);
}
