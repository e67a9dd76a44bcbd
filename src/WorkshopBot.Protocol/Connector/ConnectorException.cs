using System.Net;

namespace WorkshopBot.Protocol.Connector;

/// <summary>A connector call that failed (after any retries). Carries what the caller needs to decide what next.</summary>
public class ConnectorException : Exception
{
    public const string MessageWritesBlocked = "MessageWritesBlocked";
    public const string ConversationBlockedByUser = "ConversationBlockedByUser";
    public const string MessageSizeTooBig = "MessageSizeTooBig";

    public ConnectorException(string message, HttpStatusCode? statusCode, string? errorCode, TimeSpan? retryAfter,
        Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        ErrorCode = errorCode;
        RetryAfter = retryAfter;
    }

    /// <summary>The HTTP status; null when no response arrived (network error, timeout, refused URL).</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary><c>error.code</c> from the connector's body, e.g. <c>MessageWritesBlocked</c>.</summary>
    public string? ErrorCode { get; }

    /// <summary>The connector's Retry-After, when it sent one.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>The user blocked the bot (or the conversation refuses bot writes): stop sending there.</summary>
    public bool IsBlocked => StatusCode == HttpStatusCode.Forbidden
        && ErrorCode is not null
        && (ErrorCode.StartsWith(MessageWritesBlocked, StringComparison.OrdinalIgnoreCase)
            || string.Equals(ErrorCode, ConversationBlockedByUser, StringComparison.OrdinalIgnoreCase));

    /// <summary>The activity is too large: shrink it rather than retry.</summary>
    public bool IsTooLarge => StatusCode == HttpStatusCode.RequestEntityTooLarge
        || string.Equals(ErrorCode, MessageSizeTooBig, StringComparison.OrdinalIgnoreCase);

    /// <summary>Still throttled after every retry.</summary>
    public bool IsThrottled => StatusCode == HttpStatusCode.TooManyRequests;

    /// <summary>The conversation, activity or member does not exist (or the bot is not in it any more).</summary>
    public bool IsNotFound => StatusCode == HttpStatusCode.NotFound;
}

/// <summary>
/// The serviceUrl is not allowed (a host not on the list, any non-loopback host in development mode, or malformed):
/// nothing was sent. Permanent: the same call is refused again until the configuration changes.
/// </summary>
public sealed class ServiceUrlNotAllowedException : ConnectorException
{
    public const string Code = "ServiceUrlNotAllowed";

    public ServiceUrlNotAllowedException(string host)
        : base($"The connector refused to call host '{host}': not allowed by the service URL policy.", null, Code, null)
    {
        Host = host;
    }

    public string Host { get; }
}

/// <summary>
/// The bot's own token for the connector could not be had (e.g. an expired client secret or an Entra ID outage):
/// nothing was sent. No status; transient for whoever retries later.
/// </summary>
public sealed class BotTokenUnavailableException : ConnectorException
{
    public const string Code = "TokenUnavailable";

    public BotTokenUnavailableException(Exception innerException)
        : base($"WorkshopBot's token for Teams could not be obtained ({innerException?.GetType().Name}); nothing was sent.",
            null, Code, null, innerException)
    {
    }
}
