using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace WorkshopBot.Protocol.Auth;

/// <summary>
/// Validates the Bearer JWT on inbound activities: Bot Framework tokens (issuer <see cref="BotAuthenticationOptions.TokenIssuer"/>,
/// keys from its OpenID metadata) and, for single-tenant bots, Entra ID tokens of the bot's own tenant.
/// RS256 only; lifetime checked against the injected <see cref="TimeProvider"/> with 5 minutes' skew.
/// </summary>
/// <remarks>
/// Entra ID tokens carry no <c>serviceurl</c> claim, so for them the claim is optional; when present it must
/// still match. They are accepted only from the bot itself or a caller in <see cref="BotAuthenticationOptions.AllowedCallers"/>.
/// Bot Framework tokens must always carry a matching claim.
/// </remarks>
public sealed partial class BotTokenValidator : IBotTokenValidator
{
    /// <summary>The named HttpClient used to fetch OpenID metadata and signing keys.</summary>
    public const string MetadataHttpClientName = "WorkshopBot.OpenIdMetadata";

    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>Unknown key ids trigger a metadata refresh, but not more often than this.</summary>
    public static readonly TimeSpan MinimumKeyRefreshInterval = TimeSpan.FromMinutes(5);

    private const string BearerPrefix = "Bearer ";
    private const string ServiceUrlClaim = "serviceurl";
    private const string KeysUnavailable = "The authority's signing keys could not be fetched.";

    private readonly BotAuthenticationOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<BotTokenValidator> _logger;
    private readonly JsonWebTokenHandler _handler = new();
    private readonly SigningKeySource? _botFramework;
    private readonly SigningKeySource? _entra;
    private readonly VerifiedTokenCache _verified;

    /// <summary>How many verified tokens are kept (for tests).</summary>
    internal int VerifiedTokenCount => _verified.Count;

    public BotTokenValidator(
        IOptions<BotAuthenticationOptions> options,
        IHttpClientFactory httpClientFactory,
        TimeProvider timeProvider,
        ILogger<BotTokenValidator> logger)
    {
        _options = options.Value;
        _time = timeProvider;
        _logger = logger;
        _verified = new VerifiedTokenCache(timeProvider);
        if (_options.IsDevelopmentMode)
        {
            return;
        }

        var httpClient = httpClientFactory.CreateClient(MetadataHttpClientName);
        _botFramework = new SigningKeySource(_options.OpenIdMetadataUrl, httpClient, timeProvider);
        if (_options.IsSingleTenant)
        {
            _entra = new SigningKeySource(_options.EntraMetadataUrl, httpClient, timeProvider);
        }
    }

    private (SigningKeySource? Source, string[] Issuers, bool IsEntra) SelectAuthority(string? issuer)
    {
        if (string.Equals(issuer, _options.TokenIssuer, StringComparison.Ordinal))
        {
            return (_botFramework, [_options.TokenIssuer], false);
        }

        if (_entra is not null && issuer is not null && _options.EntraIssuers.Contains(issuer, StringComparer.Ordinal))
        {
            return (_entra, [.. _options.EntraIssuers], true);
        }

        return (null, [], false);
    }

    /// <summary>The signature, issuer, audience and lifetime; a null result when the authority's keys cannot be fetched.</summary>
    private async Task<(TokenValidationResult? Result, OpenIdConnectConfiguration? Configuration)> ValidateSignedAsync(
        string raw,
        SigningKeySource source,
        string[] issuers,
        CancellationToken cancellationToken)
    {
        OpenIdConnectConfiguration configuration;
        try
        {
            configuration = await source.GetAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidOperationException ex)
        {
            LogMetadataUnavailable(ex.GetType().Name);
            return (null, null);
        }

        var result = await _handler.ValidateTokenAsync(raw, Parameters(configuration, issuers)).ConfigureAwait(false);
        if (result.IsValid || result.Exception is not SecurityTokenSignatureKeyNotFoundException)
        {
            return (result, configuration);
        }

        // Keys rotate: refetch (at most every MinimumKeyRefreshInterval) and try once more.
        var refreshed = await source.RefreshAsync(cancellationToken).ConfigureAwait(false);
        if (refreshed is null || ReferenceEquals(refreshed, configuration))
        {
            return (result, configuration);
        }

        LogKeysRefreshed();
        return (await _handler.ValidateTokenAsync(raw, Parameters(refreshed, issuers)).ConfigureAwait(false), refreshed);
    }

    /// <summary>
    /// True when the key <paramref name="keyId"/> of the key set lists <paramref name="channelId"/> among its
    /// <c>endorsements</c>. A key with no endorsements endorses nothing, and an activity without a channel id is not
    /// endorsed either.
    /// </summary>
    internal static bool IsEndorsed(OpenIdConnectConfiguration? configuration, string? keyId, string? channelId)
    {
        if (configuration?.JsonWebKeySet is null || string.IsNullOrEmpty(keyId) || string.IsNullOrEmpty(channelId))
        {
            return false;
        }

        var key = configuration.JsonWebKeySet.Keys.FirstOrDefault(k => string.Equals(k.Kid, keyId, StringComparison.Ordinal));
        if (key is null || !key.AdditionalData.TryGetValue("endorsements", out var endorsements))
        {
            return false;
        }

        return Endorsements(endorsements).Contains(channelId, StringComparer.OrdinalIgnoreCase);
    }

    private static IEnumerable<string> Endorsements(object? value) => value switch
    {
        System.Text.Json.JsonElement { ValueKind: System.Text.Json.JsonValueKind.Array } array =>
            array.EnumerateArray().Where(e => e.ValueKind == System.Text.Json.JsonValueKind.String).Select(e => e.GetString()!),
        string single => [single],
        System.Collections.IEnumerable items => items.Cast<object?>().Select(i => i?.ToString()).OfType<string>(),
        _ => [],
    };

    private TokenValidationParameters Parameters(OpenIdConnectConfiguration configuration, string[] issuers) => new()
    {
        ValidIssuers = issuers,
        ValidateIssuer = true,
        ValidAudience = _options.MicrosoftAppId,
        ValidateAudience = true,
        IssuerSigningKeys = configuration.SigningKeys,
        ValidateIssuerSigningKey = false,
        RequireSignedTokens = true,
        ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
        RequireExpirationTime = true,
        ValidateLifetime = true,
        ClockSkew = ClockSkew,
        LifetimeValidator = ValidateLifetime,
        SaveSigninToken = false,
    };

    /// <summary>Lifetime against <see cref="TimeProvider"/> (the library's own check reads the system clock).</summary>
    private bool ValidateLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        if (expires is null)
        {
            return false;
        }

        var now = _time.GetUtcNow().UtcDateTime;
        if (notBefore is { } nbf && now + ClockSkew < nbf)
        {
            return false;
        }

        return now - ClockSkew < expires.Value;
    }

    internal static bool ServiceUrlsMatch(string claim, string? activityServiceUrl) =>
        activityServiceUrl is not null
        && string.Equals(claim.TrimEnd('/'), activityServiceUrl.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "A token sent to WorkshopBot was refused: {Reason}")]
    private partial void LogRejected(string reason);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Error, Message = "OpenID metadata could not be fetched ({ErrorType})")]
    private partial void LogMetadataUnavailable(string errorType);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Information, Message = "Signing keys refetched after an unknown key id")]
    private partial void LogKeysRefreshed();
}
