using System.Text;
using WorkshopBot.Briefings.Domain;
using WorkshopBot.Briefings.Storage;
using WorkshopBot.Common;
using WorkshopBot.Common.Links;
using WorkshopBot.Common.Privacy;
using WorkshopBot.Common.Teams;
using WorkshopBot.Protocol.Routing;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Conversations;
using WorkshopBot.Hosting;

namespace WorkshopBot.Briefings.Teams;

/// <summary>Data of <see cref="ExportScreen.Export"/>.</summary>
public sealed record ExportData(Guid AuditId);

/// <summary>
/// The chair downloads the approved version of the briefing as Word or Markdown, for intranet pages and email, through
/// short-lived links named for them. A draft is not exported: a document that leaves Teams is a publication, and approval
/// is where the chair signs off its text. The download endpoint checks the person again when a link is used, and the text
/// again (identifiers and case references) before it serves a byte.
/// </summary>
public sealed class ExportScreen(BriefingAccess access, BriefingDownloadLinks links, BriefingPrivacy privacy, AuditTrail trail)
{
    public const string Export = "briefing.export";

    /// <summary>The answer to a genuine link whose version is no longer the approved one, or whose text fails the check.</summary>
    public const string NotExportableText =
        "This version of the briefing cannot be downloaded: only the approved version, with no identifiers or case references, "
        + "can be. Open WorkshopBot in Teams and ask for a new link.";

    /// <summary>The answer to a genuine link whose version was withdrawn since it was made.</summary>
    public const string WithdrawnText =
        "This version of the briefing was withdrawn, so it can no longer be downloaded. If a corrected version is approved, "
        + "open WorkshopBot in Teams and ask for a link to that.";

    /// <summary>
    /// The answer to a genuine link whose version's grades chart disagrees with its text (<see cref="GradeChart.Disagreement"/>:
    /// approved before a chart had to agree with its box's text).
    /// </summary>
    public const string ChartDisagreesText =
        "This version of the briefing cannot be downloaded: its grades chart no longer agrees with its text. Open WorkshopBot in "
        + "Teams, choose Regenerate on the box with the chart, approve the new version and ask for a new link.";

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

        if (briefing.Value.Record.Approved is not { } approved)
        {
            return BriefingReply.Refusal("Not exported", "Only the approved version of the briefing can be exported, since the "
                + "document goes to intranet pages and email. Review the briefing and approve it first.", data.AuditId);
        }

        if (briefing.Value.Record.WithdrawalOf(approved.Number) is { } withdrawn)
        {
            return BriefingReply.Refusal("Not exported", $"Version {approved.Number} was withdrawn on {Moments.Day(withdrawn.At)}, so "
                + "it is not exported. To export a corrected briefing, edit it and approve the new version.", data.AuditId);
        }

        var refusal = privacy.Screen(approved.Content.FullText(), briefing.Value.CaseReferences)
            .Refusal($"Version {approved.Number} cannot be exported", "Edit the box that contains it, then approve the new version.");
        if (refusal is not null)
        {
            return BriefingReply.Refusal("Not exported", refusal, data.AuditId);
        }

        // Approved before a chart had to agree with its box's text: no copy leaves with a chart its own text contradicts, as
        // none is published with one (PublishScreen).
        if (GradeChart.Disagreement(approved.Content) is { } disagreement)
        {
            return BriefingReply.Refusal("Not exported", $"Version {approved.Number} cannot be exported. {disagreement} Then "
                + "approve the new version.", data.AuditId);
        }

        var version = approved.Number;
        var (docx, expiresAt) = await links.CreateExpiringAsync(data.AuditId, version, BriefingDownloadLinks.Docx, turn.UserKey,
            cancellationToken).ConfigureAwait(false);
        if (docx is null)
        {
            return Reply.Card(ExportCard.Export(data.AuditId, version, null, null, expiresAt));
        }

