namespace WorkshopBot.Workshop.Jobs;

// The instance stopping (a deploy, a scale-in, a restart): no live update starts once it has begun, and those under way are
// let finish and be recorded as shown before the store closes.
public sealed partial class LiveCardCoalescer : IHostedService
{
    private readonly Lock _flights = new();
    private int _underWay;
    private TaskCompletionSource? _drained;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Called as the host stops, before the store closes. From then on nothing more is sent: what waits in the lanes, an idea
    /// board still in its quiet spell included, is left to the catch-up (<see cref="LiveCardCatchUp"/>) of whichever instance
    /// runs next, which finds every such card behind what it shows once its update was long due, and sends it once, at the
    /// conversation's pace. Sent now, on the way out, it would break the quiet spell (someone typing into the board loses
    /// their text) and could land after the store closed, unrecorded, to be sent again by that catch-up. A send already under
    /// way is waited for (as long as the host gives its stop), so it is recorded as shown while the store is still open.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        Task drained;
        int underWay;
        lock (_flights)
        {
            _stopping = true;
            underWay = _underWay;
            _drained = underWay > 0 ? new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) : null;
            drained = _drained?.Task ?? Task.CompletedTask;
        }

        var left = 0;
        foreach (var lane in _lanes.Values)
        {
            lock (lane.Gate)
            {
                left += lane.Dirty.Count;
                lane.Timer?.Dispose();
                lane.Timer = null;
                lane.Dirty.Clear();
            }
        }

        if (underWay == 0 && left == 0)
        {
            return;
        }

        LogStopping(underWay, left);
        try
        {
            await drained.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            lock (_flights)
            {
                LogStoppedUnderWay(_underWay);
            }
        }
    }

    public void Dispose()
    {
        _stopping = true;
        foreach (var lane in _lanes.Values)
        {
            lock (lane.Gate)
            {
                lane.Timer?.Dispose();
                lane.Timer = null;
                lane.IdleTimer?.Dispose();
                lane.IdleTimer = null;
                lane.Dirty.Clear();
            }
        }
    }

    /// <summary>Whether a send may start (not once the host is stopping); if so, the caller ends it with <see cref="EndSend"/>.</summary>
    private bool TryBeginSend()
    {
        lock (_flights)
        {
            if (_stopping)
            {
                return false;
            }

            _underWay++;
            return true;
        }
    }

    private void EndSend()
    {
        lock (_flights)
        {
            if (--_underWay == 0)
            {
                _drained?.TrySetResult();
            }
        }
    }

    [LoggerMessage(EventId = 1549, Level = LogLevel.Information,
        Message = "WorkshopBot is stopping: waiting for {UnderWay} live card updates on their way to Teams to be recorded; "
            + "{Left} not yet sent are left to the catch-up of the next instance to run")]
    private partial void LogStopping(int underWay, int left);

    [LoggerMessage(EventId = 1550, Level = LogLevel.Warning,
        Message = "WorkshopBot stopped with {UnderWay} live card updates still on their way to Teams, not recorded as shown; "
            + "the catch-up may send them once more")]
    private partial void LogStoppedUnderWay(int underWay);

    [LoggerMessage(EventId = 1551, Level = LogLevel.Information,
        Message = "Live card update for poll {PollId} not sent: WorkshopBot is stopping; the catch-up of the next instance to run "
            + "sends it")]
    private partial void LogLeftAtStop(string pollId);
}
