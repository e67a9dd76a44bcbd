namespace WorkshopBot.Protocol.Auth;

/// <summary>Validates the Bearer token Teams (or the Bot Connector) sends with each activity.</summary>
public interface IBotTokenValidator
{
    /// <summary>
    /// Checks the <c>Authorization</c> header for an activity whose <c>serviceUrl</c> and <c>channelId</c> are given:
    /// a Bot Framework token must be signed by a key endorsed for that channel, as the Bot Framework SDK requires.
    /// Never throws for a bad token: a failure is a result with a reason for the logs (not for the caller). When the
    /// signing keys cannot be fetched the result is <see cref="BotAuthResult.IsUnavailable"/>, not a plain failure.
    /// </summary>
    Task<BotAuthResult> ValidateAsync(string? authorizationHeader, string? activityServiceUrl, string? channelId,
        CancellationToken cancellationToken);
}

/// <summary>The outcome of inbound authentication.</summary>
public sealed record BotAuthResult(bool IsAuthenticated, string? FailureReason, string? AppIdClaim)
{
    /// <summary>
    /// The token could not be checked because the authority's signing keys could not be fetched: the caller is not at
    /// fault (answer 503, so the sender tries again), unlike a token that was checked and failed (401).
    /// </summary>
    public bool IsUnavailable { get; init; }

    public static BotAuthResult Success(string? appId) => new(true, null, appId);

    public static BotAuthResult Fail(string reason) => new(false, reason, null);

    public static BotAuthResult Unavailable(string reason) => new(false, reason, null) { IsUnavailable = true };
}
