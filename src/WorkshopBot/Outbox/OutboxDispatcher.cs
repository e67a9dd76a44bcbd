// Draining and resume: the background loop, batch claims, and delivering a turn's replies at once.
using Microsoft.Extensions.Options;
using WorkshopBot.Conversations;
using WorkshopBot.Protocol.Auth;
using WorkshopBot.Protocol.Connector;
using WorkshopBot.Storage;

namespace WorkshopBot.Outbox;

/// <summary>
/// Drains the outbox: claims due messages with a lease (so several instances never send the same one),
/// sends each conversation's messages in order, conversations in parallel, within Teams' limits, and records
/// every outcome. A send that has started is finished and recorded even when the host is stopping, so a
/// graceful restart neither loses nor repeats a message.
/// </summary>
public sealed partial class OutboxDispatcher(
    IOutboxStore store,
    IConversationStore conversations,
    IConnectorClient connector,
    ConversationServiceUrls serviceUrls,
    TenantRateLimiter tenantLimiter,
    OutboxSignal signal,
    IOptions<OutboxOptions> options,
    IOptions<BotAuthenticationOptions> bot,
    SendDeadline deadline,
    TimeProvider time,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    private readonly string _instance = options.Value.ResolveInstanceId();

    // This run's lease owner: the instance's name and a random incarnation, so that what an earlier run of the same
    // instance leased is told apart from (and fenced off from) what this one leases.
    private readonly string _owner = IOutboxStore.OwnerOf(options.Value.ResolveInstanceId(), Guid.NewGuid().ToString("N")[..12]);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.RunInBackground)
        {
            return;
        }

        // The beat runs beside the drainer, so a batch whose sends take long never lets this run look dead.
        await Task.WhenAll(DrainInBackgroundAsync(settings, stoppingToken), BeatInBackgroundAsync(settings, stoppingToken))
            .ConfigureAwait(false);
    }

    private async Task DrainInBackgroundAsync(OutboxOptions settings, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            int handled;
            try
            {
                handled = await DrainOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // A store outage must not kill the drainer; it tries again after the poll interval.
                LogDrainFailed(ex);
                handled = 0;
            }

            if (handled == 0)
            {
                try
                {
                    await signal.WaitAsync(settings.PollInterval, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Claims one batch and delivers it. Returns how many messages were handled.</summary>
    public async Task<int> DrainOnceAsync(CancellationToken stoppingToken)
    {
        await ResumeAsync(stoppingToken).ConfigureAwait(false);
        var settings = options.Value;
        var batch = await store.ClaimDueAsync(time.GetUtcNow(), settings.BatchSize, settings.Lease, _owner, stoppingToken)
            .ConfigureAwait(false);
        if (batch.Count == 0)
        {
            return 0;
        }

        var byConversation = batch.GroupBy(ConversationKey).ToList();
        // Each lane catches its own failures (DeliverInOrderAsync never throws), so one conversation's trouble never ends
        // the batch for the others.
        await Parallel.ForEachAsync(
            byConversation,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, settings.MaxParallelConversations) },
            async (group, _) => await DeliverInOrderAsync(group).ConfigureAwait(false)).ConfigureAwait(false);
        return batch.Count;
    }

    /// <summary>
    /// Delivers a committed turn's replies now, in order, so its answer reaches the conversation before Teams hears back.
    /// Whatever Teams' limits make wait (or fails) is left to the background drainer.
    /// </summary>
    public async Task DeliverNowAsync(IReadOnlyCollection<string> dedupeKeys, CancellationToken cancellationToken)
    {
        if (dedupeKeys.Count == 0)
        {
            return;
        }

        await ResumeAsync(cancellationToken).ConfigureAwait(false);
        var claimed = await store.ClaimByKeysAsync(dedupeKeys, time.GetUtcNow(), options.Value.Lease, _owner, cancellationToken)
            .ConfigureAwait(false);
        if (await DeliverInOrderAsync(claimed).ConfigureAwait(false))
        {
            signal.Notify();
        }
    }

    private static string ConversationKey(OutboxMessage message) =>
        message.ConversationId ?? message.TargetUserId ?? message.TargetChannelId
            ?? message.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Error, Message = "The outbox drainer failed; it will try again")]
    private partial void LogDrainFailed(Exception exception);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Warning,
        Message = "Resumed {Released} outbox messages this instance had in flight when it stopped; " +
            "{Started} had begun sending and may arrive twice")]
    private partial void LogResumed(int released, int started);
}