        var markdown = await links.CreateAsync(data.AuditId, version, BriefingDownloadLinks.Markdown, turn.UserKey, cancellationToken)
            .ConfigureAwait(false);
        await trail.RecordAsync(turn.Person(), "briefing.export.link", "briefing", data.AuditId, new { version }, cancellationToken)
            .ConfigureAwait(false);
        return Reply.Card(ExportCard.Export(data.AuditId, version, docx, markdown, expiresAt));
    }

    /// <summary>
    /// Serves a link: 404 when it is not genuine or names no briefing, 410 once expired, 403 when the person it was issued
    /// to is no longer the audit's chair or an admin, 409 when the version is no longer the approved one, was withdrawn, its
    /// grades chart disagrees with its text, or its text fails the identifier and case-reference check.
    /// </summary>
    public static async Task<IResult> DownloadAsync(string token, string format, BriefingDownloadLinks links, BriefingInputs inputs,
        BriefingStore store, BriefingAccess access, BriefingPrivacy privacy, TenantGate tenants, AuditTrail trail,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(links);
        // A format the link was not made for (".pdf") is refused inside ServeAsync, so that answer too is never stored.
        return await links.ServeAsync(token, format, async grant =>
        {
            // Held to the commit (EndpointWork.CommitsItsWork): a handover that lands before it sends the download round
            // again, to the refusal, so the chair checked is the audit's chair when the file is served.
            var audit = await inputs.HoldAuditAsync(grant.AuditId, cancellationToken).ConfigureAwait(false);
            if (audit is null)
            {
                return LinkAnswers.NotFound();
            }

            // An organisation the bot no longer serves gets nothing more, as in Teams and the tab.
            if (!tenants.Serves(audit.TenantId)
                || !access.MayPrepare(audit, new PersonRef(grant.UserKey, grant.UserKey) { TenantId = audit.TenantId }))
            {
                return LinkAnswers.Forbidden();
            }

            var record = await store.GetAsync(grant.AuditId, cancellationToken).ConfigureAwait(false);
            var content = record?.Version(grant.Version)?.Content;
            if (content is null)
            {
                return LinkAnswers.NotFound();
            }

            var approved = record!.ApprovedVersion == grant.Version;
            var withdrawn = record.WithdrawalOf(grant.Version) is not null;
            var chartDisagrees = GradeChart.Disagreement(content) is not null;
            // Every text of the version is read again with the check of today, whatever approval found: one approved under an
            // earlier rule that fails it now is refused whole, as it is for channels (PublishScreen), not served with markers.
            var screening = privacy.Screen(content.FullText(), ChairedBriefing.CaseReferencesOf(audit));
            if (!approved || withdrawn || chartDisagrees || !screening.IsClean)
            {
                // Counts only, never the text found.
                var (identifiers, notChecked) = (screening.Identifiers.Findings.Count(f => f.Kind != IdentifierKind.Unchecked),
                    screening.Identifiers.Unchecked ? 1 : 0);
                await trail.RecordForAsync(grant.UserKey, audit.TenantId, "briefing.export.refused",
                    "briefing", grant.AuditId.ToString("D"), new
                    {
                        version = grant.Version, format, approved, withdrawn, chartDisagrees, identifiers, notChecked,
                        caseReferences = screening.CaseReferences.Count,
                    }, cancellationToken).ConfigureAwait(false);
                var answer = withdrawn ? WithdrawnText : approved && chartDisagrees ? ChartDisagreesText : NotExportableText;
                return TypedResults.Text(answer, "text/plain; charset=utf-8", statusCode: StatusCodes.Status409Conflict);
            }

            await trail.RecordForAsync(grant.UserKey, audit.TenantId, "briefing.exported", "briefing", grant.AuditId.ToString("D"),
                new { version = grant.Version, format }, cancellationToken).ConfigureAwait(false);
            // Dated as the channels' copies are once published; an approved version not posted yet gives its approval day.
            var dates = record.DatesOf(grant.Version);
            return format == BriefingDownloadLinks.Docx
                ? TypedResults.File(BriefingDocx.Render(content, dates), BriefingDocx.ContentType,
                    BriefingDocx.FileName(content, grant.Version, dates.Published))
                : TypedResults.File(Encoding.UTF8.GetBytes(BriefingMarkdown.Render(content, dates)), BriefingMarkdown.ContentType,
                    BriefingMarkdown.FileName(content, grant.Version, dates.Published));
        }, cancellationToken).ConfigureAwait(false);
    }
}
