using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace WorkshopBot.Protocol.Auth;

/// <summary>
/// The two halves of a check: the token on its own (<see cref="VerifyTokenAsync"/>, before the request's body is read,
/// so an unauthenticated caller gets 401 whatever it sends), then the token against its activity (<see cref="CheckActivity"/>).
/// </summary>
public sealed partial class BotTokenValidator
{
    public async Task<BotAuthResult> ValidateAsync(string? authorizationHeader, string? activityServiceUrl, string? channelId,
        CancellationToken cancellationToken)
    {
        var token = await VerifyTokenAsync(authorizationHeader, cancellationToken).ConfigureAwait(false);
        return token.Failure ?? CheckActivity(token, activityServiceUrl, channelId);
    }

    public async Task<BotTokenCheck> VerifyTokenAsync(string? authorizationHeader, CancellationToken cancellationToken)
    {
        var token = await VerifyCoreAsync(authorizationHeader, cancellationToken).ConfigureAwait(false);
        if (token.Failure is { IsUnavailable: false } failure)
        {
            LogRejected(failure.FailureReason ?? "unknown");
        }

        return token;
    }

    public BotAuthResult CheckActivity(BotTokenCheck token, string? activityServiceUrl, string? channelId)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (token.Failure is { } failure)
        {
            return failure;
        }

        var result = PerRequest(token.Token!, token.Configuration, activityServiceUrl, channelId, _options);
        if (!result.IsAuthenticated)
        {
            LogRejected(result.FailureReason ?? "unknown");
        }
        else if (!token.Remembered && !string.IsNullOrEmpty(token.Token!.KeyId))
        {
            // Only a token that passed every check is remembered.
            _verified.Add(token.Raw, token.Token);
        }

        return result;
    }

    private async Task<BotTokenCheck> VerifyCoreAsync(string? authorizationHeader, CancellationToken cancellationToken)
    {
        if (_botFramework is null)
        {
            return Refused("No MicrosoftAppId is configured: tokens cannot be validated in development mode.");
        }

        if (string.IsNullOrWhiteSpace(authorizationHeader))
        {
            return Refused("Missing Authorization header.");
        }

        if (!authorizationHeader.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return Refused("Authorization header is not a Bearer token.");
        }

        var raw = authorizationHeader[BearerPrefix.Length..].Trim();
        if (raw.Length > 0 && _verified.TryGet(raw, out var known)
            && await FromVerifiedAsync(raw, known, cancellationToken).ConfigureAwait(false) is { } fast)
        {
            return fast;
        }

        if (raw.Length == 0 || !_handler.CanReadToken(raw))
        {
            return Refused("Bearer token is not a well-formed JWT.");
        }

        JsonWebToken unverified;
        try
        {
            unverified = _handler.ReadJsonWebToken(raw);
        }
        catch (ArgumentException)
        {
            return Refused("Bearer token is not a well-formed JWT.");
        }

        // Checked before anything else so alg:none and HMAC tokens never reach key resolution.
        if (!string.Equals(unverified.Alg, SecurityAlgorithms.RsaSha256, StringComparison.Ordinal))
        {
            return Refused("Token algorithm is not RS256.");
        }

        var (source, issuers, isEntra) = SelectAuthority(unverified.Issuer);
        if (source is null)
        {
            return Refused("Token issuer is not trusted.");
        }

        var (validation, configuration) = await ValidateSignedAsync(raw, source, issuers, cancellationToken).ConfigureAwait(false);
        if (validation is null)
        {
            return new BotTokenCheck(BotAuthResult.Unavailable(KeysUnavailable));
        }

        if (!validation.IsValid)
        {
            return Refused($"Token validation failed: {validation.Exception?.GetType().Name ?? "unknown"}.");
        }

        var identity = validation.ClaimsIdentity;
        var verified = new VerifiedToken(
            isEntra,
            unverified.Kid,
            identity.FindFirst(ServiceUrlClaim)?.Value,
            identity.FindFirst("appid")?.Value ?? identity.FindFirst("azp")?.Value,
            unverified.ValidFrom == DateTime.MinValue ? null : unverified.ValidFrom,
            unverified.ValidTo);
        return new BotTokenCheck(raw, verified, configuration, remembered: false);
    }

    private static BotTokenCheck Refused(string reason) => new(BotAuthResult.Fail(reason));
}
