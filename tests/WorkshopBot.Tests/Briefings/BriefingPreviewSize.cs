using System.Text;
using System.Text.Json;
using WorkshopBot.Briefings.Domain;
using WorkshopBot.Briefings.Teams;

namespace WorkshopBot.Tests.Briefings;

/// <summary>
/// A briefing within the word limit whose long words or emoji leave its channel card just within Teams' 28 KB passes
/// approval, but its preview adds seven boxes' Edit and Regenerate: every preview the chair gets (after an edit, on
/// approval, on opening) stays within the limit, its longest texts shortened with a note saying so, while the channel's
/// card shows the briefing in full.
/// </summary>
public sealed class BriefingPreviewSize : IAsyncLifetime
{
    private const string Alpha = "19:alpha@thread.tacv2";
    private const int TeamsCardLimit = 28 * 1024;
    private const string Shortened = "too large for Teams to show in full here, so its longest texts are shortened";
    private BriefingFlowHarness _h = null!;

    private Guid AuditId => _h.Audit.Id;

    public async Task InitializeAsync() => _h = await BriefingFlowHarness.StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Theory]
    [InlineData("information-sharing-between-agencies-was-checked", 7, 7)]
    [InlineData("\U0001F642\U0001F642\U0001F642\U0001F642", 10, 5)]
    public async Task APreviewLargerThanTheChannelsCardIsShortenedToFitAndTheBriefingIsApprovedAndPostedInFull(
        string word, int wordsPerLine, int lines)
    {
        var chair = BriefingFlowHarness.Chair;
        await _h.AddChannelAsync(Alpha, "Alpha");
        await _h.PostAsync(chair, ComposeScreen.Open, new OpenBriefingData(AuditId));
        var line = string.Join(' ', Enumerable.Repeat(word, wordsPerLine)) + ".";
        var points = string.Join('\n', Enumerable.Repeat(line, lines));
        var lead = string.Join(' ', Enumerable.Repeat(word, 19)) + ".";
        var edited = "";
        foreach (var box in Enum.GetValues<BriefingBoxKind>())
        {
            var version = (await _h.RecordAsync()).Latest.Number;
            var questions = box == BriefingBoxKind.DoNow ? "What will you do?\nWho will you tell?\nWhen will you review it?" : null;
            edited = await _h.PostAsync(chair, ComposeScreen.EditSave, new EditSaveData(AuditId, version, box,
                await KeepingTheChartsFiguresAsync(box, lead), points, questions));
        }

        var latest = (await _h.RecordAsync()).Latest.Number;
        var approved = await _h.PostAsync(chair, ComposeScreen.Approve, new ApproveData(AuditId, latest));
        var reopened = await _h.PostAsync(chair, ComposeScreen.Open, new OpenBriefingData(AuditId));
        await _h.PostAsync(chair, PublishScreen.Publish, new PublishData(AuditId, latest, Alpha));
        await _h.DrainAsync();

        Assert.Equal(8, latest);
        Assert.Contains($"Saved as version {latest}.", edited, StringComparison.Ordinal);
        Assert.Contains($"Version {latest} is approved", approved, StringComparison.Ordinal);
        foreach (var preview in new[] { edited, approved, reopened })
        {
            Assert.InRange(CardBytes(preview), 1, TeamsCardLimit);
            Assert.Contains(Shortened, Texts(preview), StringComparison.Ordinal);
            Assert.Contains(ComposeScreen.EditForm, preview, StringComparison.Ordinal);
        }

        var posts = _h.Connector.Requests.Where(r => r.Body.Contains("Our team discussed this", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(posts);
        Assert.All(posts, p => Assert.InRange(Encoding.UTF8.GetByteCount(p.Body), 1, TeamsCardLimit));
        Assert.All(posts, p => Assert.Contains(line, Texts(p.Body), StringComparison.Ordinal));
        Assert.All(posts, p => Assert.DoesNotContain(Shortened, Texts(p.Body), StringComparison.Ordinal));
    }

    /// <summary>The grades box's lead still gives its chart's figures, as one that may be approved must (GradeChart).</summary>
    private async Task<string> KeepingTheChartsFiguresAsync(BriefingBoxKind box, string lead) =>
        box == BriefingBoxKind.GradesAndFindings ? $"{GradeChart.Figures((await _h.RecordAsync()).Latest.Content)}. {lead}" : lead;

    // The card the chair's client is given: the invoke response's value, as the bot writes it.
    private static int CardBytes(string response) =>
        Encoding.UTF8.GetByteCount(JsonDocument.Parse(response).RootElement.GetProperty("value").GetRawText());

    private static string Texts(string json) => string.Join("\n", Strings(JsonDocument.Parse(json).RootElement));

    private static IEnumerable<string> Strings(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => [e.GetString()!],
        JsonValueKind.Object => e.EnumerateObject().SelectMany(p => Strings(p.Value)),
        JsonValueKind.Array => e.EnumerateArray().SelectMany(Strings),
        _ => [],
    };
}
