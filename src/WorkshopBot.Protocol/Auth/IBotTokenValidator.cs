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

    /// <summary>
    /// The first half of <see cref="ValidateAsync"/>, made before the request's body is read: the token itself (well
    /// formed, RS256, a trusted issuer, its signature, audience and lifetime). Never throws for a bad token.
    /// </summary>
    Task<BotTokenCheck> VerifyTokenAsync(string? authorizationHeader, CancellationToken cancellationToken);

    /// <summary>
    /// The second half, once the activity is parsed: the token's <c>serviceurl</c> claim against the activity's, its key's
    /// endorsement for the activity's channel, and for an Entra ID token its caller. A failed first half is returned as it is.
    /// </summary>
    BotAuthResult CheckActivity(BotTokenCheck token, string? activityServiceUrl, string? channelId);
}

/// <summary>A token checked by <see cref="IBotTokenValidator.VerifyTokenAsync"/>, to be checked against its activity.</summary>
public sealed class BotTokenCheck
{
    internal BotTokenCheck(BotAuthResult failure)
    {
        Failure = failure;
        Raw = "";
    }

    internal BotTokenCheck(string raw, VerifiedToken token, Microsoft.IdentityModel.Protocols.OpenIdConnect.OpenIdConnectConfiguration?
        configuration, bool remembered)
    {
        Raw = raw;
        Token = token;
        Configuration = configuration;
        Remembered = remembered;
    }

    /// <summary>Why the token is refused (401), or that it could not be checked (<see cref="BotAuthResult.IsUnavailable"/>, 503).</summary>
    public BotAuthResult? Failure { get; }

    internal string Raw { get; }

    internal VerifiedToken? Token { get; }

    /// <summary>The key set the token was verified against (its keys' endorsements).</summary>
    internal Microsoft.IdentityModel.Protocols.OpenIdConnect.OpenIdConnectConfiguration? Configuration { get; }

    /// <summary>Verified earlier and remembered (<see cref="VerifiedTokenCache"/>), so not to be added again.</summary>
    internal bool Remembered { get; }
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
