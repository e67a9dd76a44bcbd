using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace WorkshopBot.Briefings;

/// <summary>What a download link grants: one format of one briefing version, to the chair it was issued to, until it expires.</summary>
public sealed record DownloadGrant(Guid AuditId, int Version, string Format, DateTimeOffset ExpiresAt, string UserKey);

/// <summary>
/// Signed, short-lived download links (HMAC-SHA256). The link is the credential: it is only ever shown to the
/// chair in their own card, and stops working after <see cref="BriefingOptions.DownloadLinkLifetime"/>.
/// </summary>
public sealed class BriefingDownloadLinks
{
    public const string Docx = "docx";
    public const string Markdown = "md";

    private readonly byte[] _key;
    private readonly TimeProvider _time;
    private readonly TimeSpan _lifetime;

    public BriefingDownloadLinks(IOptions<BriefingOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _time = time;
        _lifetime = options.Value.DownloadLinkLifetime;
        _key = options.Value.DownloadSigningKey is { Length: > 0 } configured
            ? Convert.FromBase64String(configured)
            : RandomNumberGenerator.GetBytes(32);
    }

    /// <summary>The path (no host) of a new link, e.g. <c>api/briefings/{token}.docx</c>.</summary>
    public string CreatePath(Guid auditId, int version, string format, string userKey)
    {
        var expires = _time.GetUtcNow().Add(_lifetime).ToUnixTimeSeconds();
        var payload = string.Join('|', auditId.ToString("N"), version.ToString(CultureInfo.InvariantCulture), format,
            expires.ToString(CultureInfo.InvariantCulture), userKey);
        var payloadBytes = Encoding.UTF8.GetBytes(payload);
        var token = Base64Url(payloadBytes) + "~" + Base64Url(HMACSHA256.HashData(_key, payloadBytes));
        return $"api/briefings/{token}.{format}";
    }

    /// <summary>The grant in a token, or null when it is forged, altered, for another format or expired.</summary>
    public DownloadGrant? Validate(string token, string format)
    {
        var parts = (token ?? string.Empty).Split('~');
        if (parts.Length != 2 || FromBase64Url(parts[0]) is not { } payloadBytes || FromBase64Url(parts[1]) is not { } signature)
        {
            return null;
        }

        if (!CryptographicOperations.FixedTimeEquals(signature, HMACSHA256.HashData(_key, payloadBytes)))
        {
            return null;
        }

        var fields = Encoding.UTF8.GetString(payloadBytes).Split('|', 5);
        if (fields.Length != 5
            || !Guid.TryParseExact(fields[0], "N", out var auditId)
            || !int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            || fields[2] != format
            || !long.TryParse(fields[3], NumberStyles.None, CultureInfo.InvariantCulture, out var expires))
        {
            return null;
        }

        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(expires);
        return expiresAt <= _time.GetUtcNow() ? null : new DownloadGrant(auditId, version, format, expiresAt, fields[4]);
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[]? FromBase64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - padded.Length % 4) % 4);
        try
        {
            return Convert.FromBase64String(padded);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
