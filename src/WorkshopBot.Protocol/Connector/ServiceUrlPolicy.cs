using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using WorkshopBot.Protocol.Auth;

namespace WorkshopBot.Protocol.Connector;

/// <summary>What the connector may do with a serviceUrl.</summary>
public enum ServiceUrlDecision
{
    /// <summary>Not allowed at all (a host not on the list, or any non-loopback host in development mode): nothing is sent.</summary>
    Refuse,

    /// <summary>Send, but without the bot's token (loopback, unless loopback is allowed the token for tests).</summary>
    SendWithoutToken,

    /// <summary>Send with the bot's token.</summary>
    AttachToken,
}

/// <summary>
/// Decides whether the bot may call a serviceUrl at all, and whether with its token, so that neither the token nor a
/// message (a card about children's cases) goes to a host the bot does not trust.
/// </summary>
/// <remarks>
/// <para>With an app id: a listed https host gets the token; loopback is sent to without it (with it when
/// <c>Bot:AllowLoopbackServiceUrls</c> is set, for tests, or the loopback name is listed); any other host, https or
/// http, is refused.
/// Without an app id (development mode): loopback without a token; anything else refused.</para>
/// <para>Built-in hosts (https only): <c>smba.trafficmanager.net</c>, <c>smba.infra.gcc.teams.microsoft.com</c>,
/// <c>smba.infra.gov.teams.microsoft.us</c>, <c>smba.infra.dod.teams.microsoft.us</c> and subdomains of
/// <c>botframework.com</c>, <c>botframework.us</c>, <c>botframework.azure.us</c>, <c>teams.microsoft.com</c>.
/// <c>*.trafficmanager.net</c> is deliberately not on the list: any Azure customer can create a name there.</para>
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

    /// <summary>
    /// Decisions on serviceUrl texts already seen: the endpoint asks for every activity, and Teams uses a handful of them.
    /// Bounded, since only an authenticated caller's serviceUrl is asked about and the decision never changes.
    /// </summary>
    private readonly ConcurrentDictionary<string, ServiceUrlDecision> _decided = new(StringComparer.Ordinal);

    private const int MaxDecided = 256;

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

    public ServiceUrlDecision Evaluate(string? serviceUrl)
    {
        if (serviceUrl is null)
        {
            return ServiceUrlDecision.Refuse;
        }

        if (_decided.TryGetValue(serviceUrl, out var decided))
        {
            return decided;
        }

        var decision = Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri) ? Evaluate(uri) : ServiceUrlDecision.Refuse;
        if (_decided.Count < MaxDecided)
        {
            _decided.TryAdd(serviceUrl, decision);
        }

        return decision;
    }

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

        if (loopback)
        {
            // A test server or a local proxy: the token only when allowed for tests or the host is listed by name.
            return _allowLoopback || IsListedHost(uri.IdnHost) ? ServiceUrlDecision.AttachToken : ServiceUrlDecision.SendWithoutToken;
        }

        // Any other host gets nothing unless it is listed: a message carries audit content, not only the token. Plain
        // http would expose both on the wire, so it is refused even for a listed host.
        return uri.Scheme == Uri.UriSchemeHttps && IsListedHost(uri.IdnHost) ? ServiceUrlDecision.AttachToken : ServiceUrlDecision.Refuse;
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
