using Microsoft.Extensions.Options;
using WorkshopBot.Protocol.Auth;

namespace WorkshopBot.Protocol.Connector;

/// <summary>
/// The connector's token: the bot's credential (<see cref="BotAppCredential"/>: secret, certificate or managed
/// identity) for <c>ToChannelFromBotOAuthScope</c> at <c>ToChannelFromBotLoginUrl</c>. MSAL caches the token and
/// refreshes it shortly before it expires. Null in development mode (no app id).
/// </summary>
public sealed class MsalBotTokenProvider(BotAppCredential credential, IOptions<BotAuthenticationOptions> options) : IBotTokenProvider
{
    public async Task<string?> GetTokenAsync(CancellationToken cancellationToken)
    {
        var value = options.Value;
        if (value.IsDevelopmentMode || credential.Kind == BotCredentialKind.None)
        {
            return null;
        }

        return await credential.AcquireTokenAsync(value.LoginUrl, value.OAuthScope, cancellationToken).ConfigureAwait(false);
    }
}
