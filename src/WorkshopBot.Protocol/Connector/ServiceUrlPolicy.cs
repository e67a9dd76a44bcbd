using Microsoft.Extensions.Options;
using WorkshopBot.Protocol.Auth;

namespace WorkshopBot.Protocol.Connector;

/// <summary>What the connector may do with a serviceUrl.</summary>
public enum ServiceUrlDecision
{
    /// <summary>Not allowed at all (development mode, non-loopback host): the request is not sent.</summary>
    Refuse,

    /// <summary>Send, but without the bot's token (development mode to loopback, or an unlisted host).</summary>
    SendWithoutToken,

    /// <summary>Send with the bot's token.</summary>
    AttachToken,
}

/// <summary>
/// Decides whether the bot's token may be attached to a serviceUrl, so that a forged activity cannot make the
/// bot hand its token to an arbitrary host.
/// </summary>
/// <remarks>
/// Built-in hosts (https only): <c>smba.trafficmanager.net</c>, <c>smba.infra.gcc.teams.microsoft.com</c>,
/// <c>smba.infra.gov.teams.microsoft.us</c>, <c>smba.infra.dod.teams.microsoft.us</c> and subdomains of
/// <c>botframework.com</c>, <c>botframework.us</c>, <c>botframework.azure.us</c>, <c>teams.microsoft.com</c>.
/// <c>*.trafficmanager.net</c> is deliberately not on the list: any Azure customer can create a name there.
/// </remarks>
public sealed class ServiceUrlPolicy
{
    private static readonly string[] BuiltInExactHosts =
    [
        "smba.trafficmanager.net",
        "smba.infra.gcc.teams.microsoft.com",
        "smba.infra.gov.teams.microsoft.us",
        "smba.infra.dod.teams.microsoft.us",
    ];

    private static readonly string[] BuiltInSuffixes =
    [
        ".botframework.com",
        ".botframework.us",
        ".botframework.azure.us",
        ".teams.microsoft.com",
    ];

    private readonly bool _developmentMode;
    private readonly bool _allowLoopback;
    private readonly HashSet<string> _exactHosts;
    private readonly string[] _suffixes;

    public ServiceUrlPolicy(IOptions<BotAuthenticationOptions> authOptions, IOptions<ServiceUrlPolicyOptions> policyOptions)
    {
        _developmentMode = authOptions.Value.IsDevelopmentMode;
        _allowLoopback = policyOptions.Value.AllowLoopbackServiceUrls;
        _exactHosts = new HashSet<string>(BuiltInExactHosts, StringComparer.OrdinalIgnoreCase);
        var suffixes = new List<string>(BuiltInSuffixes);
        foreach (var entry in policyOptions.Value.AllowedServiceUrlHosts)
        {
            var host = entry?.Trim() ?? "";
            if (host.StartsWith("*.", StringComparison.Ordinal))
            {
                suffixes.Add(host[1..]);
            }
            else if (host.Length > 0)
            {
                _exactHosts.Add(host);
            }
        }

        _suffixes = [.. suffixes];
    }

    /// <summary>True when no app id is configured: outbound calls carry no token and go only to loopback.</summary>
    public bool IsDevelopmentMode => _developmentMode;

    public ServiceUrlDecision Evaluate(string? serviceUrl) =>
        Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri) ? Evaluate(uri) : ServiceUrlDecision.Refuse;

    public ServiceUrlDecision Evaluate(Uri uri)
    {
        if (!uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) || uri.UserInfo.Length > 0)
        {
            return ServiceUrlDecision.Refuse;
        }

        var loopback = Loopback.IsLoopbackUri(uri);
        if (_developmentMode)
        {
            return loopback ? ServiceUrlDecision.SendWithoutToken : ServiceUrlDecision.Refuse;
        }

        // Plain http would expose the token on the wire; only loopback test servers may use it.
        if (uri.Scheme == Uri.UriSchemeHttp && !loopback)
        {
            return ServiceUrlDecision.SendWithoutToken;
        }

        if (loopback && _allowLoopback)
        {
            return ServiceUrlDecision.AttachToken;
        }

        return IsListedHost(uri.IdnHost) ? ServiceUrlDecision.AttachToken : ServiceUrlDecision.SendWithoutToken;
    }

    /// <summary>True when the bot's token may be sent to this serviceUrl.</summary>
    public bool MayAttachToken(string? serviceUrl) => Evaluate(serviceUrl) == ServiceUrlDecision.AttachToken;

    private bool IsListedHost(string host)
    {
        if (_exactHosts.Contains(host))
        {
            return true;
        }

        foreach (var suffix in _suffixes)
        {
            if (host.Length > suffix.Length && host.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
