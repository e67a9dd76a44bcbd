using WorkshopBot.ActionPlans.Teams;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.ActionPlans.ActionScenario;

namespace WorkshopBot.Tests.ActionPlans;

/// <summary>
/// A lead's overdue notice says the audit's chair has been told only when the chair's own notice was queued. When the bot
/// cannot reach the chair (an admin opened the plan and the chair has no 1:1 chat with the bot, or the chair has closed
/// their chat with the bot), the lead is asked to tell the chair if they need more time.
/// </summary>
public sealed class LeadsOverdueNoticeSaysWhetherTheChairKnows
{
    private const string What = "Agree an information-sharing protocol between police and health";
    private const string Measure = "Every interview note reaches health within two working days";

    [Fact]
    public async Task WhenTheChairCannotBeReachedTheLeadIsAskedToTellThem()
    {
        await using var s = await StartAsync();
        await s.InChannelAsync(PartnershipAdmin, PlanScreen.OpenPlan, new PlanRefData(s.Audit.Id));
        await s.InChannelAsync(PartnershipAdmin, CreateScreen.Create, new CreateActionData(s.Audit.Id, 0, What, "County Police",
            PoliceLead.Id, "2026-05-30", Measure, null, null));

        s.Time.Advance(TimeSpan.FromDays(50));
        Assert.Equal(new(0, 1), await s.RunJobsAsync());
        await s.Host.DrainOutboxAsync();

        var overdue = Assert.Single(await s.LogAsync("action"), e => e.Action == "action.overdue");
        Assert.Contains("\"chairTold\":false", overdue.DetailJson, StringComparison.Ordinal);
        var card = Assert.Single(s.ChatCards(PoliceLead), c => c.Contains("A1 is overdue", StringComparison.Ordinal));
        Assert.Contains("Tell the audit's chair if you need more time.", card, StringComparison.Ordinal);
        Assert.DoesNotContain("chair has been told", card, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhenTheChairIsReachedTheLeadReadsThatTheChairKnows()
    {
        await using var s = await StartAsync();
        await s.Host.SayAsync(Chair, BotTestHost.PersonalChat(Chair), "help");
        await s.InChannelAsync(PartnershipAdmin, PlanScreen.OpenPlan, new PlanRefData(s.Audit.Id));
        await s.InChannelAsync(PartnershipAdmin, CreateScreen.Create, new CreateActionData(s.Audit.Id, 0, What, "County Police",
            PoliceLead.Id, "2026-05-30", Measure, null, null));

        s.Time.Advance(TimeSpan.FromDays(50));
        Assert.Equal(new(0, 1), await s.RunJobsAsync());
        await s.Host.DrainOutboxAsync();

        var overdue = Assert.Single(await s.LogAsync("action"), e => e.Action == "action.overdue");
        Assert.Contains("\"chairTold\":true", overdue.DetailJson, StringComparison.Ordinal);
        Assert.Contains(s.ChatCards(Chair), c => c.Contains("A1 is overdue", StringComparison.Ordinal));
        var card = Assert.Single(s.ChatCards(PoliceLead), c => c.Contains("A1 is overdue", StringComparison.Ordinal));
        Assert.Contains("the audit's chair has been told and may extend it.", card, StringComparison.Ordinal);
        Assert.DoesNotContain("if you need more time", card, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhenTheChairHasClosedTheirChatTheLeadIsAskedToTellThem()
    {
        await using var s = await StartAsync();
        await s.InChannelAsync(Chair, PlanScreen.OpenPlan, new PlanRefData(s.Audit.Id));
        await s.InChannelAsync(Chair, CreateScreen.Create, new CreateActionData(s.Audit.Id, 0, What, "County Police",
            PoliceLead.Id, "2026-05-30", Measure, null, null));
        var chat = BotTestHost.PersonalChat(Chair);
        await s.Host.SayAsync(Chair, chat, "help");
        await s.Host.SendAsync(s.Host.Installation(Chair, chat, "remove"));

        s.Time.Advance(TimeSpan.FromDays(50));
        Assert.Equal(new(0, 1), await s.RunJobsAsync());
        await s.Host.DrainOutboxAsync();

        var card = Assert.Single(s.ChatCards(PoliceLead), c => c.Contains("A1 is overdue", StringComparison.Ordinal));
        Assert.Contains("Tell the audit's chair if you need more time.", card, StringComparison.Ordinal);
        Assert.DoesNotContain("chair has been told", card, StringComparison.Ordinal);
        var overdue = Assert.Single(await s.LogAsync("action"), e => e.Action == "action.overdue");
        Assert.Contains("\"chairTold\":false", overdue.DetailJson, StringComparison.Ordinal);
    }
}
