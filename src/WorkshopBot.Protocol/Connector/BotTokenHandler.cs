using System.Net.Http.Headers;

namespace WorkshopBot.Protocol.Connector;

/// <summary>
/// Attaches the bot's token only to hosts the <see cref="ServiceUrlPolicy"/> allows, and refuses (before
/// sending) what the policy refuses, e.g. a non-loopback serviceUrl in development mode.
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
                var token = await tokenProvider.GetTokenAsync(cancellationToken).ConfigureAwait(false);
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
}
