namespace WorkshopBot.Protocol.Connector;

/// <summary>
/// Teams' per-conversation limits for a bot's sends and updates: 7 per second, 8 per 2 s, 60 per 30 s, 1,800 per hour.
/// </summary>
public sealed class ConversationRateLimiter : KeyedSlidingWindowLimiter
{
    public static readonly IReadOnlyList<RateWindow> TeamsWindows =
    [
        new(7, TimeSpan.FromSeconds(1)),
        new(8, TimeSpan.FromSeconds(2)),
        new(60, TimeSpan.FromSeconds(30)),
        new(1800, TimeSpan.FromHours(1)),
    ];

    public ConversationRateLimiter(TimeProvider timeProvider, TimeSpan safetyMargin)
        : base(TeamsWindows, safetyMargin, timeProvider)
    {
    }
}

/// <summary>Per-tenant limiter (Teams allows an app 50 requests per second per tenant) for the outbox to use.</summary>
public sealed class TenantRateLimiter : KeyedSlidingWindowLimiter
{
    public TenantRateLimiter(TimeProvider timeProvider, int requestsPerSecond, TimeSpan safetyMargin)
        : base([new RateWindow(requestsPerSecond, TimeSpan.FromSeconds(1))], safetyMargin, timeProvider)
    {
    }
}
