namespace WorkshopBot.Protocol.Connector;

/// <summary>Outbound connector behaviour, bound from <c>Bot:Connector</c>.</summary>
public sealed class BotConnectorOptions
{
    public const string SectionName = "Bot:Connector";

    /// <summary>Total attempts per request, the first included (retries happen only on 429/412/502/503/504 and network errors).</summary>
    public int MaxAttempts { get; set; } = 4;

    /// <summary>Base of the exponential back-off (full jitter) when the connector gives no Retry-After.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Upper bound of one back-off delay.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Upper bound applied to a Retry-After the connector asks for.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Time allowed for one attempt before it counts as a timeout (and is retried).</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Added to every rate-limit window so that requests spaced exactly one window apart here do not arrive
    /// closer than that at Teams after uneven network delays.
    /// </summary>
    public TimeSpan RateLimitSafetyMargin { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// The longest a send waits here for its conversation's rate-limit slot (Teams' limits or a remembered
    /// Retry-After), and the longest Retry-After a read outside any conversation (a roster, a team's channels) waits out
    /// before it is tried again. Beyond it the send fails at once with <see cref="RateLimitedException"/> (the read gets
    /// Teams' answer), so no turn holds Teams' request open for it (Teams gives an invoke about 5 s before it shows the
    /// person an error) and the outbox reschedules instead of blocking a worker. A turn's own replies do not wait for it:
    /// they go through the outbox, and the turn's answer waits for them at most Outbox:ReplyWait (2 s). Within an invoke no
    /// such wait starts that would end after its answer (<see cref="SendDeadline.BeginTurn"/>), so this wait and the
    /// reply wait together stay within Bot:AnswerWithin.
    /// </summary>
    public TimeSpan MaxRateLimitWait { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Requests per second per tenant for <see cref="TenantRateLimiter"/> (Teams allows 50).</summary>
    public int TenantRequestsPerSecond { get; set; } = 50;
}

/// <summary>Which serviceUrls may receive the bot's token, bound from <c>Bot</c>.</summary>
public sealed class ServiceUrlPolicyOptions
{
    public const string SectionName = "Bot";

    /// <summary>
    /// Extra hosts (exact, or <c>*.suffix</c> for subdomains) on top of the built-in Teams/Bot Framework list. With an
    /// app id, the bot sends nothing to a host that is neither listed nor loopback, and refuses an activity naming one.
    /// Plain http is accepted only for loopback hosts.
    /// </summary>
    public List<string?> AllowedServiceUrlHosts { get; set; } = [];

    /// <summary>
    /// With an app id configured, also attach the token to loopback serviceUrls. For tests only: in production
    /// nothing legitimate listens on loopback.
    /// </summary>
    public bool AllowLoopbackServiceUrls { get; set; }
}
