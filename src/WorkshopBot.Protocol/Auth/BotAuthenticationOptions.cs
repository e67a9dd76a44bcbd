namespace WorkshopBot.Protocol.Auth;

/// <summary>
/// The settings Azure Bot Service users already know, read from the configuration root
/// (<c>MicrosoftAppId</c>, <c>MicrosoftAppPassword</c>, ...). An empty app id means local development mode.
/// </summary>
public sealed class BotAuthenticationOptions
{
    public const string DefaultOpenIdMetadataUrl = "https://login.botframework.com/v1/.well-known/openidconfiguration";
    public const string DefaultTokenIssuer = "https://api.botframework.com";
    public const string DefaultLoginUrl = "https://login.microsoftonline.com/botframework.com";
    public const string DefaultOAuthScope = "https://api.botframework.com/.default";

    public string? MicrosoftAppId { get; set; }
    public string? MicrosoftAppPassword { get; set; }
    public string? MicrosoftAppTenantId { get; set; }

    /// <summary><c>MultiTenant</c> (default), <c>SingleTenant</c> or <c>UserAssignedMSI</c>.</summary>
    public string? MicrosoftAppType { get; set; }

    public string? ToBotFromChannelOpenIdMetadataUrl { get; set; }
    public string? ToBotFromChannelTokenIssuer { get; set; }
    public string? ToChannelFromBotLoginUrl { get; set; }
    public string? ToChannelFromBotOAuthScope { get; set; }

    /// <summary>
    /// Overrides where single-tenant bots fetch Entra ID signing keys (tests point it at a loopback fake).
    /// Empty: <c>https://login.microsoftonline.com/{tenant}/v2.0/.well-known/openid-configuration</c>.
    /// </summary>
    public string? EntraOpenIdMetadataUrl { get; set; }

    /// <summary>
    /// The app ids (the token's <c>appid</c> or <c>azp</c> claim) whose Entra ID tokens a single-tenant bot accepts,
    /// besides its own. Any app registered in the tenant can obtain a token for the bot's audience, so an Entra ID token
    /// from a caller not listed here is refused: it could otherwise name any person and any serviceUrl.
    /// </summary>
    public IList<string> AllowedCallers { get; } = [];

    /// <summary>True when no app id is configured: no inbound auth, loopback only.</summary>
    public bool IsDevelopmentMode => string.IsNullOrWhiteSpace(MicrosoftAppId);

    /// <summary>SingleTenant, or UserAssignedMSI (a managed identity lives in one tenant, as Azure Bot Service requires).</summary>
    public bool IsSingleTenant => string.Equals(MicrosoftAppType, "SingleTenant", StringComparison.OrdinalIgnoreCase)
        || string.Equals(MicrosoftAppType, "UserAssignedMSI", StringComparison.OrdinalIgnoreCase);

    public string OpenIdMetadataUrl => Or(ToBotFromChannelOpenIdMetadataUrl, DefaultOpenIdMetadataUrl);
    public string TokenIssuer => Or(ToBotFromChannelTokenIssuer, DefaultTokenIssuer);
    /// <summary>The Entra ID metadata URL for <see cref="MicrosoftAppTenantId"/> (single-tenant bots only).</summary>
    public string EntraMetadataUrl => Or(
        EntraOpenIdMetadataUrl,
        $"https://login.microsoftonline.com/{MicrosoftAppTenantId}/v2.0/.well-known/openid-configuration");

    /// <summary>The issuers of Entra ID tokens (v2 and v1) for <see cref="MicrosoftAppTenantId"/>.</summary>
    public IReadOnlyList<string> EntraIssuers =>
    [
        $"https://login.microsoftonline.com/{MicrosoftAppTenantId}/v2.0",
        $"https://sts.windows.net/{MicrosoftAppTenantId}/",
    ];

    /// <summary>True when an Entra ID token from <paramref name="appId"/> may be accepted: the bot itself, or a listed caller.</summary>
    public bool IsAllowedEntraCaller(string? appId) => !string.IsNullOrWhiteSpace(appId)
        && (string.Equals(appId, MicrosoftAppId, StringComparison.OrdinalIgnoreCase)
            || AllowedCallers.Any(c => string.Equals(c?.Trim(), appId, StringComparison.OrdinalIgnoreCase)));

    public string OAuthScope => Or(ToChannelFromBotOAuthScope, DefaultOAuthScope);

    /// <summary>
    /// The MSAL authority for outbound tokens: the configured login URL, else the app's tenant for
    /// single-tenant bots, else botframework.com.
    /// </summary>
    public string LoginUrl => !string.IsNullOrWhiteSpace(ToChannelFromBotLoginUrl)
        ? ToChannelFromBotLoginUrl!
        : IsSingleTenant && !string.IsNullOrWhiteSpace(MicrosoftAppTenantId)
            ? $"https://login.microsoftonline.com/{MicrosoftAppTenantId}"
            : DefaultLoginUrl;

    private static string Or(string? value, string fallback) => string.IsNullOrWhiteSpace(value) ? fallback : value;
}
