using Microsoft.Extensions.DependencyInjection;
using WorkshopBot.Briefings.Domain;
using WorkshopBot.Briefings.Storage;
using WorkshopBot.Briefings.Teams;
using WorkshopBot.Storage;

namespace WorkshopBot.Tests.Briefings;

/// <summary>
/// A team that removed the bot after the briefing was posted there gets nothing more from it: no DOCX on a retried upload
/// (Graph would still let the bot write to its Files), no reminder and no new post; the chair is told what to do.
/// </summary>
public sealed class BriefingRemovedChannels : IAsyncLifetime
{
    private const string Alpha = "19:alpha@thread.tacv2";
    private const string Bravo = "19:bravo@thread.tacv2";
    private BriefingFlowHarness _h = null!;

    private Guid AuditId => _h.Audit.Id;

    public async Task InitializeAsync() => _h = await BriefingFlowHarness.StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task ARetriedUploadToAChannelWhoseTeamRemovedTheBotUploadsNothing()
    {
        _h.Files.Next.Enqueue(FileUploadResult.Failed("Microsoft Graph failed (503)."));
        await PublishToAsync(Alpha);
        await RemoveTheBotFromAsync(Alpha);

        var retry = await _h.PostAsync(BriefingFlowHarness.Chair, PublishScreen.RetryUpload, new RetryUploadData(AuditId, 1, Alpha));

        Assert.Contains("WorkshopBot can no longer reach this channel.", retry, StringComparison.Ordinal);
        Assert.Single(_h.Files.Uploads);
        Assert.Equal(FileUploadState.Failed, Assert.Single((await _h.RecordAsync()).Publications).Upload);
    }

    [Fact]
    public async Task RemindersGoOnlyToChannelsTheBotIsStillIn()
    {
        await PublishToAsync(Alpha, Bravo);
        await RemoveTheBotFromAsync(Bravo);

        var reminded = await _h.PostAsync(BriefingFlowHarness.Chair, DiscussionScreen.Remind, new RemindData(AuditId));
        await _h.DrainAsync();

        Assert.Contains("A reminder is on its way to 1 channel that has not recorded a discussion.", reminded, StringComparison.Ordinal);
        Assert.Contains("1 channel no longer has WorkshopBot", reminded, StringComparison.Ordinal);
        Assert.Contains("so it was not reminded. Please add WorkshopBot back to that team, or publish the briefing to another "
            + "channel.", reminded, StringComparison.Ordinal);
        var reminders = _h.Connector.Requests
            .Where(r => r.Method == "POST" && r.Body.Contains("Reminder:", StringComparison.Ordinal)).ToList();
        Assert.Contains(Alpha, Assert.Single(reminders).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublishingToAChannelWhoseTeamRemovedTheBotQueuesNothingThereAndSaysWhatToDo()
    {
        await PublishToAsync(Alpha);
        await _h.AddChannelAsync(Bravo, "Bravo");
        await RemoveTheBotFromAsync(Bravo);
        var queued = await _h.Services.GetRequiredService<IOutboxStore>().ListByCorrelationAsync(BriefingPublisher.Correlation(AuditId));

        var published = await _h.PostAsync(BriefingFlowHarness.Chair, PublishScreen.Publish, new PublishData(AuditId, 1, Bravo));

        Assert.Contains("1 chosen channel is no longer available to WorkshopBot and was skipped. To publish there, add WorkshopBot "
            + "back to that team, or choose another channel.", published, StringComparison.Ordinal);
        var after = await _h.Services.GetRequiredService<IOutboxStore>().ListByCorrelationAsync(BriefingPublisher.Correlation(AuditId));
        Assert.Equal(queued.Count, after.Count);
        Assert.DoesNotContain(after, m => m.TargetChannelId == Bravo || m.ConversationId == Bravo);
        Assert.DoesNotContain((await _h.RecordAsync()).Publications, p => p.ChannelId == Bravo);
    }

    private async Task PublishToAsync(params string[] channels)
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

    /// <summary>As ConversationTracker records a team removing the bot.</summary>
    private async Task RemoveTheBotFromAsync(string channel) =>
        Assert.True(await _h.Services.GetRequiredService<IConversationStore>().MarkInactiveAsync(channel, _h.Clock.GetUtcNow()));
}
