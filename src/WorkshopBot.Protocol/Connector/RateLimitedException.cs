using System.Net;

namespace WorkshopBot.Protocol.Connector;

/// <summary>
/// Nothing was sent: the next free slot for <see cref="Key"/> (Teams' limits, or a Retry-After the connector gave
/// earlier) is further away than the caller may wait. Try again at <see cref="RetryAt"/>; a turn hands the message to
/// the outbox instead of holding Teams' request open.
/// </summary>
public sealed class RateLimitedException : ConnectorException
{
    public const string Code = "RateLimitedHere";

    public RateLimitedException(string key, DateTimeOffset retryAt)
        : base($"Rate-limited until {retryAt:O}: nothing was sent.", HttpStatusCode.TooManyRequests, Code, null)
    {
        Key = key;
        RetryAt = retryAt;
    }

    public string Key { get; }

    public DateTimeOffset RetryAt { get; }
}
