// The updates of one posted card in order: only the newest queued is sent, and never while an older one may still land.
using WorkshopBot.Storage;

namespace WorkshopBot.Outbox;

public sealed partial class OutboxDispatcher
{
    /// <summary>
    /// Before an update is sent: null when it may go now. When a newer update of the same card is queued (the chair's
    /// tracker refreshed again, a briefing's withdrawal after its file link), it is given up, so an older card retried
    /// after a failure, or sent by another instance, never lands after the newer one (the lane goes on: null
    /// <see cref="NotNow.HeldUntil"/>). When an older update of the card is in flight, on this instance or another, it
    /// waits a poll interval for it (and so does the rest of its lane). Both are decided in the store, which every
    /// instance shares and a crash does not undo (see <see cref="IOutboxStore.TakeUpdateTurnAsync"/>).
    /// </summary>
    private async Task<NotNow?> UpdateTurnAsync(OutboxMessage message)
    {
        var now = time.GetUtcNow();
        switch (await store.TakeUpdateTurnAsync(message.Id, _owner, now, CancellationToken.None).ConfigureAwait(false))
        {
            case UpdateTurn.Superseded:
                LogSuperseded(message.Id);
                return new NotNow(null);
            case UpdateTurn.Wait:
                var until = now + options.Value.PollInterval;
                await store.PostponeAsync(message.Id, _owner, until, now, CancellationToken.None).ConfigureAwait(false);
                LogWaitsForOlderUpdate(message.Id, until);
                return new NotNow(until);
            default:
                return null;
        }
    }

    /// <summary>An update not sent now; <paramref name="HeldUntil"/> as <see cref="DeliverAsync"/> returns it.</summary>
    private sealed record NotNow(DateTimeOffset? HeldUntil);

    [LoggerMessage(EventId = 2022, Level = LogLevel.Information,
        Message = "Outbox message {MessageId} not sent: a newer update of the same card was queued after it")]
    private partial void LogSuperseded(long messageId);

    [LoggerMessage(EventId = 2023, Level = LogLevel.Debug,
        Message = "Outbox message {MessageId} waits for an older update of the same card still in flight; postponed to {RetryAt:O}")]
    private partial void LogWaitsForOlderUpdate(long messageId, DateTimeOffset retryAt);
}
