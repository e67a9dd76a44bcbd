using Npgsql;
using WorkshopBot.Protocol.Auth;

namespace WorkshopBot.Storage;

/// <summary>
/// A PostgreSQL server reached over a network must prove who it is: with SSL Mode below VerifyCA (Disable, Allow,
/// Prefer, Npgsql's default, or Require, which encrypts but accepts any certificate) anyone on the path can pose as the
/// server and read every return, vote and briefing the bot stores. Loopback hosts and Unix sockets stay on the machine.
/// </summary>
internal static class PostgresServerCheck
{
    /// <summary>Why the connection string is refused, naming the setting and the SSL mode but never the string; null when fine.</summary>
    public static string? Problem(NpgsqlConnectionStringBuilder connection)
    {
        if (connection.SslMode is SslMode.VerifyCA or SslMode.VerifyFull || IsOnThisComputer(connection.Host))
        {
            return null;
        }

        return $"Storage:PostgresConnectionString (or ConnectionStrings:Postgres) reaches a server that is not on this computer with " +
            $"SSL Mode={connection.SslMode}, which does not check the server's certificate: anyone between WorkshopBot and the server " +
            "could pose as it and read the partnership's data. Set SSL Mode=VerifyFull (Azure Database for PostgreSQL's " +
            "certificates chain to public roots; for a server with a private certificate authority add Root Certificate=<its " +
            "PEM file>).";
    }

    /// <summary>Every host of the (comma-separated) list is loopback or a Unix socket folder; false when none is given.</summary>
    private static bool IsOnThisComputer(string? hosts)
    {
        var list = (hosts ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return list.Length > 0 && list.All(h => h.StartsWith('/') || Loopback.IsLoopbackHost(WithoutPort(h)));
    }

    /// <summary>"host:5432" → "host", "[::1]:5432" → "[::1]"; a bare IPv6 literal ("::1") is left whole.</summary>
    private static string WithoutPort(string host)
    {
        if (host.StartsWith('['))
        {
            var end = host.IndexOf(']', StringComparison.Ordinal);
            return end < 0 ? host : host[..(end + 1)];
        }

        var colon = host.IndexOf(':', StringComparison.Ordinal);
        return colon >= 0 && colon == host.LastIndexOf(':') ? host[..colon] : host;
    }
}
