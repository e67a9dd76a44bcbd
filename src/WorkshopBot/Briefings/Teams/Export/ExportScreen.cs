using System.Text;
using WorkshopBot.Briefings.Storage;
using WorkshopBot.Common;
using WorkshopBot.Common.Links;
using WorkshopBot.Common.Teams;
using WorkshopBot.Protocol.Routing;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Conversations;

namespace WorkshopBot.Briefings.Teams;

/// <summary>Data of <see cref="ExportScreen.Export"/>.</summary>
public sealed record ExportData(Guid AuditId);

/// <summary>
/// The chair downloads the briefing (the approved version, else the latest) as Word or Markdown, for intranet pages and
/// email, through short-lived links named for them. The download endpoint checks the person again when a link is used.
/// </summary>
public sealed class ExportScreen(BriefingAccess access, BriefingDownloadLinks links, AuditTrail trail)
{
    public const string Export = "briefing.export";

    public static void Map(ActivityRouter router)
    {
        ArgumentNullException.ThrowIfNull(router);
        router.OnCardAction<ExportData>(Export, (turn, d, ct) => turn.Screen<ExportScreen>().ExportAsync(turn, d, ct));
    }

    /// <summary><c>GET /api/briefings/{token}.docx</c> and <c>.md</c>: the chair's signed, short-lived download link.</summary>
    public static IEndpointRouteBuilder MapDownloads(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/briefings/{token}.{format}", DownloadAsync).CommitsItsWork();
        return endpoints;
    }

    public async Task<InvokeResponse> ExportAsync(TurnContext turn, ExportData data, CancellationToken cancellationToken)
    {
        var briefing = await access.ChairBriefingAsync(turn, data.AuditId, cancellationToken).ConfigureAwait(false);
        if (briefing.Refused)
        {
            return briefing.Refusal;
        }

        var version = (briefing.Value.Record.Approved ?? briefing.Value.Record.Latest).Number;
        var docx = await links.CreateAsync(data.AuditId, version, BriefingDownloadLinks.Docx, turn.UserKey, cancellationToken)
            .ConfigureAwait(false);
        if (docx is null)
        {
            return Reply.Card(ExportCard.Export(data.AuditId, version, null, null));
        }

        var markdown = await links.CreateAsync(data.AuditId, version, BriefingDownloadLinks.Markdown, turn.UserKey, cancellationToken)
            .ConfigureAwait(false);
        await trail.RecordAsync(turn.Person(), "briefing.export.link", "briefing", data.AuditId, new { version }, cancellationToken)
            .ConfigureAwait(false);
        return Reply.Card(ExportCard.Export(data.AuditId, version, docx, markdown));
    }

    /// <summary>
    /// Serves a link: 404 when it is not genuine or names no briefing, 410 once expired, 403 when the person it was issued
    /// to is no longer the audit's chair or an admin.
    /// </summary>
    public static async Task<IResult> DownloadAsync(string token, string format, BriefingDownloadLinks links, BriefingInputs inputs,
        BriefingStore store, BriefingAccess access, AuditTrail trail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(links);
        if (format is not (BriefingDownloadLinks.Docx or BriefingDownloadLinks.Markdown))
        {
            return LinkAnswers.NotFound();
        }

        return await links.ServeAsync(token, format, async grant =>
        {
            var audit = await inputs.FindAuditAsync(grant.AuditId, cancellationToken).ConfigureAwait(false);
            if (audit is null)
            {
                return LinkAnswers.NotFound();
            }

            if (!access.MayPrepare(audit, new PersonRef(grant.UserKey, grant.UserKey) { TenantId = audit.TenantId }))
            {
                return LinkAnswers.Forbidden();
            }

            var content = (await store.GetAsync(grant.AuditId, cancellationToken).ConfigureAwait(false))?.Version(grant.Version)?.Content;
            if (content is null)
            {
                return LinkAnswers.NotFound();
            }

            await trail.RecordForAsync(grant.UserKey, "briefing.exported", "briefing", grant.AuditId.ToString("D"),
                new { version = grant.Version, format }, cancellationToken).ConfigureAwait(false);
            return format == BriefingDownloadLinks.Docx
                ? TypedResults.File(BriefingDocx.Render(content), BriefingDocx.ContentType, BriefingDocx.FileName(content))
                : TypedResults.File(Encoding.UTF8.GetBytes(BriefingMarkdown.Render(content)), BriefingMarkdown.ContentType,
                    BriefingMarkdown.FileName(content));
        }, cancellationToken).ConfigureAwait(false);
    }
}
