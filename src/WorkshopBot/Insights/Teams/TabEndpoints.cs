using System.Globalization;
using System.Text.Json;
using WorkshopBot.ActionPlans.Storage;
using WorkshopBot.ActionPlans.Teams;
using WorkshopBot.Common;
using WorkshopBot.Common.Privacy;
using WorkshopBot.Conversations;
using WorkshopBot.Insights.Domain;
using WorkshopBot.Insights.Storage;
using WorkshopBot.Storage;

namespace WorkshopBot.Insights.Teams;

/// <summary>
/// The tab on the bot's own host: <c>GET /tab/</c> (the page), <c>/tab/config</c> (the channel tab's configuration page),
/// <c>/tab/static/*</c> (its script, styles and the vendored Teams JavaScript library), and the API the page calls with
/// the Teams token: <c>/tab/api/view</c> (the view as HTML with SVG charts), <c>/tab/api/summary</c> (the same as JSON,
/// logged as the workbook is: it is the same figures, for any script to take away) and the XLSX downloads
/// <c>/tab/api/summary.xlsx</c> and <c>/tab/api/actions.xlsx</c> (the action plans of the audits shown, in the action plan's
/// own workbook). Every answer carries a policy that allows only this host and Teams' frames.
/// </summary>
public static class TabEndpoints
{
    // The JSON summary as ASP.NET Core writes by default (web names), with a grade count as a number or, banded, its words.
    internal static readonly JsonSerializerOptions SummaryJson =
        new(JsonSerializerDefaults.Web) { Converters = { new GradeCountJson() } };

    /// <summary>Only this host; framed by Teams and the Microsoft 365 hosts that run Teams apps.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
        + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'self' https://teams.microsoft.com "
        + "https://*.teams.microsoft.com https://*.cloud.microsoft https://*.microsoft365.com https://*.office.com "
        + "https://outlook.office.com https://outlook.office365.com";

    public const int MaxYears = 10;

