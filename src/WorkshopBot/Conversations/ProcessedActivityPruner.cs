using WorkshopBot.Storage;

namespace WorkshopBot.Conversations;

/// <summary>
/// Forgets handled activity ids, with the answers stored for them, once no redelivery can come (Teams retries within
/// minutes; two days is ample), so the de-duplication table does not grow for ever; and forgets the payload of every
/// outbox message completed as long ago. Both held what cards said (a return's narrative, an idea): after this, what
/// people wrote lives only in the documents that retention purges.
/// </summary>
public sealed partial class ProcessedActivityPruner(
    IProcessedActivityStore store, IOutboxStore outbox, TimeProvider time, ILogger<ProcessedActivityPruner> logger)
    : BackgroundService
{
    public static readonly TimeSpan KeepFor = TimeSpan.FromDays(2);
    public static readonly TimeSpan Every = TimeSpan.FromHours(1);

    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var before = time.GetUtcNow() - KeepFor;
        var removed = await store.PruneAsync(before, cancellationToken).ConfigureAwait(false);
        var forgotten = await outbox.ForgetContentAsync(before, cancellationToken).ConfigureAwait(false);
        LogPruned(removed, forgotten);
        return removed;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every, time);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(ex);
            }
        }
        while (await WaitAsync(timer, stoppingToken).ConfigureAwait(false));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Debug,
        Message = "Forgot {Count} handled activity ids and the payloads of {Forgotten} delivered messages")]
    private partial void LogPruned(int count, int forgotten);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Pruning handled activity ids failed; will try again")]
    private partial void LogFailed(Exception exception);
}
