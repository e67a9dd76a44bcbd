using Microsoft.Extensions.Options;
using WorkshopBot.Common.Links;
using WorkshopBot.Hosting;

namespace WorkshopBot.Briefings.Teams;

/// <summary>What a download link grants: one format of one briefing version, to the chair it was issued to, until it expires.</summary>
public sealed record DownloadGrant(Guid AuditId, int Version, string Format, DateTimeOffset ExpiresAt, string UserKey);

/// <summary>Links to a briefing's DOCX or Markdown, signed by <see cref="SignedLinks"/> and short-lived.</summary>
public sealed class BriefingDownloadLinks(SignedLinks links, IOptions<BriefingOptions> options, TimeProvider time)
{
    public const string Docx = "docx";
    public const string Markdown = "md";
    private const string Purpose = "briefing-download";

    /// <summary>The path (no host) of a new link, e.g. <c>api/briefings/{token}.docx</c>.</summary>
    public async Task<string> CreatePathAsync(Guid auditId, int version, string format, string userKey, CancellationToken cancellationToken)
    {
        var grant = new DownloadGrant(auditId, version, format, time.GetUtcNow().Add(options.Value.DownloadLinkLifetime), userKey);
        var token = await links.SignAsync(Purpose, grant, grant.ExpiresAt, cancellationToken).ConfigureAwait(false);
        return $"api/briefings/{token}.{format}";
    }

    /// <summary>The grant in a token, or null when it is forged, altered, for another format or expired.</summary>
    public async Task<DownloadGrant?> ValidateAsync(string token, string format, CancellationToken cancellationToken)
    {
        var (grant, check) = await links.ReadAsync<DownloadGrant>(Purpose, token, cancellationToken).ConfigureAwait(false);
        return check == LinkCheck.Valid && grant!.Format == format ? grant : null;
    }
}
