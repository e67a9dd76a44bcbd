using Microsoft.Extensions.DependencyInjection;
using WorkshopBot.Briefings.Domain;
using WorkshopBot.Briefings.Teams;
using WorkshopBot.Common;
using WorkshopBot.Outbox;
using WorkshopBot.Storage;

namespace WorkshopBot.Tests.Briefings;

/// <summary>
/// What was queued for a post before it was taken down (the Word file's link, a reminder) is given up with the withdrawal, or
/// with the newer version's post that replaces it: the outbox does not order the updates of one post, so one of them sent
/// after the card that takes the post down would put the briefing's text back in the channel.
/// </summary>
public sealed class BriefingTakenDownQueue : IAsyncLifetime
{
    private const string Alpha = "19:alpha@thread.tacv2";
    private static readonly PersonRef Chair = BriefingFlowHarness.Chair;
    private BriefingFlowHarness _h = null!;

    private Guid AuditId => _h.Audit.Id;

    public async Task InitializeAsync() => _h = await BriefingFlowHarness.StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task NothingQueuedBeforeTheWithdrawalPutsTheBriefingBackInTheChannel()
    {
        await PublishVersion1PostedWithoutItsFileLinkAsync();
        var title = (await _h.RecordAsync()).Version(1)!.Content.Title;
        var post = await ActivityOfAsync(1);
        await _h.PostAsync(Chair, DiscussionScreen.Remind, new RemindData(AuditId));
        await _h.UploadAsync(); // The Word file is in the channel's Files: the update that links it is queued.
        var before = _h.Connector.Requests.Count;

        var done = await _h.PostAsync(Chair, WithdrawScreen.Withdraw, new WithdrawData(AuditId));
        await _h.DrainAsync();

        Assert.Contains("Briefing withdrawn", done, StringComparison.Ordinal);
        var after = _h.Connector.Requests.Skip(before).ToList();
        Assert.All(after, r => Assert.DoesNotContain(title, r.Body, StringComparison.Ordinal));
        Assert.Contains("has been withdrawn", Assert.Single(after, r => r.Path.EndsWith("/" + post, StringComparison.Ordinal)).Body,
            StringComparison.Ordinal);
        var messages = await _h.Services.GetRequiredService<IOutboxStore>().ListByCorrelationAsync(BriefingPublisher.Correlation(AuditId));
        var given = messages.Where(m => m.LastError == IOutboxStore.WithdrawnError).Select(m => m.DedupeKey).ToList();
        var key = BriefingPublisher.PostDedupeKey(AuditId, 1, Alpha);
        var reminder = BriefingPublisher.ReminderKeyPrefix(AuditId, Alpha);
        Assert.Equal(3, given.Count);
        Assert.Contains(key + ":file", given);
        Assert.Single(given, k => k.StartsWith(reminder, StringComparison.Ordinal) && !k.EndsWith(":withdrawn", StringComparison.Ordinal));
        Assert.Single(given, k => k.StartsWith(reminder, StringComparison.Ordinal) && k.EndsWith(":withdrawn", StringComparison.Ordinal));
        Assert.All(messages.Where(m => m.LastError == IOutboxStore.WithdrawnError),
            m => Assert.Equal(IOutboxStore.ForgottenPayload, m.PayloadJson));
        // Given up on purpose: no failure is reported to the admins.
        var now = _h.Clock.GetUtcNow();
        Assert.Empty(await _h.Services.GetRequiredService<IOutboxStore>().ListUnreportedAsync(now.AddDays(-1), now.AddDays(1), 10));
    }

    [Fact]
    public async Task TheOlderPostsFileLinkQueuedBeforeTheNewerVersionIsNotSentAfterItsReplacement()
    {
        await PublishVersion1PostedWithoutItsFileLinkAsync();
        var title = (await _h.RecordAsync()).Version(1)!.Content.Title;
        var post = await ActivityOfAsync(1);
        await _h.UploadAsync();
        var before = _h.Connector.Requests.Count;

        await _h.PostAsync(Chair, ComposeScreen.EditSave,
            new EditSaveData(AuditId, 1, BriefingBoxKind.WhyItMatters, "Our local reason.", "See the local protocol.", null));
        Assert.Contains("Version 2 is approved", await _h.PostAsync(Chair, ComposeScreen.Approve, new ApproveData(AuditId, 2)),
            StringComparison.Ordinal);
        Assert.Contains("queued as a new thread", await _h.PostAsync(Chair, PublishScreen.Publish, new PublishData(AuditId, 2, Alpha)),
            StringComparison.Ordinal);
        await _h.DrainAsync();

        var updates = _h.Connector.Requests.Skip(before).Where(r => r.Path.EndsWith("/" + post, StringComparison.Ordinal)).ToList();
        var replaced = Assert.Single(updates).Body;
        Assert.Contains("This briefing has been replaced", replaced, StringComparison.Ordinal);
        Assert.DoesNotContain(title, replaced, StringComparison.Ordinal);
        var file = await _h.Services.GetRequiredService<IOutboxStore>()
            .FindByDedupeKeyAsync(BriefingPublisher.PostDedupeKey(AuditId, 1, Alpha) + ":file");
        Assert.Equal((OutboxStatus.Failed, IOutboxStore.WithdrawnError), (file!.Status, file.LastError));
    }

    // Version 1 is posted to Alpha; its Word file is not uploaded yet (the outbox is drained, not the upload).
    private async Task PublishVersion1PostedWithoutItsFileLinkAsync()
    {
        await _h.AddChannelAsync(Alpha, "Alpha");
        await _h.PostAsync(Chair, ComposeScreen.Open, new OpenBriefingData(AuditId));
        await _h.PostAsync(Chair, ComposeScreen.Approve, new ApproveData(AuditId, 1));
        Assert.Contains("queued as a new thread", await _h.PostAsync(Chair, PublishScreen.Publish, new PublishData(AuditId, 1, Alpha)),
            StringComparison.Ordinal);
        var dispatcher = _h.Services.GetRequiredService<OutboxDispatcher>();
        while (await dispatcher.DrainOnceAsync(CancellationToken.None) > 0)
        {
        }
    }

    private async Task<string> ActivityOfAsync(int version)
    {
        var posted = await _h.Services.GetRequiredService<IOutboxStore>()
            .FindByDedupeKeyAsync(BriefingPublisher.PostDedupeKey(AuditId, version, Alpha));
        Assert.Equal(OutboxStatus.Sent, posted?.Status);
        return posted!.SentActivityId!;
    }
}
