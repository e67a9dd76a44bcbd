using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace WorkshopBot.Protocol.Auth;

/// <summary>
/// The checks of a token that depend on the request or on the current key set, run on every request whether the token's
/// signature was verified just now or earlier (<see cref="VerifiedTokenCache"/>).
/// </summary>
public sealed partial class BotTokenValidator
{
    /// <summary>
    /// A token verified before: only the per-request checks remain (<see cref="CheckActivity"/>). Null when the earlier
    /// verification no longer stands (its key has left the authority's key set): the token is then verified in full.
    /// Unavailable when the keys cannot be read.
    /// </summary>
    private async Task<BotTokenCheck?> FromVerifiedAsync(string raw, VerifiedToken token, CancellationToken cancellationToken)
    {
        var source = token.IsEntra ? _entra : _botFramework;
        if (source is null)
        {
            return null;
        }

        OpenIdConnectConfiguration configuration;
        try
        {
            configuration = await source.GetAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidOperationException ex)
        {
            LogMetadataUnavailable(ex.GetType().Name);
            return new BotTokenCheck(BotAuthResult.Unavailable(KeysUnavailable));
        }

        if (!HasKey(configuration, token.KeyId))
        {
            _verified.Forget(raw);
            return null;
        }

        return new BotTokenCheck(raw, token, configuration, remembered: true);
    }

    /// <summary>The key's endorsement for the activity's channel and the serviceurl claim against the activity's.</summary>
    private static BotAuthResult PerRequest(VerifiedToken token, OpenIdConnectConfiguration? configuration, string? activityServiceUrl,
        string? channelId, BotAuthenticationOptions options)
    {
        // Any app registered in the tenant can get an Entra ID token for the bot's audience; only listed callers count.
        if (token.IsEntra && !options.IsAllowedEntraCaller(token.AppId))
        {
            return BotAuthResult.Fail("Entra ID token from a caller that is neither WorkshopBot's own app nor in AllowedCallers.");
        }

        // Bot Framework keys say which channels they may sign for; a key endorsed for another channel (webchat, say)
        // must not vouch for an activity that claims to come from this one. Entra ID keys carry no endorsements.
        if (!token.IsEntra && !IsEndorsed(configuration, token.KeyId, channelId))
        {
            return BotAuthResult.Fail("The signing key is not endorsed for the activity's channel.");
        }

        if (token.ServiceUrlClaim is null)
        {
            if (!token.IsEntra)
            {
                return BotAuthResult.Fail("Token has no serviceurl claim.");
            }
        }
        else if (!ServiceUrlsMatch(token.ServiceUrlClaim, activityServiceUrl))
        {
            return BotAuthResult.Fail("Token serviceurl claim does not match the activity's serviceUrl.");
        }

        return BotAuthResult.Success(token.AppId);
    }

    private static bool HasKey(OpenIdConnectConfiguration configuration, string? keyId) =>
        !string.IsNullOrEmpty(keyId)
        && (configuration.JsonWebKeySet?.Keys.Any(k => string.Equals(k.Kid, keyId, StringComparison.Ordinal)) == true
            || configuration.SigningKeys.Any(k => string.Equals(k.KeyId, keyId, StringComparison.Ordinal)));
}
