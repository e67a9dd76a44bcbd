using Microsoft.Extensions.Options;
using WorkshopBot.ActionPlans.Teams;
using WorkshopBot.ActionPlans.Storage;
using WorkshopBot.Cards;
using WorkshopBot.Common;
using WorkshopBot.Common.Links;
using WorkshopBot.Common.Privacy;
using WorkshopBot.Common.Teams;
using WorkshopBot.Conversations;
using WorkshopBot.Hosting;
using WorkshopBot.Protocol.Routing;
using WorkshopBot.Protocol.Schema;

namespace WorkshopBot.ActionPlans.Teams;

/// <summary>What a download link grants: one audit's action plan, in one tenant, to the person it was issued to.</summary>
public sealed record ActionPlanGrant(Guid AuditId, string TenantId, string UserKey);

/// <summary>
/// The chair downloads the action plan as XLSX for the sub-group's papers, through a short-lived link named for them.
/// The endpoint checks the person again when the link is used, and logs the export.
/// </summary>
public sealed class ExportScreen(
    PlanScreen plans, SignedLinks links, IOptions<ActionPlansOptions> options, AuditTrail trail, TimeProvider time)
{
    public const string Export = "actions.export";
    internal const string Purpose = "action-plan-download";

    public static void Map(ActivityRouter router)
    {
        ArgumentNullException.ThrowIfNull(router);
        router.OnCardAction<PlanRefData>(Export, (turn, d, ct) => turn.Screen<ExportScreen>().ExportAsync(turn, d, ct));
    }

    /// <summary><c>GET /api/actions/{token}.xlsx</c>: the chair's signed, short-lived download link.</summary>
    public static void MapDownload(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/actions/{token}.xlsx", DownloadAsync).CommitsItsWork();

    public async Task<InvokeResponse> ExportAsync(TurnContext turn, PlanRefData data, CancellationToken ct)
    {
        var chaired = await plans.ChairedAsync(turn, data.AuditId, ct).ConfigureAwait(false);
        if (chaired.Refused)
        {
            return chaired.Refusal;
        }

        var grant = new ActionPlanGrant(data.AuditId, turn.TenantId() ?? string.Empty, turn.UserKey);
        var expires = time.GetUtcNow().Add(options.Value.DownloadLinkLifetime);
        var token = await links.SignAsync(Purpose, grant, expires, ct).ConfigureAwait(false);
        var url = links.Absolute($"api/actions/{token}.xlsx");
        await trail.RecordAsync(turn.Person(), "action-plan.export.link", "audit", data.AuditId, null, ct).ConfigureAwait(false);
        var back = Go(PlanScreen.OpenPlan, new PlanRefData(data.AuditId), "Back to the plan");
        return url is null
            ? Reply.Notice("Download not available", CardKit.DownloadsNotSetUp, Tone.Warning, back)
            : Reply.Notice("Download the action plan", "Please do not forward this link: anyone with it can download the plan "
                + "until it stops working in a few minutes.", Tone.Info, new OpenUrlAction(url, "Download the plan (Excel)"), back);
    }

    private static ExecuteAction Go<T>(string verb, T data, string title) => CardKit.Go(verb, data, title);

    /// <summary>404 when the link is not genuine, 410 once expired, 403 when its person no longer chairs the audit.</summary>
    public static async Task<IResult> DownloadAsync(string token, SignedLinks links, ActionStore store, ActionSources sources,
        Roles roles, TenantGate tenants, AuditTrail trail, IdentifierScanner scanner, TimeProvider time, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(links);
        return await links.ServeAsync<ActionPlanGrant>(Purpose, token, async grant =>
        {
            // Held to the commit (EndpointWork.CommitsItsWork): a handover that lands before it sends the download round
            // again, to the refusal, so the chair checked is the audit's chair when the file is served.
            var audit = await sources.HoldAuditAsync(grant.AuditId, grant.TenantId, ct).ConfigureAwait(false);
            var plan = await store.GetPlanAsync(grant.AuditId, grant.TenantId, ct).ConfigureAwait(false);
            if (audit is null || plan is null)
            {
                return LinkAnswers.NotFound();
            }

            var person = new PersonRef(grant.UserKey, grant.UserKey) { TenantId = grant.TenantId };
            // An organisation the bot no longer serves gets nothing more, as in Teams and the tab.
            if (!tenants.Serves(grant.TenantId) || (!audit.IsChair(person) && !roles.IsAdmin(person)))
            {
                return LinkAnswers.Forbidden();
            }

            var actions = await store.ListForAuditAsync(grant.AuditId, grant.TenantId, ct).ConfigureAwait(false);
            var shown = await sources.RecommendationsShownAsync(actions, grant.TenantId, ct).ConfigureAwait(false);
            var redactor = new ExportRedactor(scanner);
            var bytes = ActionPlanXlsx.Render(actions, EnglandTime.Today(time), shown, redactor);
            await trail.RecordForAsync(grant.UserKey, grant.TenantId, "action-plan.exported", "audit", grant.AuditId.ToString("D"),
                new { actions = actions.Count, redactedCells = redactor.Redacted, notChecked = redactor.NotChecked }, ct)
                .ConfigureAwait(false);
            return TypedResults.File(bytes, XlsxWorkbook.ContentType, ActionPlanXlsx.FileName(audit.Title));
        }, ct).ConfigureAwait(false);
    }
}
