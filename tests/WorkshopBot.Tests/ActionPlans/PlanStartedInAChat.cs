using WorkshopBot.ActionPlans.Teams;
using static WorkshopBot.Tests.ActionPlans.ActionScenario;

namespace WorkshopBot.Tests.ActionPlans;

/// <summary>
/// A chair may open a plan and create its first action from their 1:1 chat. The tracker is the QA sub-group's, so none is
/// posted in the chat (where it would have held the plan for good); the plan moves to the channel where the chair next
/// opens it, and its tracker is posted there.
/// </summary>
public sealed class PlanStartedInAChat
{
    private const string Measure = "Every interview note reaches health within two working days";

    [Fact]
    public async Task NoTrackerIsPostedInTheChairsChatAndThePlanMovesToTheChannel()
    {
        await using var s = await StartAsync();
        await s.InChatAsync(Chair, PlanScreen.OpenPlan, new PlanRefData(s.Audit.Id));
        Assert.Contains("A1 created", Text(await s.InChatAsync(Chair, CreateScreen.Create, new CreateActionData(s.Audit.Id, 0,
            "Agree an information-sharing protocol between police and health", "County Police", PoliceLead.Id, "2026-05-30", Measure,
            null, null))), StringComparison.Ordinal);
        await s.Host.DrainOutboxAsync();
        Assert.DoesNotContain(s.ChatCards(Chair), c => c.Contains("finished. Updated", StringComparison.Ordinal));

        await s.InChannelAsync(Chair, PlanScreen.OpenPlan, new PlanRefData(s.Audit.Id));
        Assert.Contains("A2 created", Text(await s.InChannelAsync(Chair, CreateScreen.Create, new CreateActionData(s.Audit.Id, 0,
            "Train custody officers on referrals to children's social care", "County Police", PoliceLead.Id, "2026-06-30", Measure,
            null, null))), StringComparison.Ordinal);
        await s.Host.DrainOutboxAsync();

        var tracker = Assert.Single(s.ChannelPosts(), p => p.AllText.Contains("finished. Updated", StringComparison.Ordinal));
        Assert.Contains("A1 ·", tracker.AllText, StringComparison.Ordinal);
        Assert.Contains("A2 ·", tracker.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain(s.ChatCards(Chair), c => c.Contains("finished. Updated", StringComparison.Ordinal));
    }
}
