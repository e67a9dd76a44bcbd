using System.Net;

namespace WorkshopBot.Protocol.Auth;

/// <summary>Loopback checks shared by inbound auth (development callers) and outbound URL policy.</summary>
public static class Loopback
{
    /// <summary>True for 127.0.0.0/8, ::1 and their IPv4-mapped IPv6 forms; false for null.</summary>
    public static bool IsLoopback(IPAddress? address)
    {
        if (address is null)
        {
            return false;
        }

        // Kestrel reports IPv4 callers on a dual-stack socket as ::ffff:127.0.0.1, which IPAddress.IsLoopback misses.
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        return IPAddress.IsLoopback(address);
    }

    /// <summary>True for <c>localhost</c> and loopback IP literals (a URI host, brackets allowed).</summary>
    public static bool IsLoopbackHost(string? host)
    {
        if (string.IsNullOrWhiteSpace(host))
        {
            return false;
        }

        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var literal = host.StartsWith('[') && host.EndsWith(']') ? host[1..^1] : host;
        return IPAddress.TryParse(literal, out var address) && IsLoopback(address);
    }

    /// <summary>True when the URI is absolute and its host is loopback.</summary>
    public static bool IsLoopbackUri(Uri? uri) => uri is { IsAbsoluteUri: true } && IsLoopbackHost(uri.Host);

    /// <summary>
    /// True for an absolute https URL, or an http one whose host is loopback (a test server on this computer): where the bot
    /// may send a token, or hand out links that are credentials themselves.
    /// </summary>
    public static bool IsHttpsOrLoopbackUri(Uri? uri) =>
        uri is { IsAbsoluteUri: true } && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && IsLoopbackUri(uri)));
}
