using System.Text;
using WorkshopBot.Briefings.Domain;
using WorkshopBot.Briefings.Teams;

namespace WorkshopBot.Tests.Briefings;

/// <summary>
/// A briefing within 900 words whose words are long (pasted links, hyphenated runs) would make a channel card over the 28 KB
/// Teams' older clients take: it is kept as a version but refused at approval, so it is never posted; an ordinary one is.
/// </summary>
public sealed class BriefingPostSize : IAsyncLifetime
{
    private const string Alpha = "19:alpha@thread.tacv2";
    private const int TeamsCardLimit = 28 * 1024;
    private BriefingFlowHarness _h = null!;

    private Guid AuditId => _h.Audit.Id;

    public async Task InitializeAsync() => _h = await BriefingFlowHarness.StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task LongWordsWithinTheWordLimitNeverMakeAPostTooLargeForTeams()
    {
        await _h.AddChannelAsync(Alpha, "Alpha");
        await _h.PostAsync(BriefingFlowHarness.Chair, ComposeScreen.Open, new OpenBriefingData(AuditId));
        const string word = "information-sharing-between-agencies-was-checked";
        var line = string.Join(' ', Enumerable.Repeat(word, 10)) + ".";
        var points = string.Join('\n', Enumerable.Repeat(line, 7));
        var version = 1;
        var last = "";
        var lead = string.Join(' ', Enumerable.Repeat(word, 19)) + ".";
        foreach (var box in Enum.GetValues<BriefingBoxKind>())
        {
            // The grades box still gives its chart's figures, so approval is refused for the card's size alone (GradeChart).
            var figures = box == BriefingBoxKind.GradesAndFindings
                ? GradeChart.Figures((await _h.RecordAsync()).Latest.Content) + ". " : string.Empty;
            last = await _h.PostAsync(BriefingFlowHarness.Chair, ComposeScreen.EditSave,
                new EditSaveData(AuditId, version, box, figures + lead, points, null));
            version = (await _h.RecordAsync()).Latest.Number;
        }

        var approve = await _h.PostAsync(BriefingFlowHarness.Chair, ComposeScreen.Approve, new ApproveData(AuditId, version));
        await _h.PostAsync(BriefingFlowHarness.Chair, PublishScreen.Publish, new PublishData(AuditId, version, Alpha));
        await _h.DrainAsync();

        // Each version was kept (within 900 words); approval says why it cannot be posted, and nothing reaches a channel.
        Assert.DoesNotContain("Not saved", last, StringComparison.Ordinal);
        Assert.Contains("too large for a Teams channel card", approve, StringComparison.Ordinal);
        Assert.Null((await _h.RecordAsync()).ApprovedVersion);
        var posts = _h.Connector.Requests.Where(r => r.Body.Contains(word, StringComparison.Ordinal)).ToList();
        Assert.All(posts.Select(p => Encoding.UTF8.GetByteCount(p.Body)), bytes => Assert.InRange(bytes, 1, TeamsCardLimit));
    }

    [Fact]
    public async Task AnOrdinaryBriefingIsApprovedAndPostedWithinTheLimit()
    {
        await _h.AddChannelAsync(Alpha, "Alpha");
        await _h.PostAsync(BriefingFlowHarness.Chair, ComposeScreen.Open, new OpenBriefingData(AuditId));
        var version = (await _h.RecordAsync()).Latest.Number;
        var approve = await _h.PostAsync(BriefingFlowHarness.Chair, ComposeScreen.Approve, new ApproveData(AuditId, version));
        Assert.Contains("is approved", approve, StringComparison.Ordinal);
        await _h.PostAsync(BriefingFlowHarness.Chair, PublishScreen.Publish, new PublishData(AuditId, version, Alpha));
        await _h.DrainAsync();
        var posts = _h.Connector.Requests.Where(r => r.Body.Contains("Our team discussed this", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(posts);
        Assert.All(posts.Select(p => Encoding.UTF8.GetByteCount(p.Body)), bytes => Assert.InRange(bytes, 1, TeamsCardLimit));
    }
}
