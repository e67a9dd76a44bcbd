// This run of the instance: its beat in the store, taking back what dead runs of the instance held, and telling another
// live process that runs under the same instance id.
using WorkshopBot.Storage;

namespace WorkshopBot.Outbox;

public sealed partial class OutboxDispatcher
{
    private readonly Lock _startGate = new();
    private Task<(int Released, int Started)>? _start;
    private int _beaten;
    private int _sharing;
    private int _beatRefused;

    /// <summary>
    /// Whether the store refused this run's last beat, a write made every <see cref="OutboxOptions.Heartbeat"/> while the
    /// drainer runs (not when <see cref="OutboxOptions.RunInBackground"/> is off): then no turn can be committed either, and
    /// <c>/readyz</c> answers 503 until a beat is stored again.
    /// </summary>
    public bool StoreRefusesWrites => Volatile.Read(ref _beatRefused) > 0;

    /// <summary>
    /// Whether another live process runs under this instance's Outbox:InstanceId (it beat since this run started): a
    /// misconfiguration reported on <c>/readyz</c>. Each process still sends its own messages once.
    /// </summary>
    public bool SharesInstanceId => Volatile.Read(ref _sharing) > 0;

    /// <summary>
    /// Registers this run in the store and takes back what earlier runs of this instance had in flight when they stopped,
    /// so a restart resumes at once; what a live run of the same instance id holds is left to it. Runs once, before the
    /// first claim (again after a failure); later calls return (0, 0). Messages that had begun sending may arrive twice
    /// (Teams has no idempotent send); the rest once.
    /// </summary>
    public async Task<(int Released, int Started)> ResumeAsync(CancellationToken cancellationToken)
    {
        // Every turn's own replies come here first (DeliverNowAsync): once the start is done, no lock is taken.
        if (Volatile.Read(ref _start) is { IsCompletedSuccessfully: true })
        {
            return (0, 0);
        }

        Task<(int Released, int Started)> start;
        bool first;
        lock (_startGate)
        {
            first = _start is null || _start.IsFaulted || _start.IsCanceled;
            if (first)
            {
                // Not the caller's token: a turn whose request is cancelled must not cancel the start for the drainer.
                _start = BeatAsync(CancellationToken.None);
            }

            start = _start!;
        }

        var resumed = await start.WaitAsync(cancellationToken).ConfigureAwait(false);
        return first ? resumed : (0, 0);
    }

    /// <summary>
    /// One beat (every <see cref="OutboxOptions.Heartbeat"/> in the background): records that this run is alive, and takes
    /// back what runs of this instance whose beat has stopped held in flight (one that crashed just before this run
    /// started is taken back once its beat is stale, within <see cref="OutboxOptions.RunStaleAfter"/>, not a whole lease).
    /// Returns how many messages were taken back, and how many of those had begun sending.
    /// </summary>
    public async Task<(int Released, int Started)> BeatAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var aliveSince = now - options.Value.RunStaleAfter;
        int others;
        try
        {
            others = await store.BeatRunAsync(_instance, _owner, now, aliveSince, cancellationToken).ConfigureAwait(false);
        }
        catch (System.Data.Common.DbException ex) when (StoreFailures.IsPassing(ex))
        {
            // A lock not had in time, a busy pool: one busy moment, not a refusal. Kept as contention, which readiness's
            // probe write confirms (the store cannot write) or clears; the next beat is tried as usual.
            services.GetService<StoreWrites>()?.Failed(ex);
            throw;
        }
        catch (System.Data.Common.DbException)
        {
            // The beat is a write every Heartbeat: a store that answers reads but refuses it (read-only after a failover, a
            // full disk) cannot commit a turn either. Readiness says so until a beat is stored again.
            Volatile.Write(ref _beatRefused, 1);
            throw;
        }

        Volatile.Write(ref _beatRefused, 0);
        Volatile.Write(ref _beaten, 1);
        var (released, started) = await store.ReleaseOwnedAsync(_instance, _owner, now, aliveSince, cancellationToken)
            .ConfigureAwait(false);
        var before = Interlocked.Exchange(ref _sharing, others);
        if (others > 0 && before == 0)
        {
            LogInstanceIdShared(others);
        }
        else if (others == 0 && before > 0)
        {
            LogInstanceIdNoLongerShared();
        }

        if (released > 0)
        {
            LogResumed(released, started);
        }

        return (released, started);
    }

    /// <summary>
    /// After the drainer has stopped: forgets this run, so that the next run of this instance takes back at once what it
    /// left in flight (claimed, not yet begun).
    /// </summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Turns' replies still being sent after their turns were answered are finished and recorded too.
            await RepliesSentAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        // Only once the drainer has finished its sends: a stop cut short leaves the beat to go stale, as after a crash.
        if (Volatile.Read(ref _beaten) == 0 || ExecuteTask is { IsCompleted: false })
        {
            return;
        }

        try
        {
            await store.EndRunAsync(_owner, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // Its beat goes stale instead: the next run takes back what it left once it is, as after a crash.
            LogEndRunFailed(ex);
        }
    }

    private async Task BeatInBackgroundAsync(PeriodicTimer beat, CancellationToken stoppingToken)
    {
        try
        {
            while (await beat.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await BeatAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex)
                {
                    // A store outage must not stop the beat; what is cut short as the host stops is not a failure.
                    if (!stoppingToken.IsCancellationRequested)
                    {
                        LogBeatFailed(ex);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(EventId = 1405, Level = LogLevel.Error,
        Message = "{Others} other running processes share this instance's Outbox:InstanceId with it; set a distinct " +
            "Outbox:InstanceId for each process sharing the store. Until then what one of them holds in flight is taken " +
            "over only when its leases expire should it die")]
    private partial void LogInstanceIdShared(int others);

    [LoggerMessage(EventId = 1406, Level = LogLevel.Information,
        Message = "No other running process shares this instance's Outbox:InstanceId any longer")]
    private partial void LogInstanceIdNoLongerShared();

    [LoggerMessage(EventId = 1407, Level = LogLevel.Warning,
        Message = "The outbox could not record that this run is alive; it will try again at the next beat")]
    private partial void LogBeatFailed(Exception exception);

    [LoggerMessage(EventId = 1408, Level = LogLevel.Warning,
        Message = "The outbox could not forget this run as it stopped; the next run resumes once its beat is stale")]
    private partial void LogEndRunFailed(Exception exception);
}
