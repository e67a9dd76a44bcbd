using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Cards;
using WorkshopBot.Common;
using WorkshopBot.Common.Teams;
using WorkshopBot.Hosting;
using WorkshopBot.Protocol.Routing;
using WorkshopBot.Protocol.Schema;

namespace WorkshopBot.Audits.Teams;

/// <summary>Names one audit (dashboard, tracker, lists).</summary>
public sealed record AuditRefData(Guid AuditId);

/// <summary>
/// The audit's home for its chair: what it is, how the tools were delivered, and Issue. "returns" lists the audits a
/// chair runs, each opening here.
/// </summary>
public sealed class DashboardScreen(
    ChairAccess access,
    AuditStore store,
    Roles roles,
    AuditTrail trail,
    ToolDelivery delivery,
    TrackerService tracker,
    TimeProvider time)
{
    public const string Dashboard = "audit.dashboard";
    public const string Issue = "audit.issue";

    public static void Map(ActivityRouter router)
    {
        ArgumentNullException.ThrowIfNull(router);
        router.OnCommand("returns", (turn, _, ct) => turn.Screen<DashboardScreen>().ListAsync(turn, ct));
        router.OnCardAction<AuditRefData>(Dashboard, (turn, data, ct) => turn.Screen<DashboardScreen>().ShowAsync(turn, data, ct));
        router.OnCardAction<AuditRefData>(Issue, (turn, data, ct) => turn.Screen<DashboardScreen>().IssueAsync(turn, data, ct));
    }

    /// <summary>"returns": the audits this person chairs (every audit, for an admin).</summary>
    public async Task ListAsync(TurnContext turn, CancellationToken ct)
    {
        var me = turn.Person();
        var audits = (await store.ListAuditsAsync(ct).ConfigureAwait(false)).Select(d => d.Value)
            .Where(a => a.IsChair(me) || roles.IsAdmin(me))
            .OrderByDescending(a => a.CreatedAt)
            .ToList();
        await turn.SendCardAsync(AdaptiveCardJson.ToJsonElement(DashboardCard.List("Audits you chair", audits)), ct).ConfigureAwait(false);
    }

    public async Task<InvokeResponse> ShowAsync(TurnContext turn, AuditRefData data, CancellationToken ct)
    {
        var chaired = await access.AuditAsync(turn, data.AuditId, ct).ConfigureAwait(false);
        if (chaired.Refused)
        {
            return chaired.Refusal;
        }

        var audit = chaired.Value;
        var channel = (await store.GetChannelAsync(audit.Id, ct).ConfigureAwait(false))?.Value;
        var delivered = channel is null ? null : await delivery.SummaryAsync(audit, channel, ct).ConfigureAwait(false);
        return Reply.Card(DashboardCard.Dashboard(audit, delivered));
    }

    /// <summary>Issues a draft, then sends every audit tool not yet sent; pressed again, it sends only the missing ones.</summary>
    public async Task<InvokeResponse> IssueAsync(TurnContext turn, AuditRefData data, CancellationToken ct)
    {
        var chaired = await access.AuditAsync(turn, data.AuditId, ct).ConfigureAwait(false);
        if (chaired.Refused)
        {
            return chaired.Refusal;
        }

        var audit = chaired.Value;
        var firstIssue = audit.Status == AuditStatus.Draft;
        if (firstIssue)
        {
            var issued = await store.ChangeAuditAsync(audit.Id, a => a.Issue(time.GetUtcNow()), ct).ConfigureAwait(false);
            if (!issued.Saved)
            {
                return ChairAccess.NotSaved(issued, (a, message) => DashboardCard.Dashboard(a, message: message, tone: Tone.Error));
            }

            audit = issued.Value!;
            await trail.RecordAsync(turn.Person(), "audit.issued", AuditSubjects.Audit, audit.Id,
                new { returns = audit.ExpectedReturns().Count }, ct).ConfigureAwait(false);
        }
        else if (audit.Status != AuditStatus.Issued)
        {
            return Reply.Card(DashboardCard.Dashboard(audit, message: "Audit tools can be sent only while returns are being collected.",
                tone: Tone.Error));
        }

        var (queued, unreachable) = await delivery.DeliverAsync(audit, ct).ConfigureAwait(false);
        await tracker.PostAsync(audit, ct).ConfigureAwait(false);
        var channel = (await store.GetChannelAsync(audit.Id, ct).ConfigureAwait(false))?.Value;
        var delivered = channel is null ? null : await delivery.SummaryAsync(audit, channel, ct).ConfigureAwait(false);
        var message = (firstIssue ? "Audit issued. " : "Issued again: only tools not already sent are sent. ")
            + $"{queued} audit tool(s) queued for delivery."
            + (unreachable.Count > 0 ? $" Could not reach: {string.Join(", ", unreachable)}." : string.Empty);
        return Reply.Card(DashboardCard.Dashboard(audit, delivered, message, unreachable.Count > 0 ? Tone.Warning : Tone.Success));
    }
}
