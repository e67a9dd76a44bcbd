using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using WorkshopBot.Common.Links;

namespace WorkshopBot.Briefings.Teams;

/// <summary>
/// What a download link grants: one format of one briefing version, to the person it was issued to. Its expiry is the
/// link's own (see <see cref="SignedLinks"/>). Links sealed before the grant lost its copy of the expiry also carry
/// "expiresAt", the same instant as the link's: it is skipped, and the link's expiry decides. The attribute keeps those
/// links readable whatever the default; it may be removed in any version released once this one has run everywhere for
/// more than 24 hours.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Skip)]
public sealed record DownloadGrant(Guid AuditId, int Version, string Format, string UserKey);

/// <summary>Links to a briefing's DOCX or Markdown, signed by <see cref="SignedLinks"/> and short-lived.</summary>
public sealed class BriefingDownloadLinks(SignedLinks links, IOptions<BriefingOptions> options, TimeProvider time)
{
    public const string Docx = "docx";
    public const string Markdown = "md";
    internal const string Purpose = "briefing-download";

    /// <summary>
    /// A new link, e.g. <c>https://bot.example.org/api/briefings/{token}.docx</c>; null when the bot's public address is not set.
    /// </summary>
    public async Task<Uri?> CreateAsync(Guid auditId, int version, string format, string userKey, CancellationToken cancellationToken) =>
        (await CreateExpiringAsync(auditId, version, format, userKey, cancellationToken).ConfigureAwait(false)).Url;

    /// <summary>
    /// A new link (<see cref="CreateAsync"/>) and when it stops working. Anyone holding it can use it until then (the
    /// download checks the person it was issued to, not whoever opens it), so the card giving it says so.
    /// </summary>
    public async Task<(Uri? Url, DateTimeOffset ExpiresAt)> CreateExpiringAsync(
        Guid auditId, int version, string format, string userKey, CancellationToken cancellationToken)
    {
        var grant = new DownloadGrant(auditId, version, format, userKey);
        var expires = time.GetUtcNow().Add(options.Value.DownloadLinkLifetime);
        var token = await links.SignAsync(Purpose, grant, expires, cancellationToken).ConfigureAwait(false);
        return (links.Absolute($"api/briefings/{token}.{format}"), expires);
    }

    /// <summary>
    /// Answers a link as every download does (<see cref="LinkAnswers"/>): <paramref name="serve"/> runs only for a genuine,
    /// unexpired grant of this format.
    /// </summary>
    public Task<IResult> ServeAsync(
        string? token, string format, Func<DownloadGrant, Task<IResult>> serve, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(serve);
        return links.ServeAsync<DownloadGrant>(Purpose, token,
            grant => grant.Format == format ? serve(grant) : Task.FromResult(LinkAnswers.NotFound()), cancellationToken);
    }
}
