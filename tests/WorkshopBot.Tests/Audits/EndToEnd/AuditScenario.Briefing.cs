using WorkshopBot.Briefings.Teams;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Audits.EndToEnd;

/// <summary>The audit's 7-minute briefing, as the chair composes, approves and publishes it.</summary>
internal sealed partial class AuditScenario
{
    /// <summary>
    /// The chair opens the briefing from their 1:1 chat, approves version 1 and publishes it to a practice channel the bot
    /// has just been added to, and the post is delivered. Returns that channel.
    /// </summary>
    public async Task<TestConversation> PublishBriefingAsync(Guid auditId)
    {
        var chat = BotTestHost.PersonalChat(Chair);
        await Host.ExecuteAsync(Chair, chat, ComposeScreen.Open, new OpenBriefingData(auditId));
        AssertHasText(await Host.ExecuteAsync(Chair, chat, ComposeScreen.Approve, new ApproveData(auditId, 1)), "approved");
        var practice = BotTestHost.Channel("Early Help practice", "Early Help");
        await Host.SendAsync(Host.BotAdded(Chair, practice));
        AssertHasText(await Host.ExecuteAsync(Chair, chat, PublishScreen.Publish, new PublishData(auditId, 1, practice.ChannelId)),
            "queued");
        await Host.DrainOutboxAsync();
        return practice;
    }
}
