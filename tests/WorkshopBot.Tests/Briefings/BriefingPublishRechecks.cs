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
/// A version approved under an earlier rule (here: while the partnership allowed a phone number it no longer allows) is
/// checked again before it reaches a team channel, as a download link checks it: nothing is posted or uploaded.
/// </summary>
public sealed class BriefingPublishRechecks : IAsyncLifetime
{
    private const string Alpha = "19:alpha@thread.tacv2";
    private const string Phone = "07700 900123";
    private BriefingFlowHarness _h = null!;

    private Guid AuditId => _h.Audit.Id;

    public async Task InitializeAsync() => _h = await BriefingFlowHarness.StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task AnApprovedVersionThatNoLongerPassesTheCheckIsNotPublished()
    {
        await ApprovedUnderAnEarlierRuleAsync();

        var choose = await _h.PostAsync(BriefingFlowHarness.Chair, PublishScreen.ChooseChannels, new ChooseChannelsData(AuditId));
        var publish = await _h.PostAsync(BriefingFlowHarness.Chair, PublishScreen.Publish, new PublishData(AuditId, 1, Alpha));
        await _h.DrainAsync();

        Assert.Contains("Version 1 cannot be published", choose, StringComparison.Ordinal);
        Assert.DoesNotContain(Alpha, choose, StringComparison.Ordinal);
        Assert.Contains("Version 1 cannot be published", publish, StringComparison.Ordinal);
        Assert.Empty((await _h.RecordAsync()).Publications);
        Assert.Null(await _h.Services.GetRequiredService<IOutboxStore>()
            .FindByDedupeKeyAsync(BriefingPublisher.PostDedupeKey(AuditId, 1, Alpha)));
        Assert.DoesNotContain(_h.Connector.Requests, r => r.Body.Contains(Phone, StringComparison.Ordinal));
        Assert.Empty(_h.Files.Uploads);
    }

    [Fact]
    public async Task ARetriedUploadOfAVersionThatNoLongerPassesTheCheckUploadsNothing()
    {
        var record = await ApprovedUnderAnEarlierRuleAsync();
        // Posted while the rule allowed it, its upload failed then.
        await WorkAsync(services => services.GetRequiredService<BriefingStore>().ChangeAsync(AuditId, r =>
        {
            r.RecordPublication(new ChannelPublication(1, Alpha, "Alpha", "3f1a0c52-0000-4000-8000-000000000001", "Early Help team",
                _h.Connector.BaseUrl, BriefingFlowHarness.Tenant, "post-key", record.Latest.At, BriefingFlowHarness.Chair,
                FileUploadState.Failed, null, "Microsoft Graph failed (503)."));
            return DomainResult.Ok;
        }, CancellationToken.None));

        var retry = await _h.PostAsync(BriefingFlowHarness.Chair, PublishScreen.RetryUpload, new RetryUploadData(AuditId, 1, Alpha));

        Assert.Contains("Version 1 cannot be published", retry, StringComparison.Ordinal);
        Assert.Empty(_h.Files.Uploads);
        Assert.Equal(FileUploadState.Failed, Assert.Single((await _h.RecordAsync()).Publications).Upload);
    }

    [Fact]
    public async Task AReminderForAVersionThatNoLongerPassesTheCheckPostsNothing()
    {
        await _h.AddChannelAsync(Alpha, "Alpha");
        await _h.PostAsync(BriefingFlowHarness.Chair, ComposeScreen.Open, new OpenBriefingData(AuditId));
        // Version 2 asks the team to call a number, approved while the partnership allowed it, and posted to Alpha then.
        var earlier = FreeTextCheck.Sparing(new IdentifierScannerOptions { AllowedPhoneNumbers = [Phone] });
        var questions = $"Who calls the family on {Phone}?\nWho checks the chronology?\nWho sees the father?";
        await WorkAsync(services => services.GetRequiredService<BriefingStore>().ChangeAsync(AuditId, r =>
        {
            var content = r.Latest.Content.EditBox(BriefingBoxKind.DoNow, null, "Ask about fathers.", questions).ValueOrThrow();
            r.AddVersion(content, "Edited", 1, BriefingFlowHarness.Chair, _h.Clock.GetUtcNow()).ValueOrThrow();
            var approved = r.Approve(2, BriefingFlowHarness.Chair, _h.Clock.GetUtcNow(), earlier,
                ChairedBriefing.CaseReferencesOf(_h.Audit));
            r.RecordPublication(new ChannelPublication(2, Alpha, "Alpha", "3f1a0c52-0000-4000-8000-000000000001", "Early Help team",
                _h.Connector.BaseUrl, BriefingFlowHarness.Tenant, "post-key", _h.Clock.GetUtcNow(), BriefingFlowHarness.Chair,
                FileUploadState.NotConfigured, null, null));
            return approved;
        }, CancellationToken.None));
        Assert.Contains(Phone, string.Join("\n", (await _h.RecordAsync()).Approved!.Content.DiscussionQuestions), StringComparison.Ordinal);

        var reminded = await _h.PostAsync(BriefingFlowHarness.Chair, DiscussionScreen.Remind, new RemindData(AuditId));
        await _h.DrainAsync();

        Assert.DoesNotContain(_h.Connector.Requests, r => r.Body.Contains(Phone, StringComparison.Ordinal));
        Assert.Contains("Version 2 cannot be", reminded, StringComparison.Ordinal);
        Assert.DoesNotContain(_h.Connector.Requests, r => r.Body.Contains("Reminder:", StringComparison.Ordinal));
        Assert.Equal(0, Assert.Single((await _h.RecordAsync()).Publications).RemindersSent);
    }

    /// <summary>Composes a briefing that carries a phone number and approves it as a check that allowed the number did.</summary>
    private async Task<BriefingRecord> ApprovedUnderAnEarlierRuleAsync()
    {
        await _h.AddChannelAsync(Alpha, "Alpha");
        _h.Workshop.Outcome = new WorkshopOutcome(AuditId,
            [new RankedIdea($"The family could be called on {Phone} the same day", IdeaBoardKind.WorkedWell, 6, 1, "Police", null, null)],
            []);
        await _h.PostAsync(BriefingFlowHarness.Chair, ComposeScreen.Open, new OpenBriefingData(AuditId));
        Assert.Contains(Phone, (await _h.RecordAsync()).Latest.Content.FullText(), StringComparison.Ordinal);
        var earlier = FreeTextCheck.Sparing(new IdentifierScannerOptions { AllowedPhoneNumbers = [Phone] });
        await WorkAsync(services => services.GetRequiredService<BriefingStore>().ChangeAsync(AuditId,
            r => r.Approve(1, BriefingFlowHarness.Chair, _h.Clock.GetUtcNow(), earlier, ChairedBriefing.CaseReferencesOf(_h.Audit)),
            CancellationToken.None));
        var record = await _h.RecordAsync();
        Assert.Equal(1, record.ApprovedVersion);
        return record;
    }

    private async Task WorkAsync<T>(Func<IServiceProvider, Task<Changed<BriefingRecord, T>>> change)
    {
        var saved = await _h.Services.GetRequiredService<WorkRunner>().RunAsync(async (services, _) =>
            (await change(services)).Saved, CancellationToken.None);
        Assert.True(saved);
    }
}
