using WorkshopBot.Briefings.Domain;
using WorkshopBot.Briefings.Storage;
using WorkshopBot.Briefings.Teams;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Briefings;

/// <summary>The chair posts the approved briefing to team channels, with its DOCX in each channel's Files (the Publish screen).</summary>
public sealed class BriefingPublishToChannels : IAsyncLifetime
{
    private BriefingFlowHarness _h = null!;

    private Guid AuditId => _h.Audit.Id;

    public async Task InitializeAsync() => _h = await BriefingFlowHarness.StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task PublishesToSeveralChannelsExactlyOnceDespiteThrottling()
    {
        var chair = BriefingFlowHarness.Chair;
        string[] channels = ["19:alpha@thread.tacv2", "19:bravo@thread.tacv2", "19:charlie@thread.tacv2"];
        foreach (var (id, i) in channels.Select((c, i) => (c, i)))
        {
            await _h.AddChannelAsync(id, $"Channel {i}");
        }

        await _h.PostAsync(chair, ComposeScreen.Open, new OpenBriefingData(AuditId));
        await _h.PostAsync(chair, ComposeScreen.Approve, new ApproveData(AuditId, 1));
        // The first two thread creations are throttled; the outbox reschedules them.
        _h.Connector.Inject("/v3/conversations", new InjectedFailure(429, "TooManyRequests", TimeSpan.FromSeconds(2), Times: 2));

        var result =
            await _h.PostAsync(chair, PublishScreen.Publish, new PublishData(AuditId, 1, string.Join(',', channels) + ",19:unknown"));
        await _h.DrainAsync();
        // A second click (or a restart replaying the request) posts nothing new.
        var again = await _h.PostAsync(chair, PublishScreen.Publish, new PublishData(AuditId, 1, string.Join(',', channels)));
        await _h.DrainAsync();

        Assert.Contains("queued as a new thread", result, StringComparison.Ordinal);
        Assert.Contains("1 chosen channel is no longer available", result, StringComparison.Ordinal);
        Assert.Contains("already posted earlier", again, StringComparison.Ordinal);
        var creates = _h.Connector.Requests.Where(r => r.Method == "POST" && r.Path == "/v3/conversations").ToList();
        Assert.Equal(2, creates.Count(r => r.StatusCode == 429));
        var posted = creates.Where(r => r.StatusCode == 200).ToList();
        Assert.Equal(3, posted.Count);
        foreach (var channel in channels)
        {
            Assert.Single(posted, r => r.Body.Contains(channel, StringComparison.Ordinal));
        }

        Assert.All(posted, r => Assert.Contains("Our team discussed this", r.Body, StringComparison.Ordinal));
        var record = await _h.RecordAsync();
        Assert.Equal(3, record.Publications.Count);
        Assert.All(record.Publications, p => Assert.Equal(FileUploadState.Uploaded, p.Upload));
        Assert.Equal(3, _h.Files.Uploads.Count);
    }

    [Fact]
    public async Task PostsEvenWhenTheUploadFailsAndRetryAddsTheLink()
    {
        var chair = BriefingFlowHarness.Chair;
        const string channel = "19:alpha@thread.tacv2";
        await _h.AddChannelAsync(channel, "Practice");
        await _h.PostAsync(chair, ComposeScreen.Open, new OpenBriefingData(AuditId));
        await _h.PostAsync(chair, ComposeScreen.Approve, new ApproveData(AuditId, 1));
        _h.Files.Next.Enqueue(FileUploadResult.Failed("Microsoft Graph is throttling requests (429)."));

        var result = await _h.PostAsync(chair, PublishScreen.Publish, new PublishData(AuditId, 1, channel));
        await _h.DrainAsync();
        // The upload is made after the publish, in the background: publishing again shows how it went.
        var shown = await _h.PostAsync(chair, PublishScreen.Publish, new PublishData(AuditId, 1, channel));
        var retried = await _h.PostAsync(chair, PublishScreen.RetryUpload, new RetryUploadData(AuditId, 1, channel));
        await _h.DrainAsync();

        Assert.Contains(BriefingPublisher.UploadOnItsWay, result, StringComparison.Ordinal);
        Assert.Contains("The Word version could not be put in the channel's Files: Microsoft Graph is throttling requests (429).",
            shown, StringComparison.Ordinal);
        Assert.Contains(PublishScreen.RetryUpload, shown, StringComparison.Ordinal);
        Assert.Contains("the post links to it", retried, StringComparison.Ordinal);
        var post = Assert.Single(_h.Connector.Requests, r => r.Method == "POST" && r.Path == "/v3/conversations" && r.StatusCode == 200);
        Assert.DoesNotContain("Open the Word version", post.Body, StringComparison.Ordinal);
        var update = Assert.Single(_h.Connector.Requests, r => r.Method == "PUT");
        Assert.Contains("Open the Word version", update.Body, StringComparison.Ordinal);
        Assert.Equal(FileUploadState.Uploaded, (await _h.RecordAsync()).Publications.Single().Upload);
    }

    /// <summary>
    /// A later version published to a channel that has an earlier one uploads its Word file under its own name, so the
    /// earlier post's "Open the Word version" still opens the earlier version.
    /// </summary>
    [Fact]
    public async Task ALaterVersionsWordFileDoesNotOverwriteTheEarlierOnes()
    {
        var chair = BriefingFlowHarness.Chair;
        const string channel = "19:alpha@thread.tacv2";
        await _h.AddChannelAsync(channel, "Channel 0");
        await _h.PostAsync(chair, ComposeScreen.Open, new OpenBriefingData(AuditId));
        await _h.PostAsync(chair, ComposeScreen.Approve, new ApproveData(AuditId, 1));
        await _h.PostAsync(chair, PublishScreen.Publish, new PublishData(AuditId, 1, channel));
        // Uploaded before version 2 is posted: a file still waiting when a newer version replaces the post is not uploaded.
        await _h.DrainAsync();
        await _h.PostAsync(chair, ComposeScreen.EditSave,
            new EditSaveData(AuditId, 1, BriefingBoxKind.WhyItMatters, "Our local reason.", "See the local protocol.", null));
        await _h.PostAsync(chair, ComposeScreen.Approve, new ApproveData(AuditId, 2));
        await _h.PostAsync(chair, PublishScreen.Publish, new PublishData(AuditId, 2, channel));
        await _h.DrainAsync();

        var names = _h.Files.Uploads.Select(u => u.Name).ToList();
        Assert.Equal(2, names.Count);
        Assert.Equal(2, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.EndsWith("-v2.docx", names[1], StringComparison.Ordinal);
        Assert.DoesNotContain("-v", names[0][^8..], StringComparison.Ordinal);
    }
}
