using WorkshopBot.Briefings.Domain;
using WorkshopBot.Briefings.Storage;
using WorkshopBot.Briefings.Teams;
using WorkshopBot.Common;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Briefings;

/// <summary>
/// The background upload of a channel's Word file finishes while other work on the same briefing is under way (a seam
/// places it there every time): a reminder sent meanwhile keeps the upload's outcome, and a team's discussion recorded
/// meanwhile stays on the channel's post together with the link to the file.
/// </summary>
public sealed class BriefingUpdatesRaceTheUpload : IAsyncLifetime
{
    private const string Alpha = "19:alpha@thread.tacv2";
    private static readonly PersonRef Chair = BriefingFlowHarness.Chair;
    private static readonly PersonRef Practitioner = new("practitioner-oid", "Team Manager");
    private readonly DocumentSeams _seams = new();
    private BriefingFlowHarness _h = null!;

    private Guid AuditId => _h.Audit.Id;

    public async Task InitializeAsync() => _h = await BriefingFlowHarness.StartAsync(decorate: _seams.Install);

    public async Task DisposeAsync() => await _h.DisposeAsync();

    /// <summary>The upload lands between the reminder's read of the briefing and its write of the reminder count.</summary>
    [Fact]
    public async Task AReminderKeepsTheWordFileThatAnUploadFinishedWhileItWasSent()
    {
        await PublishedAsync();
        Assert.Equal(FileUploadState.Pending, Assert.Single((await _h.RecordAsync()).Publications).Upload);
        // The first read is the chair's access check; the second, the reminder's own.
        _seams.AfterNextRead(BriefingStore.Briefings.Collection, BriefingStore.Key(AuditId),
            async () => Assert.Equal(1, (await _h.UploadAsync()).Uploaded), skip: 1);

        var remind = await _h.PostAsync(Chair, DiscussionScreen.Remind, new RemindData(AuditId));

        Assert.True(_seams.Ran);
        Assert.Contains("A reminder is on its way to 1 channel", remind, StringComparison.Ordinal);
        var publication = Assert.Single((await _h.RecordAsync()).Publications);
        Assert.Equal(FileUploadState.Uploaded, publication.Upload);
        Assert.StartsWith("https://contoso.sharepoint.com/files/", publication.FileUrl, StringComparison.Ordinal);
        Assert.Equal(1, publication.RemindersSent);
        Assert.Equal(0, (await _h.UploadAsync()).Taken);
        var usage = await _h.PostAsync(Chair, DiscussionScreen.Usage, new UsageData(AuditId));
        Assert.DoesNotContain(BriefingPublisher.UploadOnItsWay, usage, StringComparison.Ordinal);
    }

    /// <summary>
    /// The team records its discussion after the upload has listed the channel's discussions for the link's update, and
    /// before the upload's commit: the post's last update has both the link and the line saying the team discussed it.
    /// </summary>
    [Fact]
    public async Task ADiscussionRecordedWhileTheLinkIsAddedStaysOnThePostWithTheLink()
    {
        await PublishedAsync();
        _seams.AfterNextList(BriefingStore.Discussions.Collection, BriefingStore.Key(AuditId), async () =>
            Assert.Contains("Recorded by", await _h.PostAsync(Practitioner, DiscussionScreen.Save, new DiscussionSaveData(AuditId, 1,
                Alpha, "2026-04-14", "9", "We will ask about fathers at every visit", null, null), Alpha), StringComparison.Ordinal));

        var report = await _h.UploadAsync();
        await _h.DrainAsync();

        Assert.True(_seams.ListRan);
        Assert.Equal(1, report.Uploaded);
        var last = _h.Connector.Requests.Last(r => r.Method == "PUT").Body;
        Assert.Contains("Open the Word version", last, StringComparison.Ordinal);
        Assert.Contains("Discussed on 14 April 2026 (recorded by Team Manager).", last, StringComparison.Ordinal);
    }

    private async Task PublishedAsync()
    {
        await _h.AddChannelAsync(Alpha, "Alpha");
        await _h.PostAsync(Chair, ComposeScreen.Open, new OpenBriefingData(AuditId));
        await _h.PostAsync(Chair, ComposeScreen.Approve, new ApproveData(AuditId, 1));
        await _h.PostAsync(Chair, PublishScreen.Publish, new PublishData(AuditId, 1, Alpha));
    }
}
