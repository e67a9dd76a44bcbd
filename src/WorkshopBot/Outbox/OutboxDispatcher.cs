// Draining and resume: the background loop, batch claims, and delivering a turn's replies at once.
using Microsoft.Extensions.Options;
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
    IConnectorClient connector,
    TenantRateLimiter tenantLimiter,
    OutboxSignal signal,
    IOptions<OutboxOptions> options,
    IOptions<BotAuthenticationOptions> bot,
    TimeProvider time,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    private readonly string _owner = options.Value.ResolveInstanceId();
    private int _resumed;

    /// <summary>
    /// Takes back what this instance had in flight when it last stopped, so a restart resumes at once. Runs once, before
    /// the first claim. Messages that had begun sending may arrive twice (Teams has no idempotent send); the rest once.
    /// </summary>
    public async Task<(int Released, int Started)> ResumeAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _resumed, 1) == 1)
        {
            return (0, 0);
        }

        var (released, started) = await store.ReleaseOwnedAsync(_owner, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        if (released > 0)
        {
            LogResumed(released, started);
        }

        return (released, started);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.RunInBackground)
        {
            return;
        }

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
        await Parallel.ForEachAsync(
            byConversation,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, settings.MaxParallelConversations) },
            async (group, _) =>
            {
                DateTimeOffset? heldUntil = null;
                foreach (var message in group)
                {
                    if (heldUntil is { } until)
                    {
                        // A message before it in this conversation must wait: so must it, to keep the order.
                        await store.PostponeAsync(message.Id, _owner, until, time.GetUtcNow(), CancellationToken.None)
                            .ConfigureAwait(false);
                        continue;
                    }

                    // Once claimed, a message is delivered and recorded even if the host is stopping.
                    heldUntil = await DeliverAsync(message, CancellationToken.None).ConfigureAwait(false);
                }
            }).ConfigureAwait(false);
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

        var claimed = await store.ClaimByKeysAsync(dedupeKeys, time.GetUtcNow(), options.Value.Lease, _owner, cancellationToken)
            .ConfigureAwait(false);
        DateTimeOffset? heldUntil = null;
        foreach (var message in claimed)
        {
            if (heldUntil is { } until)
            {
                await store.PostponeAsync(message.Id, _owner, until, time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
                continue;
            }

            heldUntil = await DeliverAsync(message, CancellationToken.None).ConfigureAwait(false);
        }

        if (heldUntil is not null)
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
