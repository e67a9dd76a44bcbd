using WorkshopBot.Storage;

namespace WorkshopBot.Outbox;

/// <summary>
/// Keeps one send's lease alive while the send runs: every quarter of the lease it moves the lease's end a whole lease
/// ahead. So an instance that dies mid-send holds its message for at most one lease, not for the longest a send with all
/// its retries could take. When the lease cannot be kept (the store is unreachable until a quarter of a lease before its
/// end, or another instance has the message), <see cref="Lost"/> is cancelled, and the send must stop before another
/// instance may take the message.
/// </summary>
internal sealed partial class SendLeaseKeeper : IAsyncDisposable
{
    private readonly IOutboxStore _store;
    private readonly long _id;
    private readonly string _owner;
    private readonly TimeSpan _lease;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _lost = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;
    private DateTimeOffset _until;

    private SendLeaseKeeper(IOutboxStore store, long id, string owner, DateTimeOffset until, TimeSpan lease, TimeProvider time,
        ILogger logger)
    {
        (_store, _id, _owner, _until, _lease, _time, _logger) = (store, id, owner, until, lease, time, logger);
        _running = KeepAsync(); // Its first wait is set before the send starts.
    }

    /// <summary>Cancelled once the lease can no longer be kept: the send must stop.</summary>
    public CancellationToken Lost => _lost.Token;

    /// <summary>Starts keeping the lease of message <paramref name="id"/>, which runs until <paramref name="until"/>.</summary>
    public static SendLeaseKeeper Start(IOutboxStore store, long id, string owner, DateTimeOffset until, TimeSpan lease,
        TimeProvider time, ILogger logger) => new(store, id, owner, until, lease, time, logger);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _running.ConfigureAwait(false);
        _stop.Dispose();
        _lost.Dispose();
    }

    private async Task KeepAsync()
    {
        var period = _lease / 4;
        while (true)
        {
            try
            {
                await Task.Delay(period, _time, _stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var until = _time.GetUtcNow() + _lease;
            try
            {
                if (!await _store.RenewLeaseAsync(_id, _owner, until, _stop.Token).ConfigureAwait(false))
                {
                    LogTakenOver(_id);
                    await _lost.CancelAsync().ConfigureAwait(false);
                    return;
                }

                _until = until;
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // Whatever makes a renewal fail, the lease is kept or given up by the clock alone.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogRenewFailed(_id, ex);
            }

            if (_time.GetUtcNow() >= _until - period)
            {
                LogLeaseRunningOut(_id);
                await _lost.CancelAsync().ConfigureAwait(false);
                return;
            }
        }
    }

    [LoggerMessage(EventId = 2016, Level = LogLevel.Warning,
        Message = "Outbox message {MessageId}: renewing its lease failed; trying again")]
    private partial void LogRenewFailed(long messageId, Exception exception);

    [LoggerMessage(EventId = 2017, Level = LogLevel.Error,
        Message = "Outbox message {MessageId}: its lease could not be renewed and is running out; its send is stopped, " +
            "and it may arrive twice if Teams had already received it")]
    private partial void LogLeaseRunningOut(long messageId);

    [LoggerMessage(EventId = 2018, Level = LogLevel.Error,
        Message = "Outbox message {MessageId}: another instance has taken it over during its send; the send is stopped")]
    private partial void LogTakenOver(long messageId);
}
