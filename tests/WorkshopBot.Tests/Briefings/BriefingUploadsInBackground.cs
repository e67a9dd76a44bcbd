using Microsoft.Extensions.DependencyInjection;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Briefings.Domain;
using WorkshopBot.Briefings.Jobs;
using WorkshopBot.Briefings.Storage;
using WorkshopBot.Briefings.Teams;
using WorkshopBot.Common;
using WorkshopBot.Common.Storage;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Briefings;

/// <summary>
/// The DOCX goes to a channel's Files after the publish has committed, never inside the chair's turn: the chair's answer
/// does not wait for Graph, a publish whose turn is refused leaves no file behind, an upload cut off by a crash is made
/// by the next worker, two workers record one outcome, and a failure says why and can be retried.
/// </summary>
public sealed class BriefingUploadsInBackground : IAsyncLifetime
{
    private const string Alpha = "19:alpha@thread.tacv2";
    private readonly ContestedCommits _contest = new(BriefingStore.Briefings.Collection);
    private BriefingFlowHarness _h = null!;

    private Guid AuditId => _h.Audit.Id;

    public async Task InitializeAsync() => _h = await BriefingFlowHarness.StartAsync(_contest.Register);

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task ThePublishAnswersBeforeTheUploadAndTheUploadAddsTheLinkOnce()
    {
        await ApprovedAsync();
        _h.Files.Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // Inside the turn, the held upload would keep the chair waiting (Teams gives an invoke about 5 s).
        var publishing = _h.PostAsync(BriefingFlowHarness.Chair, PublishScreen.Publish, new PublishData(AuditId, 1, Alpha));
        Assert.Same(publishing, await Task.WhenAny(publishing, Task.Delay(TimeSpan.FromSeconds(20))));
        var published = await publishing;

        Assert.Contains(BriefingPublisher.UploadOnItsWay, published, StringComparison.Ordinal);
        Assert.DoesNotContain("upload failed", published, StringComparison.Ordinal);
        var usage = await _h.PostAsync(BriefingFlowHarness.Chair, DiscussionScreen.Usage, new UsageData(AuditId));
        Assert.Contains(BriefingPublisher.UploadOnItsWay, usage, StringComparison.Ordinal);
        Assert.False(_h.Files.Started.Task.IsCompleted);
        var queued = Assert.Single((await _h.RecordAsync()).Publications);
        Assert.Equal(FileUploadState.Pending, queued.Upload);

        // The worker's pass takes it; while Graph holds it, a second pass (another instance) leaves it alone.
        var pass = _h.UploadAsync();
        await _h.Files.Started.Task.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.NotNull(Assert.Single((await _h.RecordAsync()).Publications).UploadClaim);
        Assert.Equal(0, (await OtherWorker().RunOnceAsync(CancellationToken.None)).Taken);
        _h.Files.Hold.SetResult();
        var report = await pass;
        await _h.DrainAsync();

        Assert.Equal(1, report.Uploaded);
        Assert.Single(_h.Files.Uploads);
        var done = Assert.Single((await _h.RecordAsync()).Publications);
        Assert.Equal(FileUploadState.Uploaded, done.Upload);
        Assert.StartsWith("https://contoso.sharepoint.com/files/", done.FileUrl, StringComparison.Ordinal);
        Assert.Null(done.UploadClaim);
        var post = Assert.Single(_h.Connector.Requests, r => r.Method == "POST" && r.Path == "/v3/conversations" && r.StatusCode == 200);
        Assert.DoesNotContain("Open the Word version", post.Body, StringComparison.Ordinal);
        var update = Assert.Single(_h.Connector.Requests, r => r.Method == "PUT");
        Assert.Contains("Open the Word version", update.Body, StringComparison.Ordinal);
        var logged = Assert.Single(await LogAsync(), e => e.Action == BriefingPublisher.Uploaded);
        Assert.Equal(AuditSubjects.BotActor, logged.ActorId);
        Assert.Contains("\"succeeded\":true", logged.DetailJson!, StringComparison.Ordinal);

        // Nothing is left to do: a later pass uploads nothing more, and publishing again shows the file.
        Assert.Equal(0, (await _h.UploadAsync()).Taken);
        var again = await _h.PostAsync(BriefingFlowHarness.Chair, PublishScreen.Publish, new PublishData(AuditId, 1, Alpha));
        Assert.Contains("already posted earlier; not posted again. The Word version is in the channel's Files.",
            again, StringComparison.Ordinal);
        Assert.Single(_h.Files.Uploads);
    }

