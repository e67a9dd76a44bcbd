using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WorkshopBot.Audits;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Briefings;
using WorkshopBot.Briefings.Domain;
using WorkshopBot.Briefings.Storage;
using WorkshopBot.Briefings.Teams;
using WorkshopBot.Cards;
using WorkshopBot.Common;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Support;
using WorkshopBot.Workshop;
using WorkshopBot.Workshop.Domain;

namespace WorkshopBot.Tests.Briefings;

public sealed class BriefingReviewAndPublish : IAsyncLifetime
{
    private BriefingFlowHarness _h = null!;

    private Guid AuditId => _h.Audit.Id;

    public async Task InitializeAsync() => _h = await BriefingFlowHarness.StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task ComposesOnOpenFromReturnsAndWorkshop()
    {
        _h.Workshop.Outcome = new WorkshopOutcome(AuditId,
            [new RankedIdea("Health visitors shared concerns the same day", IdeaBoardKind.WorkedWell, 7, 1, "Health visiting", null, null)],
            [new MultiAgencyJudgement(AuditId, "NAI-2026-03-C1", "good", "Good", "r", "chair-oid", "QA Chair", DateTimeOffset.UnixEpoch),
             new MultiAgencyJudgement(AuditId, "NAI-2026-03-C2", "inadequate", "Inadequate", "r", "chair-oid", "QA Chair", DateTimeOffset.UnixEpoch)]);

        var (json, _) = await _h.RunAsync(BriefingFlowHarness.Chair, (h, t) => h.OpenAsync(t, new OpenBriefingData(AuditId), default));

        Assert.Contains("Of 2 cases: 0 outstanding, 1 good, 0 requires improvement, 1 inadequate.", json, StringComparison.Ordinal);
        Assert.Contains("Health visitors shared concerns the same day. (Health visiting)", json, StringComparison.Ordinal);
        // Two agencies said the same about strategy meetings: merged, both named.
        Assert.Contains("Strategy meetings were timely, with the right agencies present. (Children's Social Care and Police)", json, StringComparison.Ordinal);
        var record = await _h.RecordAsync();
        Assert.Single(record.Versions);
    }

    [Fact]
    public async Task RefusesSomeoneWhoIsNotTheChair()
    {
        var (json, _) = await _h.RunAsync(new PersonRef("someone-oid", "Someone"), (h, t) => h.OpenAsync(t, new OpenBriefingData(AuditId), default));

        Assert.Contains("Only the audit chair", json, StringComparison.Ordinal);
        using var scope = _h.Services.CreateScope();
        Assert.Null(await scope.ServiceProvider.GetRequiredService<BriefingStore>().GetAsync(AuditId, default));
    }

    [Fact]
    public async Task KeepsEveryVersionThroughEditRegenerateAndApprove()
    {
        var chair = BriefingFlowHarness.Chair;
        await _h.RunAsync(chair, (h, t) => h.OpenAsync(t, new OpenBriefingData(AuditId), default));

        var (edited, _) = await _h.RunAsync(chair, (h, t) => h.EditSaveAsync(t, new EditSaveData(AuditId, 1, BriefingBoxKind.WhyItMatters, "Our local reason.", "See the local protocol.", null), default));
        var (stale, _) = await _h.RunAsync(chair, (h, t) => h.EditSaveAsync(t, new EditSaveData(AuditId, 1, BriefingBoxKind.WhyItMatters, "Lost edit.", null, null), default));
        await _h.RunAsync(chair, (h, t) => h.RegenerateAsync(t, new RegenerateData(AuditId, 2, BriefingBoxKind.WorkedWell), default));
        await _h.RunAsync(chair, (h, t) => h.RegenerateAsync(t, new RegenerateData(AuditId, 3, null), default));
        var (approved, _) = await _h.RunAsync(chair, (h, t) => h.ApproveAsync(t, new ApproveData(AuditId, 4), default));

        Assert.Contains("Saved as version 2.", edited, StringComparison.Ordinal);
        Assert.Contains("has changed since you opened it", stale, StringComparison.Ordinal);
        Assert.Contains("Version 4 is approved", approved, StringComparison.Ordinal);
        var record = await _h.RecordAsync();
        Assert.Equal([1, 2, 3, 4], record.Versions.Select(v => v.Number));
        Assert.Equal("Our local reason.", record.Version(2)!.Content.Box(BriefingBoxKind.WhyItMatters).Lead);
        Assert.True(record.Version(2)!.Content.Box(BriefingBoxKind.WhyItMatters).EditedByChair);
        Assert.Equal("Our local reason.", record.Version(3)!.Content.Box(BriefingBoxKind.WhyItMatters).Lead);
        Assert.NotEqual("Our local reason.", record.Version(4)!.Content.Box(BriefingBoxKind.WhyItMatters).Lead);
        Assert.Equal(4, record.ApprovedVersion);
        var log = await _h.Services.GetRequiredService<IAuditLog>().ListAsync("briefing", AuditId.ToString("D"));
        Assert.Equal(["briefing.composed", "briefing.edited", "briefing.regenerated", "briefing.regenerated", "briefing.approved"], log.Select(e => e.Action));
    }

