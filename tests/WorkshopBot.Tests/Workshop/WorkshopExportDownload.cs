using System.Net;
using WorkshopBot.Common.Links;
using WorkshopBot.Workshop.Teams;

namespace WorkshopBot.Tests.Workshop;

/// <summary>
/// The chair's CSV export is a real file behind a signed, short-lived link; nobody else gets it. The link answers as
/// every download link does: 404 when forged, 403 when the person it names is not the chair, 410 once expired.
/// </summary>
public sealed class WorkshopExportDownload
{
    [Fact]
    public async Task TheChairDownloadsEveryPollsResultsAndOthersCannot()
    {
        await using var s = await WorkshopScenario.CreateAsync(o => o.Settings["WorkshopBot:PublicBaseUrl"] = "https://bot.example.org");
        await s.StartAsync();
        var rep = WorkshopScenario.Representative(1);
        await s.JoinAsync(rep);
        var board = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.WorkedWell));
        await s.AddIdeaAsync(rep, board, "Strategy discussion held the same day.");

        var card = (await s.ExportAsync()).Card!.Value;
        var url = new Uri(card.GetProperty("actions")[0].GetProperty("url").GetString()!);
        Assert.Equal("bot.example.org", url.Host);

        using var download = await s.Host.Client.GetAsync(url.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("text/csv", download.Content.Headers.ContentType?.MediaType);
        var csv = await download.Content.ReadAsStringAsync();
        Assert.StartsWith(WorkshopCsv.Header, csv, StringComparison.Ordinal);
        Assert.Contains("Strategy discussion held the same day.", csv, StringComparison.Ordinal);
        var exported = Assert.Single(await s.LogAsync("workshop", s.WorkshopId.ToString()), e => e.Action == "workshop.exported");
        Assert.Equal((s.Chair.AadObjectId, Support.BotTestHost.TenantId), (exported.ActorId, exported.TenantId));

        using var forged = await s.Host.Client.GetAsync(url.AbsolutePath[..^10] + "AAAAAA.csv");
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);

        var links = s.Host.Get<SignedLinks>();
        var someoneElses = await links.SignAsync(WorkshopExportGrant.Purpose, new WorkshopExportGrant(s.WorkshopId, rep.AadObjectId),
            DateTimeOffset.UtcNow.AddMinutes(5), default);
        using var refused = await s.Host.Client.GetAsync($"/api/workshops/{someoneElses}.csv");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(LinkAnswers.ForbiddenText, await refused.Content.ReadAsStringAsync());

        var expired = await links.SignAsync(WorkshopExportGrant.Purpose, new WorkshopExportGrant(s.WorkshopId, s.Chair.AadObjectId),
            DateTimeOffset.UtcNow.AddMinutes(-1), default);
        using var late = await s.Host.Client.GetAsync($"/api/workshops/{expired}.csv");
        Assert.Equal(HttpStatusCode.Gone, late.StatusCode);
        Assert.Equal(LinkAnswers.ExpiredText, await late.Content.ReadAsStringAsync());
    }
}
