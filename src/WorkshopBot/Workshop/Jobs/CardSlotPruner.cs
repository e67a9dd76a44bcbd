using Microsoft.Extensions.Options;
using WorkshopBot.Common;
using WorkshopBot.Workshop.Storage;

namespace WorkshopBot.Workshop.Jobs;

/// <summary>
/// Forgets the live card slots (<see cref="ICardSlots"/>) of conversations no update was claimed for in a day, so the
/// table holds the conversations in use rather than every one that ever had a live card. A slot frees itself one update
/// interval after its claim, so forgetting it later changes nothing but the table's size; the next claim makes it again.
/// A slot stamped more than <see cref="SqlCardSlots.FarAhead"/> ahead (by an instance whose clock was wrong) holds
/// nothing, and goes too.
/// </summary>
public sealed partial class CardSlotPruner(
    ICardSlots slots, TimeProvider time, IOptions<WorkshopOptions> options, ILogger<CardSlotPruner> logger) : BackgroundService
{
    public static readonly TimeSpan IdleFor = TimeSpan.FromDays(1);
    public static readonly TimeSpan Every = TimeSpan.FromHours(1);

    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var forgotten = await slots.ForgetIdleAsync(now - IdleFor, now + SqlCardSlots.FarAhead, cancellationToken).ConfigureAwait(false);
        LogForgotten(forgotten);
        return forgotten;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        options.Value.RunTimerInBackground
            ? JobLoop.RunAsync(RunOnceAsync, Every, time, LogFailed, stoppingToken)
            : Task.CompletedTask;

    [LoggerMessage(EventId = 4205, Level = LogLevel.Debug, Message = "Forgot {Count} idle live card slots")]
    private partial void LogForgotten(int count);

    [LoggerMessage(EventId = 4206, Level = LogLevel.Warning, Message = "Forgetting idle live card slots failed; will try again")]
    private partial void LogFailed(Exception exception);
}