    [Fact]
    public async Task RefusesToApproveWhileIdentifiersRemainAndToSaveOver900Words()
    {
        var chair = BriefingFlowHarness.Chair;
        await _h.RunAsync(chair, (h, t) => h.OpenAsync(t, new OpenBriefingData(AuditId), default));
        await _h.RunAsync(chair, (h, t) => h.EditSaveAsync(t, new EditSaveData(AuditId, 1, BriefingBoxKind.WorkedWell, null, "Mum rang from 07700 900123 and was seen at SW1A 1AA", null), default));

        var (refused, _) = await _h.RunAsync(chair, (h, t) => h.ApproveAsync(t, new ApproveData(AuditId, 2), default));
        var (tooLong, _) = await _h.RunAsync(chair, (h, t) => h.EditSaveAsync(t, new EditSaveData(AuditId, 2, BriefingBoxKind.NextSteps, null, string.Join(' ', Enumerable.Repeat("a", 950)), null), default));

        Assert.Contains("cannot be approved yet", refused, StringComparison.Ordinal);
        Assert.Contains("a phone number", refused, StringComparison.Ordinal);
        Assert.Contains("the limit is 900", tooLong, StringComparison.Ordinal);
        var record = await _h.RecordAsync();
        Assert.Null(record.ApprovedVersion);
        Assert.Equal(2, record.Versions.Count);
    }

    [Fact]
    public async Task PublishesToSeveralChannelsExactlyOnceDespiteThrottling()
    {
        var chair = BriefingFlowHarness.Chair;
        string[] channels = ["19:alpha@thread.tacv2", "19:bravo@thread.tacv2", "19:charlie@thread.tacv2"];
        foreach (var (id, i) in channels.Select((c, i) => (c, i)))
        {
            await _h.AddChannelAsync(id, $"Channel {i}");
        }

        await _h.RunAsync(chair, (h, t) => h.OpenAsync(t, new OpenBriefingData(AuditId), default));
        await _h.RunAsync(chair, (h, t) => h.ApproveAsync(t, new ApproveData(AuditId, 1), default));
        // The first two thread creations are throttled; the outbox reschedules them.
        _h.Connector.Inject("/v3/conversations", new InjectedFailure(429, "TooManyRequests", TimeSpan.FromSeconds(2), Times: 2));

        var (result, _) = await _h.RunAsync(chair, (h, t) => h.PublishAsync(t, new PublishData(AuditId, 1, string.Join(',', channels) + ",19:unknown"), default));
        await _h.DrainAsync();
        // A second click (or a restart replaying the request) posts nothing new.
        var (again, _) = await _h.RunAsync(chair, (h, t) => h.PublishAsync(t, new PublishData(AuditId, 1, string.Join(',', channels)), default));
        await _h.DrainAsync();

        Assert.Contains("queued as a new thread", result, StringComparison.Ordinal);
        Assert.Contains("1 chosen channel(s) are no longer available", result, StringComparison.Ordinal);
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
        await _h.RunAsync(chair, (h, t) => h.OpenAsync(t, new OpenBriefingData(AuditId), default));
        await _h.RunAsync(chair, (h, t) => h.ApproveAsync(t, new ApproveData(AuditId, 1), default));
        _h.Files.Next.Enqueue(FileUploadResult.Failed("Microsoft Graph is throttling requests (429)."));

        var (result, _) = await _h.RunAsync(chair, (h, t) => h.PublishAsync(t, new PublishData(AuditId, 1, channel), default));
        await _h.DrainAsync();
        var (retried, _) = await _h.RunAsync(chair, (h, t) => h.RetryUploadAsync(t, new RetryUploadData(AuditId, 1, channel), default));
        await _h.DrainAsync();

        Assert.Contains("The DOCX upload failed: Microsoft Graph is throttling requests (429).", result, StringComparison.Ordinal);
        Assert.Contains(BriefingVerbs.RetryUpload, result, StringComparison.Ordinal);
        Assert.Contains("the post links to it", retried, StringComparison.Ordinal);
        var post = Assert.Single(_h.Connector.Requests, r => r.Method == "POST" && r.Path == "/v3/conversations" && r.StatusCode == 200);
        Assert.DoesNotContain("Open the Word version", post.Body, StringComparison.Ordinal);
        var update = Assert.Single(_h.Connector.Requests, r => r.Method == "PUT");
        Assert.Contains("Open the Word version", update.Body, StringComparison.Ordinal);
        Assert.Equal(FileUploadState.Uploaded, (await _h.RecordAsync()).Publications.Single().Upload);
    }

