using System.Net;
using System.Text;
using WorkshopBot.Workshop.Teams;

namespace WorkshopBot.Tests.Workshop;

/// <summary>
/// A chair hides an idea so that it is no longer shown (it named someone, or was off-topic): the CSV and its preview on the
/// chair's card keep the idea's row, marked hidden, but not its words. A merged idea keeps its words (nothing was wrong
/// with them). The download is UTF-8 with its byte order mark, so Excel on Windows reads "Children’s" as written.
/// </summary>
public sealed class WorkshopExportLeavesHiddenIdeasOut
{
    private const string HiddenText = "Off-topic remark about a neighbour and her car.";

    [Fact]
    public async Task AHiddenIdeasWordsAreInNeitherThePreviewNorTheFile()
    {
        await using var s = await WorkshopScenario.CreateAsync(o => o.Settings["WorkshopBot:PublicBaseUrl"] = "https://bot.example.org");
        await s.StartAsync();
        var rep = WorkshopScenario.Representative(1);
        await s.JoinAsync(rep);
        var board = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.CouldImprove));
        await s.AddIdeaAsync(rep, board, "Quicker sharing of police interview notes.");
        await s.AddIdeaAsync(rep, board, "Share interview notes faster.");
        await s.AddIdeaAsync(rep, board, HiddenText);
        await s.AddIdeaAsync(rep, board, "Children’s records reached the GP late.");
        await s.ModerateAsync(board, ModerateActions.Merge, "i2", "i1");
        await s.ModerateAsync(board, ModerateActions.Hide, "i3");

        var export = await s.ExportAsync();
        var preview = WorkshopScenario.CardText(export);
        var url = new Uri(export.Card!.Value.GetProperty("actions")[0].GetProperty("url").GetString()!);
        using var download = await s.Host.Client.GetAsync(url.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        var bytes = await download.Content.ReadAsByteArrayAsync();

        var csv = Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF');
        Assert.StartsWith(WorkshopCsv.Header + "\r\n", csv, StringComparison.Ordinal);
        Assert.Contains("Children’s records reached the GP late.", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("neighbour", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("neighbour", preview, StringComparison.Ordinal);
        var hidden = Assert.Single(csv.Split("\r\n"), line => line.Contains(WorkshopCsv.HiddenWording, StringComparison.Ordinal));
        Assert.Contains($",{WorkshopCsv.HiddenWording},0,0,yes,,", hidden, StringComparison.Ordinal);
        Assert.Contains(",Share interview notes faster.,0,0,,i1,", csv, StringComparison.Ordinal);
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
    }
}
