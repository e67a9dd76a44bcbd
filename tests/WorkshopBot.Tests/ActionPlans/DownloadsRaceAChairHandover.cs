using System.Net;
using System.Text.RegularExpressions;
using WorkshopBot.ActionPlans.Teams;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Briefings.Teams;
using WorkshopBot.Common.Links;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.ActionPlans.ActionScenario;
using AuditExport = WorkshopBot.Audits.Teams.ExportScreen;
using BriefingExport = WorkshopBot.Briefings.Teams.ExportScreen;
using PlanExport = WorkshopBot.ActionPlans.Teams.ExportScreen;

namespace WorkshopBot.Tests.ActionPlans;

/// <summary>
/// A chair's download link is used just as an admin hands the chair over: the handover lands after the download has read the
/// audit (as still theirs) and before the download commits. The download holds the audit it checked the chair on, so it runs
/// again from fresh reads and answers as it does to anyone who no longer chairs (403), serving nothing and logging no export:
/// the returns (CSV), the briefing (Word) and the action plan (XLSX) alike. A seam places the handover (not timing).
/// </summary>
public sealed partial class DownloadsRaceAChairHandover
{
    private static readonly TestUser NewChair = BotTestHost.User("Incoming Quality Chair");

    [Fact]
    public Task TheReturnsAreNotServedToTheOldChair() =>
        RaceAsync(AuditExport.Export, id => new AuditRefData(id), "/api/exports/", "audit", "audit.exported");

    [Fact]
    public Task TheBriefingIsNotServedToTheOldChair() =>
        RaceAsync(BriefingExport.Export, id => new ExportData(id), "/api/briefings/", "briefing", "briefing.exported");

    [Fact]
    public Task TheActionPlanIsNotServedToTheOldChair() =>
        RaceAsync(PlanExport.Export, id => new PlanRefData(id), "/api/actions/", "audit", "action-plan.exported", openPlan: true);

    private static async Task RaceAsync(string verb, Func<Guid, object> data, string path, string subject, string exported,
        bool openPlan = false)
    {
        var seams = new DocumentSeams();
        await using var s = await StartAsync(services: seams.Install);
        var auditId = s.Audit.Id;
        if (openPlan)
        {
            Text(await s.InChannelAsync(Chair, PlanScreen.OpenPlan, new PlanRefData(auditId)));
        }

        var link = LinkIn(Text(await s.InChannelAsync(Chair, verb, data(auditId))), path);

        seams.AfterNextRead(AuditStore.Audits, AuditStore.Key(auditId),
            () => ChairHandoverStep.HandOverAsync(s.Host, auditId, Chair, NewChair));
        using var response = await s.Host.Client.GetAsync(new Uri(link).PathAndQuery.TrimStart('/'));

        Assert.True(seams.Ran);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(LinkAnswers.ForbiddenText, await response.Content.ReadAsStringAsync());
        Assert.DoesNotContain(await s.LogAsync(subject), e => e.Action == exported);
        // The same link, now that the handover has landed, is refused as well: the check reads the audit's chair each time.
        using var again = await s.Host.Client.GetAsync(new Uri(link).PathAndQuery.TrimStart('/'));
        Assert.Equal(HttpStatusCode.Forbidden, again.StatusCode);
    }

    private static string LinkIn(string card, string path) =>
        DownloadLink().Matches(card).Select(m => m.Value).First(url => url.Contains(path, StringComparison.Ordinal));

    [GeneratedRegex("https://[^\"\\s]+")]
    private static partial Regex DownloadLink();
}
