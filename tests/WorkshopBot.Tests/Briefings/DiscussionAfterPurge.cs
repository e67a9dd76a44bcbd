using WorkshopBot.Audits.Jobs;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Briefings.Teams;
using WorkshopBot.Tests.Operations;
using WorkshopBot.Tests.Support;
using WorkshopBot.Tests.Workshop;

namespace WorkshopBot.Tests.Briefings;

/// <summary>
/// Once retention has purged an audit with its briefing (the partnership does not keep published briefings), "Our team
/// discussed this" on the card in the channel it was posted to says the briefing is not available here and may no longer be
/// kept, not that it was never posted there (the same answer as anywhere it was not posted: see CraftedDiscussionPresses).
/// </summary>
public sealed class DiscussionAfterPurge
{
    [Fact]
    public async Task TheButtonOfAPurgedBriefingSaysItIsNoLongerAvailable()
    {
        var clock = new ManualTimeProvider();
        await using var s = await WorkshopScenario.CreateAsync(o =>
        {
            o.Time = clock;
            o.Settings["Audits:RunJobsInBackground"] = "false";
        });
        var audit = await StoredAudit.CreateAsync(s);
        var practice = BotTestHost.Channel("Early Help practice", "Early Help");
        var manager = BotTestHost.User("Early Help Team Manager");
        await s.Host.SendAsync(s.Host.BotAdded(s.Chair, practice));
        var chat = BotTestHost.PersonalChat(s.Chair);
        await s.Host.ExecuteAsync(s.Chair, chat, PublishScreen.Publish, new PublishData(audit.AuditId, 1, practice.ChannelId));
        await s.Host.DrainOutboxAsync();
        var form = new DiscussionFormData(audit.AuditId, 1, practice.ChannelId!);
        var before = WorkshopScenario.CardText(await s.Host.ExecuteAsync(manager, practice, DiscussionScreen.Form, form));
        await s.Host.ExecuteAsync(s.Chair, chat, DashboardScreen.Close, new AuditRefData(audit.AuditId));

        clock.Advance(clock.GetUtcNow().AddMonths(73) - clock.GetUtcNow());
        var (_, purged) = Assert.Single(await s.Host.Get<RetentionJob>().RunOnceAsync(default));
        var after = WorkshopScenario.CardText(await s.Host.ExecuteAsync(manager, practice, DiscussionScreen.Form, form));

        Assert.Contains("How many attended", before, StringComparison.Ordinal);
        Assert.False(purged.BriefingKept);
        Assert.Contains("This briefing is not available in this channel", after, StringComparison.Ordinal);
        Assert.Contains("it may no longer be kept", after, StringComparison.Ordinal);
        Assert.DoesNotContain("not posted to this channel", after, StringComparison.Ordinal);
        Assert.DoesNotContain("How many attended", after, StringComparison.Ordinal);
    }
}
