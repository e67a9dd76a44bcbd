using Microsoft.Extensions.Options;
using WorkshopBot.Common;
using WorkshopBot.Workshop.Domain;
using WorkshopBot.Workshop.Storage;

namespace WorkshopBot.Workshop.Jobs;

/// <summary>
/// Sends the live card updates an instance lost by stopping (a crash, a deploy, a scale-in) before it sent them: every
/// <see cref="WorkshopOptions.TimerPollInterval"/>, on every instance, the open polls whose counts have kept still for
/// <see cref="WorkshopOptions.CardCatchUpAfter"/> past what their card shows (<see cref="IPollCardVersions"/>), and the cards
/// whose other changes (ideas added or hidden, grades, joins, the workshop card's chair: <see cref="IWorkshopCardVersions"/>)
/// are past what they show <see cref="WorkshopOptions.CardCatchUpAfter"/> after their update was due, are marked
/// behind in this instance's <see cref="LiveCardCoalescer"/>. There they take the conversation's slot like any change, so
/// Teams' limits hold, and the card is drawn afresh from the store; when several instances find the same poll, whichever
/// sends first records the card as shown and the others, checking again at their slot, send nothing. Two reads a pass when
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

    /// <summary>Marks every card found behind; returns how many.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var versions = scope.ServiceProvider.GetRequiredService<IPollCardVersions>();
        var cards = scope.ServiceProvider.GetRequiredService<IWorkshopCardVersions>();
        var stillSince = time.GetUtcNow() - options.Value.CardCatchUpAfter;
        var counts = await versions.ListBehindAsync(stillSince, MaxPerPass, cancellationToken).ConfigureAwait(false);
        var changes = await cards.ListBehindAsync(stillSince, MaxPerPass, cancellationToken).ConfigureAwait(false);
        if (counts.Count == 0 && changes.Count == 0)
        {
            return 0;
        }

        var workshops = scope.ServiceProvider.GetRequiredService<WorkshopRepository>();
        var sessions = new Dictionary<Guid, WorkshopSession?>();
        var countsBehind = counts.ToHashSet();
        var marked = 0;
        foreach (var card in counts.Concat(changes).Distinct().Take(MaxPerPass))
        {
            if (!sessions.TryGetValue(card.WorkshopId, out var session))
            {
                session = await workshops.GetAsync(card.WorkshopId, cancellationToken).ConfigureAwait(false);
                sessions[card.WorkshopId] = session;
            }

            if (session is null || (card.PollId.Length > 0 && session.FindPoll(card.PollId) is null))
            {
                // No card to draw (the workshop is gone while its votes stay): recorded as shown, so it is not looked at again
                // until it changes.
                await ForgetAsync(versions, cards, card, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (countsBehind.Contains(card))
            {
                LogBehind(card.PollId);
            }
            else
            {
                LogChangedBehind(card.PollId.Length == 0 ? "workshop" : "poll " + card.PollId);
            }

            coalescer.MarkBehind(session.Conversation.ConversationId, session.Id, card.PollId);
            marked++;
        }

        return marked;
    }

    private static async Task ForgetAsync(IPollCardVersions versions, IWorkshopCardVersions cards, BehindCard card,
        CancellationToken cancellationToken)
    {
        if (card.PollId.Length > 0 && await versions.ReadAsync(card.PollId, cancellationToken).ConfigureAwait(false) is { } read)
        {
            await versions.RecordShownAsync(card.PollId, read.Counts, cancellationToken).ConfigureAwait(false);
        }

        if (await cards.ReadAsync(card.WorkshopId, card.PollId, cancellationToken).ConfigureAwait(false) is { } changed)
        {
            await cards.RecordShownAsync(card.WorkshopId, card.PollId, changed.Changed, cancellationToken).ConfigureAwait(false);
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        options.Value.RunTimerInBackground
            ? JobLoop.RunAsync(RunOnceAsync, options.Value.TimerPollInterval, time, LogFailed, stoppingToken)
            : Task.CompletedTask;

    [LoggerMessage(EventId = 1546, Level = LogLevel.Information,
        Message = "Live card of poll {PollId} shows older counts than its votes and nothing sent it since they stopped; sending it")]
    private partial void LogBehind(string pollId);

    [LoggerMessage(EventId = 1548, Level = LogLevel.Information,
        Message = "Live card of {Card} shows less than what changed on it and nothing sent it since; sending it")]
    private partial void LogChangedBehind(string card);

    [LoggerMessage(EventId = 1547, Level = LogLevel.Warning, Message = "Live card catch-up pass failed; will try again")]
    private partial void LogFailed(Exception exception);
}
