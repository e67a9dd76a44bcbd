// Backing off without spending attempts: the gate every message waits on while the bot's token cannot be had, and growing
// pauses for a conversation Teams keeps throttling without saying for how long.
using System.Collections.Concurrent;
using WorkshopBot.Protocol.Connector;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Storage;

namespace WorkshopBot.Outbox;

public sealed partial class OutboxDispatcher
{
    /// <summary>Conversations remembered as throttled at most; past it they are forgotten (their pauses start afresh).</summary>
    private const int ThrottledLanesKept = 10_000;

    private readonly TokenGate _tokenGate = new();

    // Per lane (see ConversationKey): 429s without Retry-After in a row, forgotten when something is sent there.
    private readonly ConcurrentDictionary<string, int> _throttledLanes = new(StringComparer.Ordinal);

    /// <summary>
    /// Sends the message through the token gate (see <see cref="TokenGate"/>) and within the tenant's rate. Returns the
    /// time the message was postponed to when the gate is shut (nothing tried), else the send's outcome (null when its lease
    /// was lost). A <see cref="BotTokenUnavailableException"/> leaves the time to try again in <paramref name="attempt"/>.
    /// </summary>
    private async Task<(DateTimeOffset? PostponedTo, (string? ActivityId, string? ConversationId)? Sent)> SendThroughTokenGateAsync(
        OutboxMessage message, OutboxMessage addressed, Activity activity, SendAttempt attempt, bool inline,
        CancellationToken cancellationToken)
    {
        var pass = _tokenGate.Enter(time.GetUtcNow(), inline);
        while (pass.WaitFor is { } probe)
        {
            // Another message is trying the token right now: its outcome decides for this one too.
            await probe.WaitAsync(cancellationToken).ConfigureAwait(false);
            pass = _tokenGate.Enter(time.GetUtcNow(), mayProbeEarly: false);
        }

        if (pass.PostponeTo is { } probeAt)
        {
            await store.PostponeAsync(message.Id, _owner, probeAt, time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
            return (probeAt, null);
        }

        try
        {
            // A turn's reply waits for the tenant's rate no longer than until the turn's answer (else it is left for later).
            await (deadline.RoomToWait() is { } left
                ? tenantLimiter.AcquireAsync(message.TenantId, left, cancellationToken)
                : tenantLimiter.AcquireAsync(message.TenantId, cancellationToken)).ConfigureAwait(false);
            var sent = await SendFollowingAMoveAsync(addressed, activity, attempt, cancellationToken).ConfigureAwait(false);
            await TokenHadAsync().ConfigureAwait(false);
            _throttledLanes.TryRemove(ConversationKey(message), out _);
            return (null, sent);
        }
        catch (BotTokenUnavailableException)
        {
            var settings = options.Value;
            attempt.TokenRetryAt = _tokenGate.Failed(pass, time.GetUtcNow(), failed => RetryPause(settings, message.Id, failed, null));
            throw;
        }
        catch (ConnectorException ex) when (ex is not RateLimitedException && ex.StatusCode is not null)
        {
            // Teams answered (a 429, a 503, a 404): the token was had.
            await TokenHadAsync().ConfigureAwait(false);
            throw;
        }
        finally
        {
            _tokenGate.Left(pass);
        }
    }

    /// <summary>
    /// A send got a token: the gate opens, and messages postponed to a probe still ahead (the token came back to a turn's
    /// reply before that) are brought forward, in order, and the drainer woken for them.
    /// </summary>
    private async Task TokenHadAsync()
    {
        if (_tokenGate.IsOpen || _tokenGate.Had(time.GetUtcNow()) is not { } probeAt)
        {
            return;
        }

        try
        {
            var brought = await store.BringForwardAsync(probeAt, time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
            LogTokenBack(brought);
            signal.Notify();
        }
        catch (System.Data.Common.DbException ex)
        {
            // They go at the probe's time instead.
            LogTokenBackNotBroughtForward(ex);
        }
    }

    /// <summary>
    /// When a message Teams throttled (429) goes again: at its Retry-After exactly; without one, after a pause that grows
    /// for each 429 in a row in its conversation as a failed attempt's does (<see cref="RetryPause"/>), so a conversation
    /// Teams keeps throttling is not asked again every RetryDelay.
    /// </summary>
    private DateTimeOffset ThrottledRetryAt(OutboxMessage message, ConnectorException ex)
    {
        if (ex.RetryAfter is { } asked)
        {
            return time.GetUtcNow() + asked;
        }

        if (_throttledLanes.Count >= ThrottledLanesKept)
        {
            _throttledLanes.Clear();
        }

        var inARow = _throttledLanes.AddOrUpdate(ConversationKey(message), 1, (_, n) => n + 1);
        return time.GetUtcNow() + RetryPause(options.Value, message.Id, inARow - 1, null);
    }

    [LoggerMessage(EventId = 2024, Level = LogLevel.Information,
        Message = "WorkshopBot's token for Teams can be had again; {Count} outbox messages waiting for it go now")]
    private partial void LogTokenBack(int count);

    [LoggerMessage(EventId = 2025, Level = LogLevel.Warning,
        Message = "WorkshopBot's token for Teams can be had again, but the messages waiting for it could not be brought forward; "
            + "they go at the time they were postponed to")]
    private partial void LogTokenBackNotBroughtForward(Exception exception);
}
