using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using WorkshopBot.Briefings.Domain;
using WorkshopBot.Briefings.Storage;
using WorkshopBot.Briefings.Teams;
using WorkshopBot.Common.Storage;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Support;
using WorkshopBot.Workshop.Domain;

namespace WorkshopBot.Tests.Briefings;

/// <summary>
/// No copy of the briefing carries a chart its own text contradicts: a version approved before a chart had to agree with
/// its box's text, whose "Grades and findings" box the chair edited so it no longer gives the chart's figures, is not
/// published (see <see cref="BriefingGradesChart"/>), and, over real HTTP, the chair's Word and Markdown downloads of it are
/// refused too: Export gives no link, and a link made before is answered 409. Once the box is regenerated and the new
/// version approved, it is exported as before.
/// </summary>
public sealed class BriefingExportChartAgreement
{
    private const string BaseUrl = "https://bot.example.org/";
    private const string HandEdited = "Of 1 single-agency return: 1 outstanding, 0 good, 0 requires improvement, 0 inadequate.";

    [Fact]
    public async Task AnApprovedVersionWhoseChartDisagreesWithItsTextIsNotDownloaded()
    {
        await using var host = await BotTestHost.StartAsync(o =>
        {
            o.Services = s => s.AddSingleton<IWorkshopResults>(new StubWorkshopResults());
            o.Settings["WorkshopBot:PublicBaseUrl"] = BaseUrl;
        });
        var chair = BotTestHost.User("QA Chair");
        var chat = BotTestHost.PersonalChat(chair);
        var audit = (await BriefingSeed.OneCaseAuditAsync(host.Services, chair.Person,
            host.Get<TimeProvider>().GetUtcNow().AddDays(-20))).Id;
        await host.ExecuteAsync(chair, chat, ComposeScreen.Open, new OpenBriefingData(audit));
        await host.ExecuteAsync(chair, chat, ComposeScreen.Approve, new ApproveData(audit, 1));
        var docxLink = await LinkAsync(host, audit, 1, BriefingDownloadLinks.Docx, chair);
        var markdownLink = await LinkAsync(host, audit, 1, BriefingDownloadLinks.Markdown, chair);
        await StoreApprovedAsEditedBeforeAsync(host, audit, HandEdited);

        var export = (await host.ExecuteAsync(chair, chat, ExportScreen.Export, new ExportData(audit))).Card!.Value.GetRawText();
        var docx = await GetAsync(host, docxLink);
        var markdown = await GetAsync(host, markdownLink);

        Assert.Contains("Not exported", export, StringComparison.Ordinal);
        Assert.Contains("Version 1 cannot be exported.", export, StringComparison.Ordinal);
        Assert.Contains("Choose Regenerate on that box", export, StringComparison.Ordinal);
        Assert.DoesNotContain("api/briefings/", export, StringComparison.Ordinal);
        foreach (var refused in new[] { docx, markdown })
        {
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            Assert.Equal(ExportScreen.ChartDisagreesText, await refused.Content.ReadAsStringAsync());
        }

        var log = await host.Get<IAuditLog>().ListAsync("briefing", audit.ToString("D"));
        Assert.Contains(log, e => e.Action == "briefing.export.refused");
        Assert.DoesNotContain(log, e => e.Action == "briefing.exported");

        // Regenerated and approved again, the briefing is exported as before.
        await host.ExecuteAsync(chair, chat, ComposeScreen.Regenerate, new RegenerateData(audit, 1, BriefingBoxKind.GradesAndFindings));
        await host.ExecuteAsync(chair, chat, ComposeScreen.Approve, new ApproveData(audit, 2));
        var again = (await host.ExecuteAsync(chair, chat, ExportScreen.Export, new ExportData(audit))).Card!.Value;
        Assert.Contains("Export version 2", again.GetRawText(), StringComparison.Ordinal);
        var served = await GetAsync(host, again.GetProperty("actions")[1].GetProperty("url").GetString()!);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
    }

    /// <summary>A genuine link, signed as the Export button signs one.</summary>
    private static async Task<string> LinkAsync(BotTestHost host, Guid audit, int version, string format, TestUser chair) =>
        (await host.Get<BriefingDownloadLinks>().CreateAsync(audit, version, format, chair.AadObjectId, default))!.ToString();

    private static Task<HttpResponseMessage> GetAsync(BotTestHost host, string url) =>
        host.Client.GetAsync(new Uri(url).PathAndQuery.TrimStart('/'));

    /// <summary>The approved version 1 as a release that did not compare the chart with the text stored a chair's edit of it.</summary>
    private static async Task StoreApprovedAsEditedBeforeAsync(BotTestHost host, Guid audit, string lead)
    {
        Assert.True(await host.Services.GetRequiredService<WorkRunner>().RunAsync(async (services, ct) =>
        {
            var documents = services.GetRequiredService<DocumentChanges>();
            var read = (await documents.GetVersionedAsync(BriefingStore.Briefings, BriefingStore.Key(audit), ct))!;
            Assert.NotNull(GradeChart.Figures(read.Value.Latest.Content));
            var json = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(read.Value, DocumentStoreExtensions.DefaultJsonOptions))!;
            var box = json["versions"]![0]!["content"]!["boxes"]!.AsArray()
                .Single(b => b!["kind"]!.GetValue<string>() == nameof(BriefingBoxKind.GradesAndFindings))!;
            box["lead"] = lead;
            box["editedByChair"] = true;
            var edited = System.Text.Json.JsonSerializer.Deserialize<BriefingRecord>(json.ToJsonString(),
                DocumentStoreExtensions.DefaultJsonOptions)!;
            Assert.NotNull(GradeChart.Disagreement(edited.Latest.Content));
            documents.Replace(BriefingStore.Briefings, read with { Value = edited });
            return true;
        }, CancellationToken.None));
    }
}
