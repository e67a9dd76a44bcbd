using System.Text;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Common;
using WorkshopBot.Common.Links;
using WorkshopBot.Common.Privacy;
using WorkshopBot.Common.Teams;
using WorkshopBot.Hosting;
using WorkshopBot.Protocol.Routing;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Conversations;

namespace WorkshopBot.Audits.Teams;

/// <summary>
/// What an export link grants: one audit, one format, for one person. Its expiry is the link's own (see
/// <see cref="SignedLinks"/>). Links sealed before the grant lost its copy of the expiry also carry "expiresAt", the same
/// instant as the link's: it is skipped, and the link's expiry decides. The attribute keeps those links readable whatever
/// the default; it may be removed in any version released once this one has run everywhere for more than 24 hours.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Skip)]
public sealed record ExportGrant(Guid AuditId, string Format, string UserId);

/// <summary>
/// Exports of the submitted returns of an audit as CSV or JSON, offered to the chair as short-lived signed links (see
/// <see cref="SignedLinks"/>). The download checks the link and that its person is still the audit's chair (or an
/// admin) before serving anything.
/// </summary>
public sealed class ExportScreen(
    ChairAccess access,
    AuditStore store,
    SignedLinks links,
    Roles roles,
    TenantGate tenants,
    AuditTrail trail,
    IdentifierScanner scanner,
    IOptions<AuditOptions> options,
    TimeProvider time)
{
    public const string Export = "audit.export";

    /// <summary>What export links are signed for; a link signed for anything else is not an export link.</summary>
    public const string Purpose = "audit-export";

    private const string DownloadPath = "api/exports/";

    public static void Map(ActivityRouter router)
    {
        ArgumentNullException.ThrowIfNull(router);
        router.OnCardAction<AuditRefData>(Export, (t, d, ct) => t.Screen<ExportScreen>().OfferAsync(t, d, ct));
    }

    /// <summary>The download endpoint the links point to.</summary>
    public static void MapDownload(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/" + DownloadPath + "{token}",
            (string token, ExportScreen screen, CancellationToken ct) => screen.DownloadAsync(token, ct)).CommitsItsWork();

    /// <summary>The export card: a CSV and a JSON link, each for this chair only and for a short time.</summary>
    public async Task<InvokeResponse> OfferAsync(TurnContext turn, AuditRefData data, CancellationToken ct)
    {
        var chaired = await access.AuditAsync(turn, data.AuditId, ct).ConfigureAwait(false);
        if (chaired.Refused)
        {
            return chaired.Refusal;
        }

        if (links.Absolute(DownloadPath) is null)
        {
            return Reply.Refusal("Export is not set up", CardKit.DownloadsNotSetUp);
        }

        var audit = chaired.Value;
        var me = turn.Person();
        var expires = time.GetUtcNow() + options.Value.ExportLinkLifetime;
        var csv = await LinkAsync(new ExportGrant(audit.Id, AuditExportFiles.Csv, me.UserId), expires, ct).ConfigureAwait(false);
        var json = await LinkAsync(new ExportGrant(audit.Id, AuditExportFiles.Json, me.UserId), expires, ct).ConfigureAwait(false);
        await trail.RecordAsync(me, "audit.export-offered", AuditSubjects.Audit, audit.Id, new { expires }, ct).ConfigureAwait(false);
        return Reply.Card(ExportCard.Links(audit, csv, json, expires));
    }

    /// <summary>
    /// Serves the file a link grants: 404 for a link that is not genuine, 410 once expired, 403 for someone who is no
    /// longer the chair (see <see cref="LinkAnswers"/>).
    /// </summary>
    public Task<IResult> DownloadAsync(string token, CancellationToken ct) =>
        links.ServeAsync<ExportGrant>(Purpose, token, async grant =>
        {
            // Held to the commit (EndpointWork.CommitsItsWork): a handover that lands before it sends the download round
            // again, to the refusal, so the chair checked is the audit's chair when the file is served.
            var audit = (await store.HoldAuditAsync(grant.AuditId, ct).ConfigureAwait(false))?.Value;
            if (audit is null)
            {
                return LinkAnswers.NotFound();
            }

            // The link was given in a turn of the audit's organisation, so its person is of that tenant.
            var person = new PersonRef(grant.UserId, grant.UserId) { TenantId = audit.TenantId };
            // An organisation the bot no longer serves gets nothing more, as in Teams and the tab.
            if (!tenants.Serves(audit.TenantId) || (!audit.IsChair(person) && !roles.IsAdmin(person)))
            {
                return LinkAnswers.Forbidden();
            }

            // Submitted returns only: a draft is the representative's work in progress, not yet their agency's return.
            var returns = (await store.ListSubmittedReturnsAsync(audit.Id, ct).ConfigureAwait(false))
                .OrderBy(r => r.CaseReference.Value, StringComparer.Ordinal)
                .ThenBy(r => r.AgencyName, StringComparer.Ordinal)
                .ToList();
            // Every stored text is read again on its way out (see ExportRedactor); the log has counts, never the text.
            var redactor = new ExportRedactor(scanner);
            var name = $"audit-{audit.Id:N}-returns.{grant.Format}";
            var file = grant.Format == AuditExportFiles.Csv
                ? TypedResults.File(CsvText.Utf8File(AuditExportFiles.ToCsv(returns, redactor)), "text/csv; charset=utf-8", name)
                : TypedResults.File(Encoding.UTF8.GetBytes(AuditExportFiles.ToJson(audit, returns, redactor)), "application/json", name);
            await trail.RecordForAsync(grant.UserId, audit.TenantId, "audit.exported", AuditSubjects.Audit, AuditStore.Key(audit.Id),
                new { format = grant.Format, returns = returns.Count, redactedCells = redactor.Redacted, notChecked = redactor.NotChecked },
                ct).ConfigureAwait(false);
            return file;
        }, ct);

    private async Task<Uri> LinkAsync(ExportGrant grant, DateTimeOffset expires, CancellationToken ct) =>
        links.Absolute(DownloadPath + await links.SignAsync(Purpose, grant, expires, ct).ConfigureAwait(false))!;
}
