using System.Net;
using WorkshopBot.Briefings.Teams;
using WorkshopBot.Common.Links;
using WorkshopBot.Tests.Support;
using WorkshopBot.Workshop.Teams;
using ActionPlanExport = WorkshopBot.ActionPlans.Teams.ExportScreen;
using AuditExport = WorkshopBot.Audits.Teams.ExportScreen;

namespace WorkshopBot.Tests.Hosting;

/// <summary>
/// Every feature's signed download link answers over HTTP exactly alike (<see cref="LinkAnswers"/>): a link that is not
/// genuine is 404 and a genuine one past its time is 410, each with the same plain sentence. (The Insights tab has no
/// signed links: it signs people in with Teams instead.)
/// </summary>
public sealed class DownloadLinksAnswerAlike : IAsyncLifetime
{
    private BotTestHost _host = null!;

    public async Task InitializeAsync() => _host = await BotTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    /// <summary>Each feature's download: its path for a token, and a genuine token that expired a minute ago.</summary>
    private async Task<IReadOnlyList<(string Feature, Func<string, string> Path, string Expired)>> DownloadsAsync()
    {
        var links = _host.Get<SignedLinks>();
        var past = _host.Get<TimeProvider>().GetUtcNow().AddMinutes(-1);
        var auditId = Guid.NewGuid();
        return
        [
            ("Audits", token => $"/api/exports/{token}",
                await links.SignAsync(AuditExport.Purpose, new WorkshopBot.Audits.Teams.ExportGrant(auditId, "csv", "chair"), past,
                    default)),
            ("Workshop", token => $"/api/workshops/{token}.csv",
                await links.SignAsync(WorkshopExportGrant.Purpose, new WorkshopExportGrant(Guid.NewGuid(), "chair"), past, default)),
            ("Briefings", token => $"/api/briefings/{token}.docx",
                await links.SignAsync(BriefingDownloadLinks.Purpose, new DownloadGrant(auditId, 1, "docx", "chair"), past, default)),
            ("ActionPlans", token => $"/api/actions/{token}.xlsx",
                await links.SignAsync(ActionPlanExport.Purpose,
                    new WorkshopBot.ActionPlans.Teams.ActionPlanGrant(auditId, "tenant", "chair"), past, default)),
        ];
    }

    [Fact]
    public async Task AnExpiredLinkIsGoneInEveryFeature()
    {
        var answers = new List<string>();
        foreach (var (feature, path, expired) in await DownloadsAsync())
        {
            using var response = await _host.Client.GetAsync(path(expired));
            answers.Add($"{feature}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        Assert.All(answers, answer => Assert.EndsWith($": 410 {LinkAnswers.ExpiredText}", answer, StringComparison.Ordinal));
        Assert.Equal(4, answers.Count);
    }

    [Fact]
    public async Task AForgedOrAlteredLinkIsNotFoundInEveryFeature()
    {
        var answers = new List<string>();
        foreach (var (feature, path, expired) in await DownloadsAsync())
        {
            var altered = expired[..^4] + (expired.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");
            foreach (var token in new[] { "not-a-token", altered })
            {
                using var response = await _host.Client.GetAsync(path(token));
                answers.Add($"{feature}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        }

        Assert.All(answers, answer => Assert.EndsWith($": 404 {LinkAnswers.NotFoundText}", answer, StringComparison.Ordinal));
        Assert.Equal(8, answers.Count);
    }
}