    [Fact]
    public async Task RecordsTeamDiscussionsShowsThemToTheChairAndRemindsTheOthers()
    {
        var chair = BriefingFlowHarness.Chair;
        const string alpha = "19:alpha@thread.tacv2";
        const string bravo = "19:bravo@thread.tacv2";
        await _h.AddChannelAsync(alpha, "Alpha");
        await _h.AddChannelAsync(bravo, "Bravo");
        await _h.RunAsync(chair, (h, t) => h.OpenAsync(t, new OpenBriefingData(AuditId), default));
        await _h.RunAsync(chair, (h, t) => h.ApproveAsync(t, new ApproveData(AuditId, 1), default));
        await _h.RunAsync(chair, (h, t) => h.PublishAsync(t, new PublishData(AuditId, 1, $"{alpha},{bravo}"), default));
        await _h.DrainAsync();
        var practitioner = new PersonRef("practitioner-oid", "Team Manager");

        var (form, _) = await _h.RunAsync(practitioner, (h, t) => h.DiscussionFormAsync(t, new DiscussionFormData(AuditId, 1, alpha), default), alpha);
        var (flagged, _) = await _h.RunAsync(practitioner, (h, t) => h.DiscussionSaveAsync(t, new DiscussionSaveData(AuditId, 1, alpha, "2026-04-14", "9", "The family can be called on 07700 900123", "Check chronologies", null), default), alpha);
        var (saved, _) = await _h.RunAsync(practitioner, (h, t) => h.DiscussionSaveAsync(t, new DiscussionSaveData(AuditId, 1, alpha, "2026-04-14", "9", "We will ask about fathers at every visit", "Add fathers to the visit checklist", null), default), alpha);
        var (forged, _) = await _h.RunAsync(practitioner, (h, t) => h.DiscussionSaveAsync(t, new DiscussionSaveData(AuditId, 1, alpha, "2026-04-14", "3", "Posted from elsewhere", null, null), default), bravo);
        var (usage, _) = await _h.RunAsync(chair, (h, t) => h.UsageAsync(t, new UsageData(AuditId), default));
        var (reminded, _) = await _h.RunAsync(chair, (h, t) => h.RemindAsync(t, new RemindData(AuditId), default));
        var (remindedAgain, _) = await _h.RunAsync(chair, (h, t) => h.RemindAsync(t, new RemindData(AuditId), default));
        await _h.DrainAsync();

        Assert.Contains("How many attended", form, StringComparison.Ordinal);
        Assert.True(flagged.Contains("a phone number", StringComparison.Ordinal), flagged);
        Assert.Contains("Recorded by Team Manager: 9 attended on 14 April 2026", saved, StringComparison.Ordinal);
        Assert.Contains("not posted to this channel", forged, StringComparison.Ordinal);
        Assert.Contains("1 discussion(s) recorded, 9 attended", usage, StringComparison.Ordinal);
        Assert.Contains("We will ask about fathers at every visit", usage, StringComparison.Ordinal);
        Assert.Contains("Bravo: no discussion recorded yet", usage, StringComparison.Ordinal);
        Assert.Contains("A reminder is on its way to 1 channel(s)", reminded, StringComparison.Ordinal);
        Assert.Contains("No reminder was sent", remindedAgain, StringComparison.Ordinal);
        using var scope = _h.Services.CreateScope();
        var discussions = await scope.ServiceProvider.GetRequiredService<BriefingStore>().ListDiscussionsAsync(AuditId, default);
        var only = Assert.Single(discussions);
        Assert.Equal((alpha, 9, "Add fathers to the visit checklist"), (only.ChannelId, only.Attended, only.TeamActions));
        var reminders = _h.Connector.Requests.Where(r => r.Method == "POST" && r.Path == "/v3/conversations" && r.Body.Contains("Reminder:", StringComparison.Ordinal)).ToList();
        Assert.Contains(bravo, Assert.Single(reminders).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportGivesChairSignedLinksThatServeTheDocxAndExpire()
    {
        var chair = BriefingFlowHarness.Chair;
        await _h.RunAsync(chair, (h, t) => h.OpenAsync(t, new OpenBriefingData(AuditId), default));

        var (json, _) = await _h.RunAsync(chair, (h, t) => h.ExportAsync(t, new ExportData(AuditId), default));

        var url = JsonDocument.Parse(json).RootElement.GetProperty("value").GetProperty("actions")[0].GetProperty("url").GetString()!;
        Assert.StartsWith("https://bot.example.org/api/briefings/", url, StringComparison.Ordinal);
        var token = url["https://bot.example.org/api/briefings/".Length..^".docx".Length];
        var links = _h.Services.GetRequiredService<BriefingDownloadLinks>();
        Assert.Equal((AuditId, 1, "chair-oid"), await links.ValidateAsync(token, "docx", default) is { } g ? (g.AuditId, g.Version, g.UserKey) : default);
        Assert.Null(await links.ValidateAsync(token, "md", default));
        Assert.Null(await links.ValidateAsync(token[..^2] + "xx", "docx", default));
        using var scope = _h.Services.CreateScope();
        var served = await BriefingsFeature.DownloadAsync(token, "docx", links, scope.ServiceProvider.GetRequiredService<BriefingStore>(),
            _h.Services.GetRequiredService<IAuditLog>(), _h.Clock, default);
        Assert.IsType<Microsoft.AspNetCore.Http.HttpResults.FileContentHttpResult>(served);
        _h.Clock.Advance(TimeSpan.FromMinutes(16));
        Assert.Null(await links.ValidateAsync(token, "docx", default));
    }
}
