using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using WorkshopBot.Protocol.Auth;

namespace WorkshopBot.Protocol.Hosting;

/// <summary>
/// What local development mode (no app id, so no token) asks of a caller besides a loopback address, so that a web page
/// the developer visits cannot drive the bot: a page may POST a "simple" cross-origin request (text/plain, no preflight)
/// to localhost, and DNS rebinding lets a page on its own host name read the answers. So the body must be declared
/// <c>application/json</c> (a page cannot send that cross-origin without a preflight the bot never answers), the Host
/// header must be <c>localhost</c> or a loopback literal (any port), and nothing may have been forwarded by a proxy.
/// </summary>
internal static class DevelopmentCallers
{
    private static readonly string[] ForwardingHeaders = ["X-Forwarded-For", "Forwarded", "X-Forwarded-Host"];

    /// <summary>The status to refuse the request with (403 or 415), or null when it may go on.</summary>
    public static int? Refusal(HttpRequest request, out string reason)
    {
        foreach (var header in ForwardingHeaders)
        {
            if (request.Headers.ContainsKey(header))
            {
                reason = "forwarded by a proxy (" + header + ")";
                return StatusCodes.Status403Forbidden;
            }
        }

        if (!request.Host.HasValue || !Loopback.IsLoopbackHost(request.Host.Host))
        {
            reason = "Host header not localhost or a loopback address";
            return StatusCodes.Status403Forbidden;
        }

        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var media)
            || !media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
        {
            reason = "Content-Type not application/json";
            return StatusCodes.Status415UnsupportedMediaType;
        }

        reason = "";
        return null;
    }
}