    [Fact]
    public async Task APublishWhoseTurnIsNeverStoredUploadsNothing()
    {
        await ApprovedAsync();
        // Another writer changes the briefing before each of the turn's commits, until the turn gives up.
        _contest.Times = DocumentChanges.MaxAttempts;

        var published = await _h.PostAsync(BriefingFlowHarness.Chair, PublishScreen.Publish, new PublishData(AuditId, 1, Alpha));
        var report = await _h.UploadAsync();

        Assert.Equal(DocumentChanges.MaxAttempts, _contest.Contested);
        Assert.Contains(DocumentChanges.ChangedElsewhere, published, StringComparison.Ordinal);
        Assert.Equal(0, report.Taken);
        Assert.Empty(_h.Files.Uploads);
        Assert.Empty((await _h.RecordAsync()).Publications);
    }

    [Fact]
    public async Task UploadsLeftByACrashAreMadeByTheNextWorkerWhenItStarts()
    {
        await ApprovedAsync();
        // Publish committed, and the bot died before its upload; a second one died mid-upload, its claim not yet run out.
        await _h.PostAsync(BriefingFlowHarness.Chair, PublishScreen.Publish, new PublishData(AuditId, 1, Alpha));
        const string Bravo = "19:bravo@thread.tacv2";
        await _h.AddChannelAsync(Bravo, "Bravo");
        await _h.PostAsync(BriefingFlowHarness.Chair, PublishScreen.Publish, new PublishData(AuditId, 1, Bravo));
        var worker = OtherWorker();
        var claimedByTheDead = await _h.Services.GetRequiredService<WorkRunner>().RunAsync((services, ct) =>
            services.GetRequiredService<BriefingPublisher>().ClaimUploadAsync(AuditId, Bravo, 1, 1, "dead-pass", worker.Lease, ct),
            CancellationToken.None);
        Assert.NotNull(claimedByTheDead);
        // The clock moves only when told from here (a worker waiting for its next sweep would otherwise move it).
        _h.Clock.AutoAdvance = false;

        await worker.StartAsync(CancellationToken.None);
        try
        {
            await WaitForAsync(async () => (await _h.RecordAsync()).FindPublication(Alpha)!.Upload != FileUploadState.Pending);
            Assert.Equal(FileUploadState.Pending, (await _h.RecordAsync()).FindPublication(Bravo)!.Upload);
            // Once the dead pass's claim has run out, the next sweep takes that upload too.
            _h.Clock.Advance(worker.Lease + TimeSpan.FromSeconds(1));
            _h.Services.GetRequiredService<BriefingUploadSignal>().Notify();
            await WaitForAsync(async () => !(await _h.RecordAsync()).HasPendingUploads);
        }
        finally
        {
            await worker.StopAsync(CancellationToken.None);
        }

        Assert.All((await _h.RecordAsync()).Publications, p => Assert.Equal(FileUploadState.Uploaded, p.Upload));
        Assert.Equal([Alpha, Bravo], _h.Files.Uploads.Select(u => u.Channel).Order(StringComparer.Ordinal));
        // The dead pass's outcome, were it to come back, is not kept: the record stays as the live pass left it.
        var late = await _h.Services.GetRequiredService<WorkRunner>().RunAsync((services, ct) =>
            services.GetRequiredService<BriefingPublisher>().FinishUploadAsync(claimedByTheDead,
                FileUploadResult.Failed("Microsoft Graph failed (503)."), null, ct), CancellationToken.None);
        Assert.Null(late);
        Assert.Equal(FileUploadState.Uploaded, (await _h.RecordAsync()).FindPublication(Bravo)!.Upload);
        Assert.Equal(2, (await LogAsync()).Count(e => e.Action == BriefingPublisher.Uploaded));
    }

    [Fact]
    public async Task AFailedUploadSaysWhyAndRetryUploadPutsTheFileThere()
    {
        await ApprovedAsync();
        _h.Files.Next.Enqueue(FileUploadResult.Failed("WorkshopBot has no permission to write to this channel's files (403)."));

        await _h.PostAsync(BriefingFlowHarness.Chair, PublishScreen.Publish, new PublishData(AuditId, 1, Alpha));
        await _h.DrainAsync();
        var failed = Assert.Single((await _h.RecordAsync()).Publications);
        // The chair's view of the channels shows the failure, with the Retry upload button; so does publishing again.
        var usage = await _h.PostAsync(BriefingFlowHarness.Chair, DiscussionScreen.Usage, new UsageData(AuditId));
        var shown = await _h.PostAsync(BriefingFlowHarness.Chair, PublishScreen.Publish, new PublishData(AuditId, 1, Alpha));
        var retried = await _h.PostAsync(BriefingFlowHarness.Chair, PublishScreen.RetryUpload, new RetryUploadData(AuditId, 1, Alpha));
        await _h.DrainAsync();

        Assert.Equal(FileUploadState.Failed, failed.Upload);
        Assert.Equal("WorkshopBot has no permission to write to this channel's files (403).", failed.UploadError);
        Assert.Contains("The Word version could not be put in the channel's Files: WorkshopBot has no permission",
            usage, StringComparison.Ordinal);
        Assert.Contains(PublishScreen.RetryUpload, usage, StringComparison.Ordinal);
        Assert.Contains("The Word version could not be put in the channel's Files: WorkshopBot has no permission",
            shown, StringComparison.Ordinal);
        Assert.Contains(PublishScreen.RetryUpload, shown, StringComparison.Ordinal);
        Assert.Contains("the post links to it", retried, StringComparison.Ordinal);
        Assert.Equal(2, _h.Files.Uploads.Count);
        Assert.Equal(FileUploadState.Uploaded, Assert.Single((await _h.RecordAsync()).Publications).Upload);
        Assert.Contains("Open the Word version", Assert.Single(_h.Connector.Requests, r => r.Method == "PUT").Body,
            StringComparison.Ordinal);
        var log = await LogAsync();
        Assert.Contains("\"succeeded\":false", Assert.Single(log, e => e.Action == BriefingPublisher.Uploaded).DetailJson!,
            StringComparison.Ordinal);
        Assert.Single(log, e => e.Action == "briefing.upload.retried");
    }

