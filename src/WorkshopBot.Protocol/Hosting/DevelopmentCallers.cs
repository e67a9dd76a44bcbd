using Microsoft.AspNetCore.Http;
using WorkshopBot.Protocol.Auth;

namespace WorkshopBot.Protocol.Hosting;

/// <summary>
/// What local development mode (no app id, so no token) asks of a caller besides a loopback address, so that a web page
/// the developer visits cannot drive the bot: a page may POST a "simple" cross-origin request (text/plain, no preflight)
/// to localhost, and DNS rebinding lets a page on its own host name read the answers. So the body must be declared
/// <c>application/json</c> (a page cannot send that cross-origin without a preflight the bot never answers), the Host
/// header must be <c>localhost</c> or a loopback literal (any port), and nothing may have been forwarded by a proxy.
/// </summary>
public static class DevelopmentCallers
{
    private static readonly string[] ForwardingHeaders = ["X-Forwarded-For", "Forwarded", "X-Forwarded-Host"];

    /// <summary>The status to refuse the request with (403 or 415), or null when it may go on.</summary>
    public static int? Refusal(HttpRequest request, out string reason)
    {
        if (NotFromThisComputer(request) is { } elsewhere)
        {
            reason = elsewhere;
            return StatusCodes.Status403Forbidden;
        }

        if (!JsonContentType.IsJson(request.ContentType))
        {
            reason = "Content-Type not application/json";
            return StatusCodes.Status415UnsupportedMediaType;
        }

        reason = "";
        return null;
    }

    /// <summary>
    /// Why the request may not come from a page or person on this computer (forwarded by a proxy, or a Host that is not
    /// localhost or a loopback literal, as DNS rebinding gives), or null. Any development-mode endpoint asks this.
    /// </summary>
    public static string? NotFromThisComputer(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        foreach (var header in ForwardingHeaders)
        {
            if (request.Headers.ContainsKey(header))
            {
                return "forwarded by a proxy (" + header + ")";
            }
        }

        return !request.Host.HasValue || !Loopback.IsLoopbackHost(request.Host.Host)
            ? "Host header not localhost or a loopback address"
            : null;
    }
}
