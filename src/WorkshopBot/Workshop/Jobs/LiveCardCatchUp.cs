using Microsoft.Extensions.Options;
using WorkshopBot.Common;
using WorkshopBot.Workshop.Storage;

namespace WorkshopBot.Workshop.Jobs;

/// <summary>
/// Sends the live card updates an instance lost by stopping (a crash, a deploy, a scale-in) before it sent them: every
/// <see cref="WorkshopOptions.TimerPollInterval"/>, on every instance, the open polls whose counts have kept still for
/// <see cref="WorkshopOptions.CardCatchUpAfter"/> past what their card shows (<see cref="IPollCardVersions"/>) are marked
/// behind in this instance's <see cref="LiveCardCoalescer"/>. There they take the conversation's slot like any change, so
/// Teams' limits hold, and the card is drawn afresh from the store; when several instances find the same poll, whichever
/// sends first records the card as shown and the others, checking again at their slot, send nothing. One read a pass when
/// nothing is behind; a vote's turn is unchanged.
/// </summary>
public sealed partial class LiveCardCatchUp(
    IServiceScopeFactory scopes,
    LiveCardCoalescer coalescer,
    TimeProvider time,
    IOptions<WorkshopOptions> options,
    ILogger<LiveCardCatchUp> logger) : BackgroundService
{
    /// <summary>The most polls one pass marks; the rest wait for the next pass.</summary>
    public const int MaxPerPass = 100;

    /// <summary>Marks every poll found behind; returns how many.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var versions = scope.ServiceProvider.GetRequiredService<IPollCardVersions>();
        var behind = await versions.ListBehindAsync(time.GetUtcNow() - options.Value.CardCatchUpAfter, MaxPerPass, cancellationToken)
            .ConfigureAwait(false);
        if (behind.Count == 0)
        {
            return 0;
        }

        var workshops = scope.ServiceProvider.GetRequiredService<WorkshopRepository>();
        var marked = 0;
        foreach (var card in behind)
        {
            var session = await workshops.GetAsync(card.WorkshopId, cancellationToken).ConfigureAwait(false);
            if (session?.FindPoll(card.PollId) is null)
            {
                // No card to draw (the workshop is gone while its votes stay): recorded as shown, so it is not looked at again
                // until its counts move.
                if (await versions.ReadAsync(card.PollId, cancellationToken).ConfigureAwait(false) is { } read)
                {
                    await versions.RecordShownAsync(card.PollId, read.Counts, cancellationToken).ConfigureAwait(false);
                }

                continue;
            }

            LogBehind(card.PollId);
            coalescer.MarkBehind(session.Conversation.ConversationId, session.Id, card.PollId);
            marked++;
        }

        return marked;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        options.Value.RunTimerInBackground
            ? JobLoop.RunAsync(RunOnceAsync, options.Value.TimerPollInterval, time, LogFailed, stoppingToken)
            : Task.CompletedTask;

    [LoggerMessage(EventId = 1546, Level = LogLevel.Information,
        Message = "Live card of poll {PollId} shows older counts than its votes and nothing sent it since they stopped; sending it")]
    private partial void LogBehind(string pollId);

    [LoggerMessage(EventId = 1547, Level = LogLevel.Warning, Message = "Live card catch-up pass failed; will try again")]
    private partial void LogFailed(Exception exception);
}
