using System.Net.Http.Headers;
using System.Security.Cryptography;
using Microsoft.Identity.Client;

namespace WorkshopBot.Protocol.Connector;

/// <summary>
/// Attaches the bot's token only to hosts the <see cref="ServiceUrlPolicy"/> allows, and refuses (before
/// sending) what the policy refuses, e.g. a host not on the list. When the bot's token cannot
/// be had (an expired secret, an Entra ID outage), the call fails as a <see cref="BotTokenUnavailableException"/>:
/// nothing was sent, and callers treat it as any other connector failure (the outbox tries again later).
/// </summary>
public sealed class BotTokenHandler(ServiceUrlPolicy policy, IBotTokenProvider tokenProvider) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri ?? throw new InvalidOperationException("The connector request has no URI.");

        // A retried request must not keep a token from an earlier attempt.
        request.Headers.Authorization = null;
        switch (policy.Evaluate(uri))
        {
            case ServiceUrlDecision.Refuse:
                throw new ServiceUrlNotAllowedException(uri.IsAbsoluteUri ? uri.Host : "(relative)");
            case ServiceUrlDecision.AttachToken:
                var token = await GetTokenAsync(cancellationToken).ConfigureAwait(false);
                if (!string.IsNullOrEmpty(token))
                {
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                }

                break;
            case ServiceUrlDecision.SendWithoutToken:
                break;
        }

        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private async Task<string?> GetTokenAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await tokenProvider.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is MsalException or HttpRequestException or TimeoutException or InvalidOperationException
            or CryptographicException or IOException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new BotTokenUnavailableException(ex);
        }
    }
}
