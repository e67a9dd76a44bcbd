using Microsoft.Extensions.Options;
using Microsoft.Identity.Client;
using WorkshopBot.Protocol.Auth;

namespace WorkshopBot.Protocol.Connector;

/// <summary>
/// Client-credentials tokens from MSAL. One confidential client per process (register as a singleton) so that
/// MSAL's in-memory app token cache is reused; MSAL refreshes the token shortly before it expires.
/// </summary>
/// <remarks>
/// MSAL accepts only https authorities, so tests that need a token replace <see cref="IBotTokenProvider"/>
/// rather than pointing the login URL at a loopback http fake.
/// </remarks>
public sealed class MsalBotTokenProvider : IBotTokenProvider
{
    private readonly IConfidentialClientApplication? _app;
    private readonly string[] _scopes;

    public MsalBotTokenProvider(IOptions<BotAuthenticationOptions> options)
    {
        var value = options.Value;
        _scopes = [value.OAuthScope];
        if (value.IsDevelopmentMode)
        {
            return;
        }

        _app = ConfidentialClientApplicationBuilder
            .Create(value.MicrosoftAppId)
            .WithClientSecret(value.MicrosoftAppPassword)
            .WithAuthority(value.LoginUrl, validateAuthority: true)
            .Build();
    }

    public async Task<string?> GetTokenAsync(CancellationToken cancellationToken)
    {
        if (_app is null)
        {
            return null;
        }

        var result = await _app.AcquireTokenForClient(_scopes).ExecuteAsync(cancellationToken).ConfigureAwait(false);
        return result.AccessToken;
    }
}
