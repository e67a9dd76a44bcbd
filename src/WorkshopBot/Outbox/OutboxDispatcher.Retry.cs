// Trying again after a failed attempt: which failures are worth another attempt, for how long, and after what pause.
using WorkshopBot.Protocol.Connector;
using WorkshopBot.Storage;

namespace WorkshopBot.Outbox;

public sealed partial class OutboxDispatcher
{
    private static bool IsTransient(ConnectorException ex) =>
        ex is not ServiceUrlNotAllowedException && ex.StatusCode is null or System.Net.HttpStatusCode.TooManyRequests
            or System.Net.HttpStatusCode.PreconditionFailed or System.Net.HttpStatusCode.BadGateway
            or System.Net.HttpStatusCode.ServiceUnavailable or System.Net.HttpStatusCode.GatewayTimeout;

    /// <summary>
    /// Whether the failure says Teams (or the way to it) is down rather than that the message is wrong: a 502, 503 or 504,
    /// a timeout, no answer, a connection refused or reset. Nothing about the message would change on its own, so such a
    /// failure is tried again while the message is younger than <see cref="OutboxOptions.TransientRetryFor"/>, however many
    /// attempts that takes. A 429 has its own allowance (<see cref="OutboxOptions.ThrottledRetryFor"/>).
    /// </summary>
    private static bool IsOutage(ConnectorException ex) =>
        ex is not ServiceUrlNotAllowedException && ex.StatusCode is null or System.Net.HttpStatusCode.BadGateway
            or System.Net.HttpStatusCode.ServiceUnavailable or System.Net.HttpStatusCode.GatewayTimeout;

    /// <summary>Whether a transient failure of <paramref name="message"/> leaves it another attempt.</summary>
    private bool TriesAgain(OutboxMessage message, ConnectorException ex)
    {
        var settings = options.Value;
        return IsTransient(ex) && (message.Attempts + 1 < settings.MaxAttempts
            || (IsOutage(ex) && time.GetUtcNow() - message.CreatedAt < settings.TransientRetryFor));
    }

    /// <summary>
    /// The pause before the next attempt: <see cref="OutboxOptions.RetryDelay"/> doubled for each attempt already failed,
    /// up to <see cref="OutboxOptions.MaxRetryDelay"/>, shortened by up to a quarter so that messages failed in the same
    /// outage do not all come back at once, and never shorter than Teams' Retry-After. The shortening is derived from the
    /// message's id and attempt, so the same message and attempt always wait the same.
    /// </summary>
    internal static TimeSpan RetryPause(OutboxOptions settings, long messageId, int attemptsFailed, TimeSpan? retryAfter)
    {
        var doubled = settings.RetryDelay.Ticks * Math.Pow(2, Math.Clamp(attemptsFailed, 0, 40));
        var capped = Math.Min(doubled, settings.MaxRetryDelay.Ticks);
        var pause = TimeSpan.FromTicks((long)(capped * (1 - (Spread(messageId, attemptsFailed) / 4))));
        return retryAfter is { } asked && asked > pause ? asked : pause;
    }

    /// <summary>A number in [0, 1) fixed by the message and attempt (SplitMix64's finaliser).</summary>
    private static double Spread(long messageId, int attempt)
    {
        var z = unchecked((ulong)messageId * 0x9E3779B97F4A7C15UL + (ulong)attempt);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        z ^= z >> 31;
        return (z >> 11) * (1.0 / (1UL << 53));
    }
}