    public const int MinYear = 1900;

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var tab = endpoints.MapGroup("/tab").AddEndpointFilter(async (context, next) =>
        {
            var headers = context.HttpContext.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            return await next(context).ConfigureAwait(false);
        });
        // "/tab" and "/tab/" are one route; the page's relative links need the slash.
        tab.MapGet("/", (HttpRequest request) => request.Path.Value?.EndsWith('/') == true
            ? TabStatic.Serve("index.html")
            : TypedResults.Redirect("/tab/"));
        tab.MapGet("/config", () => TabStatic.Serve("config.html"));
        tab.MapGet("/static/{name}", (string name) => TabStatic.Serve(name));
        tab.MapGet("/api/view", ViewAsync);
        tab.MapGet("/api/summary", SummaryAsync).CommitsItsWork();
        tab.MapGet("/api/summary.xlsx", XlsxAsync).CommitsItsWork();
        tab.MapGet("/api/actions.xlsx", ActionsXlsxAsync).CommitsItsWork();
    }

    private static Task<IResult> ViewAsync(HttpContext http, TabSignIn signIn, InsightSources sources, UnitOfWork work,
        TimeProvider time, CancellationToken ct) =>
        WithViewAsync(http, signIn, sources, work, time, ct, (view, _) =>
            Task.FromResult<IResult>(TypedResults.Content(SummaryHtml.Render(view), "text/html; charset=utf-8")));

    private static Task<IResult> SummaryAsync(HttpContext http, TabSignIn signIn, InsightSources sources, UnitOfWork work,
        AuditTrail trail, TimeProvider time, CancellationToken ct) =>
        WithViewAsync(http, signIn, sources, work, time, ct, async (view, viewer) =>
        {
            await trail.RecordForAsync(viewer.ObjectId, viewer.TenantId, "insights.summary.exported", "tenant", viewer.TenantId,
                new { audits = view.AuditsHeld, actions = view.Actions.Sum(a => a.Total), format = "json" }, ct).ConfigureAwait(false);
            return TypedResults.Json(view, SummaryJson);
        });

    private static Task<IResult> XlsxAsync(HttpContext http, TabSignIn signIn, InsightSources sources, UnitOfWork work,
        AuditTrail trail, TimeProvider time, CancellationToken ct) =>
        WithViewAsync(http, signIn, sources, work, time, ct, async (view, viewer) =>
        {
            await trail.RecordForAsync(viewer.ObjectId, viewer.TenantId, "insights.summary.exported", "tenant", viewer.TenantId,
                new { audits = view.AuditsHeld, actions = view.Actions.Sum(a => a.Total), format = "xlsx" }, ct).ConfigureAwait(false);
            return TypedResults.File(SummaryXlsx.Render(view), XlsxWorkbook.ContentType, SummaryXlsx.FileName(view.Query));
        });

    // The action plans of the audits the view shows (theme and agency filters applied), as the chair's own download has them.
    private static Task<IResult> ActionsXlsxAsync(HttpContext http, TabSignIn signIn, InsightSources sources, ActionStore store,
        ActionSources plans, UnitOfWork work, AuditTrail trail, IdentifierScanner scanner, TimeProvider time, CancellationToken ct) =>
        WithViewAsync(http, signIn, sources, work, time, ct, async (view, viewer) =>
        {
            var audits = view.PerAudit.Select(a => a.AuditId).ToHashSet();
            var (theme, agency, partnership) = (view.Query.Theme, view.Query.Agency, view.Query.Partnership);
            // The owner as the view counts it: the partnership's own actions by the chair's choice, an agency's by its name.
            var actions = (await store.ListForTenantAsync(viewer.TenantId, ct).ConfigureAwait(false))
                .Where(a => audits.Contains(a.AuditId) && (theme is null || a.Themes.Contains(theme, StringComparer.Ordinal)))
                .Where(a => partnership ? a.IsPartnershipOwned : agency is null
                    || (!a.IsPartnershipOwned && string.Equals(a.OwnerAgency.Trim(), agency, StringComparison.OrdinalIgnoreCase)))
                .ToList();
            var shown = await plans.RecommendationsShownAsync(actions, viewer.TenantId, ct).ConfigureAwait(false);
            // Every stored text is read again on its way out (see ExportRedactor); the log has counts, never the text.
            var redactor = new ExportRedactor(scanner);
            var bytes = ActionPlanXlsx.Render(actions, EnglandTime.Today(time), shown, redactor);
            await trail.RecordForAsync(viewer.ObjectId, viewer.TenantId, "insights.action-plans.exported", "tenant", viewer.TenantId,
                new { actions = actions.Count, redactedCells = redactor.Redacted, notChecked = redactor.NotChecked }, ct)
                .ConfigureAwait(false);
            return TypedResults.File(bytes, XlsxWorkbook.ContentType,
                $"Action plans {view.Query.From:yyyy-MM-dd} to {view.Query.To:yyyy-MM-dd}.xlsx");
        });

    private static async Task<IResult> WithViewAsync(HttpContext http, TabSignIn signIn, InsightSources sources, UnitOfWork work,
        TimeProvider time, CancellationToken ct, Func<PartnershipView, TabViewer, Task<IResult>> answer)
    {
        http.Response.Headers.CacheControl = "no-store";
        var access = await signIn.CheckAsync(http, ct).ConfigureAwait(false);
        if (access.Viewer is not { } viewer)
        {
            if (access.Status == StatusCodes.Status401Unauthorized)
            {
                http.Response.Headers.WWWAuthenticate = "Bearer";
            }

            return TypedResults.Text(access.Message, "text/plain; charset=utf-8", statusCode: access.Status);
        }

        var today = EnglandTime.Today(time);
        var (query, problem) = Query(http.Request.Query, today);
        if (query is null)
        {
            return TypedResults.Text(problem, "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
        }

        work.ActFor(viewer.TenantId);
        // Pilot mode: only the audits the person chairs, as the bot shows them; one who chairs none is told who the view is for.
        var chairedBy = access.OnlyChaired ? new PersonRef(viewer.ObjectId, viewer.Name) { TenantId = viewer.TenantId } : null;
        if (chairedBy is not null && !await sources.ChairsAnyAsync(viewer.TenantId, chairedBy, ct).ConfigureAwait(false))
        {
            return TypedResults.Text(TabSignIn.ChairsNone, "text/plain; charset=utf-8", statusCode: StatusCodes.Status403Forbidden);
        }

        var facts = await sources.ReadAsync(viewer.TenantId, query.From, query.To, chairedBy, ct).ConfigureAwait(false);
        var view = PartnershipSummary.Compute(facts, query, today) with { OnlyYourAudits = chairedBy is not null };
        return await answer(view, viewer).ConfigureAwait(false);
    }

    /// <summary>The period and filters from the query string, or a sentence saying what is wrong with them.</summary>
    public static (InsightQuery? Query, string Problem) Query(IQueryCollection query, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(query);
        var to = today;
        var from = today.AddYears(-2);
        if (!Date(query["to"], ref to) || !Date(query["from"], ref from))
        {
            return (null, "Give the dates of the period as year-month-day, for example 2026-04-30.");
        }

        // A workbook cannot hold a date before 1900 (Excel's first day; earlier years fail to be written at all).
        if (from.Year < MinYear)
        {
            return (null, $"Choose a period from {MinYear} onwards.");
        }

        if (from > to)
        {
            return (null, "The start of the period must be on or before its end.");
        }

        if (to.DayNumber - from.DayNumber > MaxYears * 366)
        {
            return (null, $"Choose a period of at most {MaxYears} years.");
        }

        var theme = query["theme"].ToString();
        if (theme.Length > 0 && !Themes.IsKnown(theme))
        {
            return (null, "Choose a theme from the partnership's list of themes.");
        }

        var agency = query["agency"].ToString().Trim();
        if (agency.Length > 150)
        {
            return (null, "The agency name is too long.");
        }

        // No agency name holds a control character, U+FFFE or U+FFFF (FreeText refuses them); one would break the workbook's XML.
        if (agency.Any(c => char.IsControl(c) || c is '\uFFFE' or '\uFFFF'))
        {
            return (null, "Choose an agency from the list of agencies.");
        }

        // The partnership's own entry is asked for by its id as the owner, not by a name: an agency may be called as it is.
        var owner = query["owner"].ToString().Trim();
        if (owner.Length > 0 && (owner != OwnerAgencies.PartnershipId || agency.Length > 0))
        {
            return (null, "Choose an agency from the list of agencies.");
        }

        return (new InsightQuery(from, to, theme.Length == 0 ? null : theme, agency.Length == 0 ? null : agency, owner.Length > 0),
            string.Empty);
    }

    private static bool Date(Microsoft.Extensions.Primitives.StringValues value, ref DateOnly day)
    {
        var text = value.ToString();
        if (text.Length == 0)
        {
            return true;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            day = parsed;
            return true;
        }

        return false;
    }
}
