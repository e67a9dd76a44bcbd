using System.Net;
using WorkshopBot.ActionPlans.Teams;
using static WorkshopBot.Tests.ActionPlans.ActionScenario;

namespace WorkshopBot.Tests.ActionPlans;

/// <summary>
/// A signed download (here the chair's action plan) is for its person only, for 15 minutes, and checks their role each
/// time. Kept in a browser's or a proxy's cache it would outlive all three: every answer of a signed link, the file and
/// the refusals alike, says <c>Cache-Control: no-store</c> (and <c>nosniff</c>), as the tab's answers do.
/// </summary>
public sealed class DownloadsAreNotCached
{
    [Fact]
    public async Task SignedDownloadAnswersAreNeverStored()
    {
        await using var s = await StartAsync();
        Text(await s.InChannelAsync(Chair, PlanScreen.OpenPlan, new PlanRefData(s.Audit.Id)));
        var export = await s.InChannelAsync(Chair, ExportScreen.Export, new PlanRefData(s.Audit.Id));
        var url = export.Card!.Value.GetProperty("actions")[0].GetProperty("url").GetString()!;
        var path = new Uri(url).PathAndQuery.TrimStart('/');

        using var file = await s.Host.Client.GetAsync(path);
        using var forged = await s.Host.Client.GetAsync(path.Replace(".xlsx", "x.xlsx", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        foreach (var response in new[] { file, forged })
        {
            Assert.True(response.Headers.CacheControl?.NoStore == true, $"{response.StatusCode}: {response.Headers.CacheControl}");
            Assert.Contains("nosniff", response.Headers.GetValues("X-Content-Type-Options"));
        }
    }
}
