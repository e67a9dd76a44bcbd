using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace WorkshopBot.Protocol.Connector;

/// <summary>Random numbers for back-off jitter (replaceable so tests get fixed delays).</summary>
public interface IJitterSource
{
    /// <summary>A number in [0, 1).</summary>
    double NextDouble();
}

/// <summary>The default jitter source: <see cref="Random.Shared"/> (thread-safe).</summary>
public sealed class SharedRandomJitterSource : IJitterSource
{
    public double NextDouble() => Random.Shared.NextDouble();
}

/// <summary>
/// Retries 429, 412, 502, 503, 504, network errors and attempt timeouts (<see cref="AttemptTimeoutHandler"/>); nothing else.
/// Honours Retry-After (capped; a request to no conversation asked to wait longer than MaxRateLimitWait gets the answer at
/// once), else exponential back-off with full jitter. Delays run on the <see cref="TimeProvider"/>.
/// After the last attempt the last response is returned (or the network error rethrown) for the client to report; so it is
/// when the caller's <see cref="SendDeadline"/> leaves no time for another attempt after the pause (and when it leaves none
/// for the first, <see cref="SendDeadlineReachedException"/>: nothing was sent).
/// </summary>
public sealed partial class ConnectorRetryHandler(
    IOptions<BotConnectorOptions> options,
    IJitterSource jitter,
    TimeProvider timeProvider,
    ConversationRateLimiter conversations,
    ILogger<ConnectorRetryHandler> logger,
    SendDeadline? deadline = null) : DelegatingHandler
{
    private readonly BotConnectorOptions _options = options.Value;

    public static bool IsRetryableStatus(HttpStatusCode status) => status is HttpStatusCode.TooManyRequests
        or HttpStatusCode.PreconditionFailed
        or HttpStatusCode.BadGateway
        or HttpStatusCode.ServiceUnavailable
        or HttpStatusCode.GatewayTimeout;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var maxAttempts = Math.Max(1, _options.MaxAttempts);
        if (deadline is { Current: { } until } && !deadline.Allows(TimeSpan.Zero))
        {
            throw new SendDeadlineReachedException(until);
        }

        for (var attempt = 1; ; attempt++)
        {
            TimeSpan delay;
            try
            {
                var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
                var retryAfter = IsRetryableStatus(response.StatusCode) ? RetryAfter(response) : null;
                var conversationId = retryAfter is null ? null : RateLimitedConversation(request);
                if (conversationId is not null)
                {
                    // Remembered for the conversation, not just this request: the next send there (this retry, another
                    // turn, the outbox) waits for it in the rate-limit handler, or is told when to come back.
                    conversations.Defer(conversationId, timeProvider.GetUtcNow() + retryAfter!.Value);
                }

                if (!IsRetryableStatus(response.StatusCode) || attempt >= maxAttempts
                    || (conversationId is null && (retryAfter > _options.MaxRateLimitWait || retryAfter > deadline?.UntilAnswer())))
                {
                    // A Retry-After longer than a caller may wait (or than is left before the turn's answer) is not waited
                    // for here: the caller (a turn's read, the outbox) gets the answer at once and decides, so no turn holds
                    // Teams' request open for it.
                    return response;
                }

                delay = conversationId is not null ? TimeSpan.Zero : retryAfter ?? Backoff(attempt);
                if (!RoomForAnother(delay, attempt))
                {
                    return response;
                }

                LogRetryStatus((int)response.StatusCode, attempt, maxAttempts, retryAfter ?? delay);
                response.Dispose();
            }
            catch (HttpRequestException ex) when (attempt < maxAttempts)
            {
                delay = Backoff(attempt);
                if (!RoomForAnother(delay, attempt))
                {
                    throw;
                }

                LogRetryError(ex.GetType().Name, attempt, maxAttempts, delay);
            }
            catch (TimeoutException) when (attempt < maxAttempts)
            {
                delay = Backoff(attempt);
                if (!RoomForAnother(delay, attempt))
                {
                    throw;
                }

                LogRetryError("Timeout", attempt, maxAttempts, delay);
            }

            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, timeProvider, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Whether another attempt after <paramref name="delay"/> can end by the caller's deadline (logged when not).</summary>
    private bool RoomForAnother(TimeSpan delay, int attempt)
    {
        if (deadline is null || deadline.Allows(delay))
        {
            return true;
        }

        LogDeadline(attempt);
        return false;
    }

    private static string? RateLimitedConversation(HttpRequestMessage request) =>
        request.Options.TryGetValue(ConnectorRequest.RateLimitedConversation, out var conversationId) ? conversationId : null;

    /// <summary>The server's Retry-After (seconds or a date), capped at <see cref="BotConnectorOptions.MaxRetryAfter"/>.</summary>
    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        TimeSpan? wait = header?.Delta ?? (header?.Date is { } date ? date - timeProvider.GetUtcNow() : null);
        if (wait is null)
        {
            return null;
        }

        return wait.Value < TimeSpan.Zero ? TimeSpan.Zero : Min(wait.Value, _options.MaxRetryAfter);
    }

    /// <summary>Full jitter: uniform in [0, min(cap, base * 2^(attempt-1))].</summary>
    private TimeSpan Backoff(int attempt)
    {
        var exponent = Math.Min(attempt - 1, 30);
        var ceiling = Math.Min(_options.RetryMaxDelay.Ticks, _options.RetryBaseDelay.Ticks * (double)(1L << exponent));
        return TimeSpan.FromTicks((long)(ceiling * jitter.NextDouble()));
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    [LoggerMessage(EventId = 1201, Level = LogLevel.Information,
        Message = "Connector answered {Status} (attempt {Attempt} of {MaxAttempts}); retrying in {Delay}")]
    private partial void LogRetryStatus(int status, int attempt, int maxAttempts, TimeSpan delay);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Information,
        Message = "Connector call failed with {ErrorType} (attempt {Attempt} of {MaxAttempts}); retrying in {Delay}")]
    private partial void LogRetryError(string errorType, int attempt, int maxAttempts, TimeSpan delay);

    [LoggerMessage(EventId = 1203, Level = LogLevel.Information,
        Message = "Connector call not retried after attempt {Attempt}: no time is left for another before the send's deadline")]
    private partial void LogDeadline(int attempt);
}