    /// <summary>A Word file put there by Retry upload after a team recorded its discussion keeps the post's line saying so.</summary>
    [Fact]
    public async Task RetryUploadAfterADiscussionKeepsThePostsDiscussedLine()
    {
        await ApprovedAsync();
        _h.Files.Next.Enqueue(FileUploadResult.Failed("WorkshopBot has no permission to write to this channel's files (403)."));
        await _h.PostAsync(BriefingFlowHarness.Chair, PublishScreen.Publish, new PublishData(AuditId, 1, Alpha));
        await _h.DrainAsync();
        await _h.PostAsync(new PersonRef("practitioner-oid", "Team Manager"), DiscussionScreen.Save,
            new DiscussionSaveData(AuditId, 1, Alpha, "2026-04-14", "9", "We will ask about fathers at every visit", null, null), Alpha);
        await _h.DrainAsync();

        await _h.PostAsync(BriefingFlowHarness.Chair, PublishScreen.RetryUpload, new RetryUploadData(AuditId, 1, Alpha));
        await _h.DrainAsync();

        var last = _h.Connector.Requests.Last(r => r.Method == "PUT").Body;
        Assert.Contains("Open the Word version", last, StringComparison.Ordinal);
        Assert.Contains("Discussed on 14 April 2026 (recorded by Team Manager).", last, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABusyGraphIsTriedAgainLaterAndRetryUploadMeanwhileSaysTheFileIsOnItsWay()
    {
        await ApprovedAsync();
        _h.Files.Next.Enqueue(FileUploadResult.Failed("Microsoft Graph is throttling requests (429).", transient: true));
        await _h.PostAsync(BriefingFlowHarness.Chair, PublishScreen.Publish, new PublishData(AuditId, 1, Alpha));

        var first = await _h.UploadAsync();
        var early = await _h.UploadAsync();
        var waiting = Assert.Single((await _h.RecordAsync()).Publications);
        var retried = await _h.PostAsync(BriefingFlowHarness.Chair, PublishScreen.RetryUpload, new RetryUploadData(AuditId, 1, Alpha));
        _h.Clock.Advance(BriefingUploads.RetryDelay(1));
        var later = await _h.UploadAsync();

        Assert.Equal((0, 0, 1), (first.Uploaded, first.Failed, first.TryAgain));
        Assert.Equal(FileUploadState.Pending, waiting.Upload);
        Assert.Null(waiting.UploadClaim);
        Assert.Contains(BriefingPublisher.UploadOnItsWay, retried, StringComparison.Ordinal);
        Assert.Equal(0, early.Taken);
        Assert.Equal(1, later.Uploaded);
        Assert.Equal(2, _h.Files.Uploads.Count);
        var done = Assert.Single((await _h.RecordAsync()).Publications);
        Assert.Equal((FileUploadState.Uploaded, 2), (done.Upload, done.UploadTries));
        Assert.Single(await LogAsync(), e => e.Action == BriefingPublisher.Uploaded);
    }

    /// <summary>Another instance's worker over the same store (and the same fake Graph).</summary>
    private BriefingUploads OtherWorker() => ActivatorUtilities.CreateInstance<BriefingUploads>(_h.Services);

    private async Task ApprovedAsync()
    {
        await _h.AddChannelAsync(Alpha, "Alpha");
        await _h.PostAsync(BriefingFlowHarness.Chair, ComposeScreen.Open, new OpenBriefingData(AuditId));
        await _h.PostAsync(BriefingFlowHarness.Chair, ComposeScreen.Approve, new ApproveData(AuditId, 1));
    }

    private Task<IReadOnlyList<AuditEvent>> LogAsync() =>
        _h.Services.GetRequiredService<IAuditLog>().ListAsync("briefing", AuditId.ToString("D"));

    private static async Task WaitForAsync(Func<Task<bool>> done)
    {
        for (var i = 0; i < 200; i++)
        {
            if (await done())
            {
                return;
            }

            await Task.Delay(50);
        }

        Assert.Fail("The background upload did not get there in 10 seconds.");
    }
}
