using WorkshopBot.ActionPlans.Teams;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.ActionPlans.ActionScenario;

namespace WorkshopBot.Tests.ActionPlans;

/// <summary>
/// Once the bot is removed from the plan's channel (the conversation is marked inactive, as the removal path does), the
/// chair's changes queue no tracker update for it, and the chair is told in the same answer that the channel no longer
/// has the bot and what to do; the change itself is saved and the lead's card is still queued to their 1:1 chat. A new lead
/// with no 1:1 chat stored is reached through the plan's conversation, now inactive, so the chair is not told the lead
/// knows, but asked to tell them (as for an overdue notice; the card may arrive all the same, as it does here).
/// </summary>
public sealed class NoTrackerForARemovedChannel
{
    [Fact]
    public async Task AReassignmentAfterTheRemovalQueuesNoTrackerUpdateAndTellsTheChair()
    {
        await using var s = await StartAsync();
        await s.InChannelAsync(Chair, PlanScreen.OpenPlan, new PlanRefData(s.Audit.Id));
        Assert.Contains("A1 created", Text(await s.InChannelAsync(Chair, CreateScreen.Create, new CreateActionData(s.Audit.Id, 0,
            "Agree an information-sharing protocol", "County Police", PoliceLead.Id, "2026-05-30", "Notes shared", null, null))),
            StringComparison.Ordinal);
        await s.Host.DrainOutboxAsync();
        var posts = s.ChannelPosts().Count;
        Assert.Contains(await QueuedAsync(s), m => m.DedupeKey == $"actions:{s.Audit.Id:D}:tracker:post");
        var a1 = Assert.Single(await s.ActionsAsync());
        await s.Host.SendAsync(s.Host.BotRemoved(Chair, QaChannel));
        var before = await QueuedAsync(s);

        var reassigned = Text(await s.InChatAsync(Chair, ManageScreen.Reassign,
            new ReassignData(a1.Id, "Health Visiting", HealthLead.Id, "Health visitors lead the new protocol", null)));
        var queued = (await QueuedAsync(s)).Skip(before.Count).ToList();

        Assert.Contains(ManageScreen.LeadNotReached, reassigned, StringComparison.Ordinal);
        Assert.Contains(ActionMessenger.ChannelInactive, reassigned, StringComparison.Ordinal);
        Assert.Equal(HealthLead.AadObjectId, Assert.Single(await s.ActionsAsync()).Lead.Person.UserId);
        Assert.DoesNotContain(queued, m => m.DedupeKey.Contains(":tracker:", StringComparison.Ordinal));
        Assert.Contains(queued, m => m.TargetUserId == HealthLead.Id);
        await s.Host.DrainOutboxAsync();
        Assert.Equal(posts, s.ChannelPosts().Count);
        Assert.Contains(s.ChatCards(HealthLead), c => c.Contains("A new action for you", StringComparison.Ordinal));
    }

    private static async Task<IReadOnlyList<OutboxMessage>> QueuedAsync(ActionScenario s) =>
        await s.Host.Get<IOutboxStore>().ListByCorrelationAsync(ActionMessenger.Correlation(s.Audit.Id));
}
