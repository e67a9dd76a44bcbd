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
    Hosting.TenantGate tenants,
    OutboxSignal signal,
    IOptions<OutboxOptions> options,
    IOptions<BotAuthenticationOptions> bot,
    SendDeadline deadline,
    TimeProvider time,
    ILogger<OutboxDispatcher> logger,
    IServiceProvider services) : BackgroundService
{
    /// <summary>How often the drainer looks for failed messages whose report was cut short (after once at start).</summary>
    public static readonly TimeSpan MissedReportsInterval = TimeSpan.FromMinutes(5);

    private readonly string _instance = options.Value.ResolveInstanceId();

    // This run's lease owner: the instance's name and a random incarnation, so that what an earlier run of the same
    // instance leased is told apart from (and fenced off from) what this one leases.
    private readonly string _owner = IOutboxStore.OwnerOf(options.Value.ResolveInstanceId(), Guid.NewGuid().ToString("N")[..12]);

    // When to look next for failed messages whose report was cut short (UTC ticks; at the first drain), and whether a look
    // is under way.
    private long _missedReportsDue = long.MinValue;
    private int _reportingMissed;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.RunInBackground)
        {
            return;
        }

        // The beat runs beside the drainer, so a batch whose sends take long never lets this run look dead. Its timer starts
        // before the drainer's first beat is stored, so that the next beat is due one interval after it.
        using var beat = new PeriodicTimer(settings.Heartbeat, time);
        await Task.WhenAll(DrainInBackgroundAsync(settings, stoppingToken), BeatInBackgroundAsync(beat, stoppingToken))
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
        await ReportMissedAsync(stoppingToken).ConfigureAwait(false);
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
    /// Has the failed messages whose report was cut short reported, when they are due to be looked for: at the first drain
    /// and every <see cref="MissedReportsInterval"/> after. Cards it queues are claimed by this drain.
    /// </summary>
    private async Task ReportMissedAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (now.UtcTicks < Interlocked.Read(ref _missedReportsDue) || Interlocked.Exchange(ref _reportingMissed, 1) == 1)
        {
            return;
        }

        try
        {
            Interlocked.Exchange(ref _missedReportsDue, (now + MissedReportsInterval).UtcTicks);
            // Found when first needed, not when the dispatcher is made: the host makes it before the settings are checked,
            // and the reports read settings (an unchecked one would fail there, with a less clear error than the check's).
            foreach (var reports in services.GetServices<IUndeliverableReports>())
            {
                await reports.ReportMissedAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            Volatile.Write(ref _reportingMissed, 0);
        }
    }

    /// <summary>
    /// The lane a message goes in: its conversation's (or person's, or channel's); for an update of a card the outbox posted,
    /// whose conversation is known only once it is posted, that card's, so its updates go one after another (see
    /// <see cref="UpdateTurnAsync"/>).
    /// </summary>
    private static string ConversationKey(OutboxMessage message) =>
        message.ConversationId ?? message.TargetUserId ?? message.TargetChannelId
            ?? (message.UpdateOfKey is { Length: > 0 } posted ? "update-of:" + posted : null)
            ?? message.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Error, Message = "The outbox drainer failed; it will try again")]
    private partial void LogDrainFailed(Exception exception);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Warning,
        Message = "Resumed {Released} outbox messages this instance had in flight when it stopped; " +
            "{Started} had begun sending and may arrive twice")]
    private partial void LogResumed(int released, int started);
}
