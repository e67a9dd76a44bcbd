using Microsoft.Extensions.DependencyInjection;
using WorkshopBot.Briefings.Domain;
using WorkshopBot.Briefings.Storage;
using WorkshopBot.Briefings.Teams;
using WorkshopBot.Common;
using WorkshopBot.Storage;

namespace WorkshopBot.Tests.Briefings;

/// <summary>
/// A newer approved version published to a channel takes the older version's post there down in place: its card is updated
/// (through the outbox) to a short note pointing to the new post, without the briefing's text or the discussion button, and
/// a press on the older card's button (not updated yet, or a stale copy) records nothing.
/// </summary>
public sealed class BriefingReplacedPosts : IAsyncLifetime
{
    private const string Alpha = "19:alpha@thread.tacv2";
    private const string Bravo = "19:bravo@thread.tacv2";
    private static readonly PersonRef Practitioner = new("practitioner-oid", "Team Manager");
    private BriefingFlowHarness _h = null!;

    private Guid AuditId => _h.Audit.Id;

    public async Task InitializeAsync() => _h = await BriefingFlowHarness.StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task PublishingVersion2ReplacesVersion1sPostInThatChannelOnly()
    {
        await PublishVersion1Async(Alpha, Bravo);
        var title = (await _h.RecordAsync()).Version(1)!.Content.Title;
        var alpha1 = await ActivityOfAsync(1, Alpha);
        var bravo1 = await ActivityOfAsync(1, Bravo);

        await PublishVersion2Async(Alpha);

        var replaced = LastUpdateOf(alpha1);
        Assert.NotNull(replaced);
        Assert.Contains("This briefing has been replaced", replaced, StringComparison.Ordinal);
        Assert.Contains("A newer version (version 2) was posted in this channel on 14 April 2026", replaced, StringComparison.Ordinal);
        Assert.DoesNotContain(title, replaced, StringComparison.Ordinal);
        Assert.DoesNotContain("Our local reason", replaced, StringComparison.Ordinal);
        Assert.DoesNotContain(DiscussionScreen.Form, replaced, StringComparison.Ordinal);
        Assert.DoesNotContain("Our team discussed this", replaced, StringComparison.Ordinal);
        // Bravo got no version 2: its version 1 post still shows the briefing (the last update there is the file link).
        Assert.Contains("Our team discussed this", LastUpdateOf(bravo1) ?? string.Empty, StringComparison.Ordinal);
        var log = await _h.Services.GetRequiredService<IAuditLog>().ListAsync("briefing", AuditId.ToString("D"));
        var entry = Assert.Single(log, e => e.Action == BriefingPublisher.PostsReplaced);
        Assert.Contains(Alpha, entry.DetailJson, StringComparison.Ordinal);
        Assert.DoesNotContain(title, entry.DetailJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheOlderPostsButtonRecordsNothingAndPointsToTheNewPost()
    {
        await PublishVersion1Async(Alpha);
        await PublishVersion2Async(Alpha);

        var form = await _h.PostAsync(Practitioner, DiscussionScreen.Form, new DiscussionFormData(AuditId, 1, Alpha), Alpha);
        var save = await _h.PostAsync(Practitioner, DiscussionScreen.Save,
            new DiscussionSaveData(AuditId, 1, Alpha, "2026-04-14", "7", "Recorded against the old version", null, null), Alpha);
        var current = await _h.PostAsync(Practitioner, DiscussionScreen.Save,
            new DiscussionSaveData(AuditId, 2, Alpha, "2026-04-14", "5", "We read the corrected one", null, null), Alpha);

        Assert.Contains("Briefing replaced", form, StringComparison.Ordinal);
        Assert.Contains("posted in this channel on 14 April 2026 as a new thread", save, StringComparison.Ordinal);
        Assert.Contains("Nothing was saved.", save, StringComparison.Ordinal);
        Assert.DoesNotContain("Recorded against the old version", save, StringComparison.Ordinal);
        Assert.Contains("Recorded by Team Manager: 5 attended", current, StringComparison.Ordinal);
        using var scope = _h.Services.CreateScope();
        var only = Assert.Single(await scope.ServiceProvider.GetRequiredService<BriefingStore>().ListDiscussionsAsync(AuditId, default));
        Assert.Equal(2, only.BriefingVersion);
    }

    [Fact]
    public async Task AWordFileStillWaitingForTheOlderPostIsNotUploadedNorLinked()
    {
        // Version 2 is published before version 1's Word file was uploaded: the link would bring version 1's text back.
        await _h.AddChannelAsync(Alpha, "Alpha");
        await _h.PostAsync(BriefingFlowHarness.Chair, ComposeScreen.Open, new OpenBriefingData(AuditId));
        await _h.PostAsync(BriefingFlowHarness.Chair, ComposeScreen.Approve, new ApproveData(AuditId, 1));
        await _h.PostAsync(BriefingFlowHarness.Chair, PublishScreen.Publish, new PublishData(AuditId, 1, Alpha));
        await PublishVersion2Async(Alpha);

        // Version 1's post had not gone yet either: it is given up with what would update it, and never reaches the channel.
        var title = (await _h.RecordAsync()).Version(1)!.Content.Title;
        var posts = _h.Services.GetRequiredService<IOutboxStore>();
        foreach (var key in new[] { "", ":replaced" }.Select(k => BriefingPublisher.PostDedupeKey(AuditId, 1, Alpha) + k))
        {
            var given = await posts.FindByDedupeKeyAsync(key);
            Assert.Equal((OutboxStatus.Failed, IOutboxStore.WithdrawnError), (given!.Status, given.LastError));
        }

        // Only version 2 (its post, then its file link) reached the channel.
        Assert.All(_h.Connector.Requests.Where(r => r.Body.Contains(title, StringComparison.Ordinal)),
            r => Assert.Contains("Our local reason", r.Body, StringComparison.Ordinal));
        Assert.EndsWith("-v2.docx", Assert.Single(_h.Files.Uploads).Name, StringComparison.Ordinal);
        var old = (await _h.RecordAsync()).FindPublication(Alpha, 1)!;
        Assert.Equal((FileUploadState.Failed, BriefingRecord.ReplacedBeforeUpload), (old.Upload, old.UploadError));
    }

    private async Task PublishVersion1Async(params string[] channels)
    {
        foreach (var channel in channels)
        {
            await _h.AddChannelAsync(channel, channel == Alpha ? "Alpha" : "Bravo");
        }

        await _h.PostAsync(BriefingFlowHarness.Chair, ComposeScreen.Open, new OpenBriefingData(AuditId));
        await _h.PostAsync(BriefingFlowHarness.Chair, ComposeScreen.Approve, new ApproveData(AuditId, 1));
        await _h.PostAsync(BriefingFlowHarness.Chair, PublishScreen.Publish, new PublishData(AuditId, 1, string.Join(',', channels)));
        await _h.DrainAsync();
    }

    private async Task PublishVersion2Async(string channel)
    {
        var chair = BriefingFlowHarness.Chair;
        await _h.PostAsync(chair, ComposeScreen.EditSave,
            new EditSaveData(AuditId, 1, BriefingBoxKind.WhyItMatters, "Our local reason.", "See the local protocol.", null));
        await _h.PostAsync(chair, ComposeScreen.Approve, new ApproveData(AuditId, 2));
        var published = await _h.PostAsync(chair, PublishScreen.Publish, new PublishData(AuditId, 2, channel));
        Assert.Contains("queued as a new thread", published, StringComparison.Ordinal);
        await _h.DrainAsync();
    }

    private async Task<string> ActivityOfAsync(int version, string channel)
    {
        var posted = await _h.Services.GetRequiredService<IOutboxStore>()
            .FindByDedupeKeyAsync(BriefingPublisher.PostDedupeKey(AuditId, version, channel));
        Assert.Equal(OutboxStatus.Sent, posted?.Status);
        return posted!.SentActivityId!;
    }

    private string? LastUpdateOf(string activityId) =>
        _h.Connector.Requests.LastOrDefault(r => r.Method == "PUT" && r.Path.EndsWith("/" + activityId, StringComparison.Ordinal))?.Body;
}
