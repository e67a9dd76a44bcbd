using Microsoft.Extensions.DependencyInjection;
using WorkshopBot.Briefings.Domain;
using WorkshopBot.Briefings.Storage;
using WorkshopBot.Briefings.Teams;
using WorkshopBot.Common;
using WorkshopBot.Common.Privacy;
using WorkshopBot.Common.Storage;
using WorkshopBot.Storage;
using WorkshopBot.Workshop.Domain;

namespace WorkshopBot.Tests.Briefings;

/// <summary>
/// The background upload reads a version's text again just before it makes the Word file. A version published while the
/// partnership allowed a phone number it no longer allows, its upload still queued, is not put in the channel's Files: the
/// upload is kept as failed with why (no text quoted), the refusal is logged with counts only, and the chair is told in their
/// 1:1 chat by a card that quotes nothing of the briefing. A version that passes is uploaded as before.
/// </summary>
public sealed class BriefingUploadRechecks : IAsyncLifetime
{
    private const string Alpha = "19:alpha@thread.tacv2";
    private const string ChairChat = "a:chair-personal-chat";
    private const string Phone = "07700 900123";
    private BriefingFlowHarness _h = null!;

    private Guid AuditId => _h.Audit.Id;

    public async Task InitializeAsync() => _h = await BriefingFlowHarness.StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task AQueuedUploadWhoseTextNoLongerPassesIsNotMadeAndTheChairIsTold()
    {
        await ChairChatKnownAsync();
        await QueuedAsync(allowed: [Phone]);

        var report = await _h.UploadAsync();
        await _h.DrainAsync();

        Assert.Equal(1, report.Failed);
        Assert.Empty(_h.Files.Uploads);
        var publication = Assert.Single((await _h.RecordAsync()).Publications);
        Assert.Equal(FileUploadState.Failed, publication.Upload);
        Assert.Equal(BriefingUploadScreening.RefusedText, publication.UploadError);
        var refused = Assert.Single(await LogAsync(), e => e.Action == BriefingUploadScreening.Refused);
        Assert.DoesNotContain("\"identifiers\":0", refused.DetailJson, StringComparison.Ordinal);
        Assert.DoesNotContain(Phone, refused.DetailJson, StringComparison.Ordinal);
        var told = Assert.Single(_h.Connector.Requests,
            r => r.Body.Contains(BriefingUploadScreening.RefusedTitle, StringComparison.Ordinal));
        Assert.Contains("chair-personal-chat", told.Path, StringComparison.Ordinal);
        Assert.Contains(_h.Audit.Title, told.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(_h.Connector.Requests, r => r.Body.Contains(Phone, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AQueuedUploadThatStillPassesIsMade()
    {
        await ChairChatKnownAsync();
        await QueuedAsync(allowed: []);

        var report = await _h.UploadAsync();

        Assert.Equal(1, report.Uploaded);
        Assert.Single(_h.Files.Uploads);
        Assert.DoesNotContain(await LogAsync(), e => e.Action == BriefingUploadScreening.Refused);
    }

    /// <summary>
    /// Version 1 approved (as a check allowing <paramref name="allowed"/> did) and posted to Alpha, its upload queued: with a
    /// phone number in its text when one is allowed, without when none is.
    /// </summary>
    private async Task QueuedAsync(string[] allowed)
    {
        await _h.AddChannelAsync(Alpha, "Alpha");
        if (allowed.Length > 0)
        {
            _h.Workshop.Outcome = new WorkshopOutcome(AuditId,
                [new RankedIdea($"The family could be called on {Phone} the same day", IdeaBoardKind.WorkedWell, 6, 1, "Police", null,
                    null)], []);
        }

        await _h.PostAsync(BriefingFlowHarness.Chair, ComposeScreen.Open, new OpenBriefingData(AuditId));
        var earlier = FreeTextCheck.Sparing(new IdentifierScannerOptions { AllowedPhoneNumbers = allowed });
        Assert.True(await _h.Services.GetRequiredService<WorkRunner>().RunAsync(async (services, _) =>
            (await services.GetRequiredService<BriefingStore>().ChangeAsync(AuditId, r =>
            {
                var approved = r.Approve(1, BriefingFlowHarness.Chair, _h.Clock.GetUtcNow(), earlier,
                    ChairedBriefing.CaseReferencesOf(_h.Audit));
                r.RecordPublication(new ChannelPublication(1, Alpha, "Alpha", "3f1a0c52-0000-4000-8000-000000000001",
                    "Early Help team", _h.Connector.BaseUrl, BriefingFlowHarness.Tenant, "post-key", _h.Clock.GetUtcNow(),
                    BriefingFlowHarness.Chair, FileUploadState.Pending, null, null));
                return approved;
            }, CancellationToken.None)).Saved, CancellationToken.None));
    }

    /// <summary>The chair's 1:1 chat with the bot, as ConversationTracker records it when they first talk to it.</summary>
    private Task ChairChatKnownAsync() => _h.Services.GetRequiredService<IConversationStore>().UpsertAsync(new ConversationRecord(
        ChairChat, _h.Connector.BaseUrl, BriefingFlowHarness.Tenant, "msteams", ConversationKind.Personal, null, null, null,
        "29:chair", BriefingFlowHarness.Chair.UserId, BriefingFlowHarness.Chair.DisplayName, "28:bot", true, _h.Clock.GetUtcNow()));

    private Task<IReadOnlyList<AuditEvent>> LogAsync() =>
        _h.Services.GetRequiredService<IAuditLog>().ListAsync("briefing", AuditId.ToString("D"));
}
