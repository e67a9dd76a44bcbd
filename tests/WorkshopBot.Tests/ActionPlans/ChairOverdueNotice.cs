using WorkshopBot.ActionPlans.Teams;
using WorkshopBot.Cards;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.ActionPlans.ActionScenario;

namespace WorkshopBot.Tests.ActionPlans;

/// <summary>
/// The chair's overdue notice says what happened to the lead's own notice: told it is overdue, or not reachable in Teams
/// (then the chair is asked to tell them), never "reminded" whatever happened. A lead counts as told only when the bot can
/// reach them as it decides for audits: it has their Teams id and their 1:1 chat with the bot is not closed.
/// </summary>
public sealed class ChairOverdueNotice
{
    private static readonly DateTimeOffset Created = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void WhenTheLeadWasToldTheChairReadsThat()
    {
        var json = AdaptiveCardJson.Serialize(
            LeadCard.ChairOverdue(TrackerColumns.Action(1, new DateOnly(2026, 11, 10), Created), new DateOnly(2026, 11, 11), true));

        Assert.Contains("The lead has been told it is overdue.", json, StringComparison.Ordinal);
        Assert.DoesNotContain("please tell them", json, StringComparison.Ordinal);
        Assert.DoesNotContain("reminded", json, StringComparison.Ordinal);
    }

    [Fact]
    public void WhenTheLeadCouldNotBeReachedTheChairIsAskedToTellThem()
    {
        var json = AdaptiveCardJson.Serialize(
            LeadCard.ChairOverdue(TrackerColumns.Action(1, new DateOnly(2026, 11, 10), Created), new DateOnly(2026, 11, 11), false));

        Assert.Contains("WorkshopBot cannot reach the lead in Teams: please tell them.", json, StringComparison.Ordinal);
        Assert.DoesNotContain("has been told", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhenTheLeadHasClosedTheirChatTheChairIsAskedToTellThem()
    {
        await using var s = await StartAsync();
        await s.InChannelAsync(Chair, PlanScreen.OpenPlan, new PlanRefData(s.Audit.Id));
        await s.InChannelAsync(Chair, CreateScreen.Create, new CreateActionData(s.Audit.Id, 0, PartnershipRecommendation,
            "County Police", PoliceLead.Id, "2026-05-30", PartnershipMeasure, null, null));
        var chat = BotTestHost.PersonalChat(PoliceLead);
        await s.Host.SayAsync(PoliceLead, chat, "help");
        await s.Host.SendAsync(s.Host.Installation(PoliceLead, chat, "remove"));

        s.Time.Advance(new DateTimeOffset(2026, 5, 24, 8, 0, 0, TimeSpan.Zero) - s.Time.GetUtcNow());
        Assert.Equal(new(1, 0), await s.RunJobsAsync());
        s.Time.Advance(TimeSpan.FromDays(8));
        Assert.Equal(new(0, 1), await s.RunJobsAsync());
        await s.Host.DrainOutboxAsync();

        var card = Assert.Single(s.ChatCards(Chair), c => c.Contains("A1 is overdue", StringComparison.Ordinal));
        Assert.Contains("WorkshopBot cannot reach the lead in Teams: please tell them.", card, StringComparison.Ordinal);
        Assert.DoesNotContain("has been told", card, StringComparison.Ordinal);
        var log = await s.LogAsync("action");
        Assert.Contains("\"leadTold\":false", Assert.Single(log, e => e.Action == "action.reminded").DetailJson,
            StringComparison.Ordinal);
        Assert.Contains("\"leadTold\":false", Assert.Single(log, e => e.Action == "action.overdue").DetailJson,
            StringComparison.Ordinal);
    }

    /// <summary>
    /// A lead whose 1:1 chat is closed is not said to be told of their new action, nor of a change the chair saves: the chair
    /// is asked to tell them.
    /// </summary>
    [Fact]
    public async Task ALeadWhoseChatIsClosedIsNotSaidToBeToldOfANewActionOrAChange()
    {
        await using var s = await StartAsync();
        var chat = BotTestHost.PersonalChat(PoliceLead);
        await s.Host.SayAsync(PoliceLead, chat, "help");
        await s.Host.SendAsync(s.Host.Installation(PoliceLead, chat, "remove"));
        await s.InChannelAsync(Chair, PlanScreen.OpenPlan, new PlanRefData(s.Audit.Id));

        var created = Text(await s.InChannelAsync(Chair, CreateScreen.Create, new CreateActionData(s.Audit.Id, 0,
            PartnershipRecommendation, "County Police", PoliceLead.Id, "2026-05-30", PartnershipMeasure, null, null)));
        var a1 = Assert.Single(await s.ActionsAsync());
        var extended = Text(await s.InChannelAsync(Chair, ManageScreen.Extend,
            new ExtendData(a1.Id, "2026-06-20", "Legal review takes longer than planned", null)));

        Assert.Contains("A1 created. WorkshopBot cannot reach", created, StringComparison.Ordinal);
        Assert.DoesNotContain("sent to", created, StringComparison.Ordinal);
        Assert.Contains("Saved. WorkshopBot cannot reach the lead in Teams: please tell them.", extended, StringComparison.Ordinal);
        Assert.DoesNotContain("The lead is told", extended, StringComparison.Ordinal);
    }
}
