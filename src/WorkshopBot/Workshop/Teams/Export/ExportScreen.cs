using WorkshopBot.Common;
using WorkshopBot.Common.Links;
using WorkshopBot.Common.Privacy;
using WorkshopBot.Common.Teams;
using WorkshopBot.Protocol.Routing;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Workshop.Domain;
using WorkshopBot.Workshop.Storage;
using WorkshopBot.Conversations;
using WorkshopBot.Hosting;

namespace WorkshopBot.Workshop.Teams;

/// <summary>What a workshop export link grants: the results of one workshop, to the chair it names.</summary>
public sealed record WorkshopExportGrant(Guid WorkshopId, string UserKey)
{
    public const string Purpose = "workshop-export";
}

/// <summary>
/// The chair's CSV of every poll: a preview on the card and a signed, short-lived download link that is theirs alone.
/// The download checks again that the person it names still chairs the workshop.
/// </summary>
public sealed class ExportScreen(
    WorkshopAccess access,
    IWorkshopVoteStore votes,
    SignedLinks links,
    AuditTrail trail,
    IdentifierScanner scanner,
    TimeProvider time)
{
    public const string Export = "workshop.export";

    /// <summary>How long a download link works.</summary>
    public static readonly TimeSpan LinkLifetime = TimeSpan.FromMinutes(15);

    public static void Map(ActivityRouter router)
    {
        ArgumentNullException.ThrowIfNull(router);
        router.OnWorkshopCard<WorkshopRef>(Export, (turn, data, ct) => turn.Screen<ExportScreen>().ExportAsync(turn, data, ct));
    }

    /// <summary><c>GET /api/workshops/{token}.csv</c>: the chair's signed, short-lived link to every poll's results.</summary>
    public static void MapDownload(IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet("/api/workshops/{token}.csv", DownloadAsync).CommitsItsWork();
    }

    public async Task<InvokeResponse> ExportAsync(TurnContext turn, WorkshopRef data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        var found = await access.ChairedAsync(turn, data.WorkshopId, cancellationToken).ConfigureAwait(false);
        if (found.IsRefused(out var refusal, out var session))
        {
            return refusal;
        }

        var me = turn.Person();
        var redactor = new ExportRedactor(scanner);
        var csv = await WorkshopCsv.BuildAsync(session, votes, redactor, cancellationToken).ConfigureAwait(false);
        await trail.RecordAsync(me, "workshop.export", "workshop", session.Id,
            new { polls = session.Polls.Count, bytes = csv.Length, redactedCells = redactor.Redacted, notChecked = redactor.NotChecked },
            cancellationToken).ConfigureAwait(false);
        var token = await links.SignAsync(WorkshopExportGrant.Purpose, new WorkshopExportGrant(session.Id, me.UserId),
            time.GetUtcNow().Add(LinkLifetime), cancellationToken).ConfigureAwait(false);
        return Reply.Card(ExportCard.Preview(session, [(FileName(session), csv)], links.Absolute($"api/workshops/{token}.csv")));
    }

    internal static Task<IResult> DownloadAsync(string token, SignedLinks links, WorkshopRepository workshops, IWorkshopVoteStore votes,
        TenantGate tenants, AuditTrail trail, IdentifierScanner scanner, CancellationToken cancellationToken) =>
        links.ServeAsync<WorkshopExportGrant>(WorkshopExportGrant.Purpose, token, async grant =>
        {
            // Held to the commit (EndpointWork.CommitsItsWork): a handover, which moves the workshop's copy of the chair in
            // the same unit of work, that lands before it sends the download round again, to the refusal.
            if (await workshops.HoldAsync(grant.WorkshopId, cancellationToken).ConfigureAwait(false) is not { } session)
            {
                return LinkAnswers.NotFound();
            }

            // The link names its chair; a chair who has since handed over no longer gets the results, nor does anyone of an
            // organisation the bot no longer serves.
            if (!tenants.Serves(session.TenantId) || !session.IsChair(grant.UserKey))
            {
                return LinkAnswers.Forbidden();
            }

            var redactor = new ExportRedactor(scanner);
            var csv = await WorkshopCsv.BuildAsync(session, votes, redactor, cancellationToken).ConfigureAwait(false);
            await trail.RecordForAsync(grant.UserKey, session.TenantId, "workshop.exported", "workshop", session.Id.ToString(),
                new { polls = session.Polls.Count, redactedCells = redactor.Redacted, notChecked = redactor.NotChecked },
                cancellationToken).ConfigureAwait(false);
            return TypedResults.File(CsvText.Utf8File(csv), "text/csv; charset=utf-8", FileName(session));
        }, cancellationToken);

    private static string FileName(WorkshopSession session) => $"workshop-{EnglandTime.DateOf(session.StartedAt):yyyy-MM-dd}.csv";
}
