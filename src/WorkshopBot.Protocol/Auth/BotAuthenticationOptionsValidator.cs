using Microsoft.Extensions.Options;

namespace WorkshopBot.Protocol.Auth;

/// <summary>Fails start-up with a readable message when the bot's credentials or URLs are inconsistent.</summary>
public sealed class BotAuthenticationOptionsValidator : IValidateOptions<BotAuthenticationOptions>
{
    public ValidateOptionsResult Validate(string? name, BotAuthenticationOptions options)
    {
        var errors = new List<string>();

        if (!options.IsDevelopmentMode)
        {
            var type = options.MicrosoftAppType;
            var knownType = string.IsNullOrWhiteSpace(type)
                || string.Equals(type, "MultiTenant", StringComparison.OrdinalIgnoreCase)
                || options.IsSingleTenant;
            if (!knownType)
            {
                // The credential itself (secret, certificate or managed identity) is checked by BotCredentialOptionsValidator.
                errors.Add($"MicrosoftAppType '{type}' is not supported: use MultiTenant, SingleTenant or UserAssignedMSI.");
            }

            if (options.IsSingleTenant && string.IsNullOrWhiteSpace(options.MicrosoftAppTenantId))
            {
                errors.Add($"MicrosoftAppTenantId is required when MicrosoftAppType is {type}.");
            }

            if (Guid.TryParse(options.MicrosoftAppTenantId, out var tenant) && tenant == Guid.Empty)
            {
                errors.Add("MicrosoftAppTenantId is the all-zero placeholder of appsettings.sample.json: set your Microsoft 365 " +
                    "tenant id (Entra admin centre > Overview > Tenant ID).");
            }

            CheckMetadataUrl(errors, "ToBotFromChannelOpenIdMetadataUrl", options.OpenIdMetadataUrl);
            if (options.IsSingleTenant)
            {
                CheckMetadataUrl(errors, "EntraOpenIdMetadataUrl", options.EntraMetadataUrl);
            }

            if (!Uri.TryCreate(options.LoginUrl, UriKind.Absolute, out var login) || login.Scheme != Uri.UriSchemeHttps)
            {
                // MSAL only talks to https authorities; tests replace IBotTokenProvider instead.
                errors.Add($"ToChannelFromBotLoginUrl must be an absolute https URL (got '{options.LoginUrl}').");
            }
            else if (options.IsSingleTenant && IsMultiTenantAuthority(login))
            {
                // Entra ID refuses a single-tenant app at the botframework.com authority (AADSTS700016), so every send would
                // wait for a token that never comes.
                errors.Add($"ToChannelFromBotLoginUrl is {options.LoginUrl}, the multi-tenant authority, but MicrosoftAppType is "
                    + $"{type}: WorkshopBot gets its token from its own tenant. Leave ToChannelFromBotLoginUrl empty (it is then "
                    + "https://login.microsoftonline.com/{MicrosoftAppTenantId}) or give your tenant's authority.");
            }

            if (string.IsNullOrWhiteSpace(options.TokenIssuer))
            {
                errors.Add("ToBotFromChannelTokenIssuer must not be blank.");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>An authority whose tenant is botframework.com (Bot Framework's multi-tenant one), in any cloud.</summary>
    private static bool IsMultiTenantAuthority(Uri login) =>
        login.AbsolutePath.Trim('/').Split('/')[0].Equals("botframework.com", StringComparison.OrdinalIgnoreCase);

    /// <summary>Signing keys fetched over plain http could be swapped by anyone on the path, so only loopback may use it.</summary>
    private static void CheckMetadataUrl(List<string> errors, string key, string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            errors.Add($"{key} must be an absolute https URL (got '{url}').");
        }
        else if (!Loopback.IsHttpsOrLoopbackUri(uri))
        {
            errors.Add($"{key} uses http for the non-loopback host '{uri.Host}': signing keys must come over https "
                + "(http is allowed only for loopback test servers).");
        }
    }
}
