using WorkshopBot.ActionPlans.Teams;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.ActionPlans.ActionScenario;

namespace WorkshopBot.Tests.ActionPlans;

/// <summary>
/// A partnership admin may open an audit's plan before its chair does. The chair must still get what is theirs in their
/// 1:1 chat: the lead's evidence for sign-off and the overdue notice, not a "sent for sign-off" that reaches nobody.
/// </summary>
public sealed class ChairIsReachedWhoeverStartsThePlan
{
    private const string What = "Agree an information-sharing protocol between police and health";
    private const string Measure = "Every interview note reaches health within two working days";

    [Fact]
    public async Task AnAdminStartsThePlanAndTheChairStillGetsTheEvidenceAndTheOverdueNotice()
    {
        await using var s = await StartAsync();
        await s.Host.SayAsync(Chair, BotTestHost.PersonalChat(Chair), "help");
        await s.InChannelAsync(PartnershipAdmin, PlanScreen.OpenPlan, new PlanRefData(s.Audit.Id));
        Assert.Contains("A1 created", Text(await s.InChannelAsync(PartnershipAdmin, CreateScreen.Create, new CreateActionData(s.Audit.Id,
            0, What, "County Police", PoliceLead.Id, "2026-05-30", Measure, null, null))), StringComparison.Ordinal);
        var a1 = Assert.Single(await s.ActionsAsync());

        s.Time.Advance(TimeSpan.FromDays(50));
        Assert.Equal(new(0, 1), await s.RunJobsAsync());
        await s.Host.DrainOutboxAsync();
        Assert.Contains(s.ChatCards(Chair), c => c.Contains("A1 is overdue", StringComparison.Ordinal));

        Assert.Contains("for sign-off", Text(await s.InChatAsync(PoliceLead, ProgressScreen.SubmitEvidence,
            new EvidenceData(a1.Id, "Protocol signed by both agencies; dip sample shows every note shared in time", null))),
            StringComparison.Ordinal);
        await s.Host.DrainOutboxAsync();
        Assert.Contains(s.ChatCards(Chair), c => c.Contains("A1 is ready for sign-off", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheLeadIsToldWhenTheChairCannotBeReachedAndTheChairIsReachedOnceTheyOpenThePlan()
    {
        await using var s = await StartAsync();
        await s.InChannelAsync(PartnershipAdmin, PlanScreen.OpenPlan, new PlanRefData(s.Audit.Id));
        await s.InChannelAsync(PartnershipAdmin, CreateScreen.Create, new CreateActionData(s.Audit.Id, 0, What, "County Police",
            PoliceLead.Id, "2026-05-30", Measure, null, null));
        var a1 = Assert.Single(await s.ActionsAsync());

        var sent = Text(await s.InChatAsync(PoliceLead, ProgressScreen.SubmitEvidence,
            new EvidenceData(a1.Id, "Protocol signed by both agencies; dip sample shows every note shared in time", null)));
        Assert.Contains("cannot reach QA Sub-group Chair", sent, StringComparison.Ordinal);
        Assert.DoesNotContain("Sent to", sent, StringComparison.Ordinal);

        // The chair opens the plan in the channel (they have no 1:1 chat with the bot): from then on they are reached.
        await s.InChannelAsync(Chair, PlanScreen.OpenPlan, new PlanRefData(s.Audit.Id));
        await s.InChannelAsync(PartnershipAdmin, CreateScreen.Create, new CreateActionData(s.Audit.Id, 0, What, "Health Visiting",
            HealthLead.Id, "2026-05-30", Measure, null, null));
        s.Time.Advance(TimeSpan.FromDays(50));
        Assert.Equal(new(0, 1), await s.RunJobsAsync());
        await s.Host.DrainOutboxAsync();
        Assert.Contains(s.ChatCards(Chair), c => c.Contains("A2 is overdue", StringComparison.Ordinal));
    }

    /// <summary>The append-only log says who was told an action is overdue: nobody the bot had no way to reach.</summary>
    [Fact]
    public async Task TheLogSaysTheChairWasNotToldWhenTheyCouldNotBeReached()
    {
        await using var s = await StartAsync();
        await s.InChannelAsync(PartnershipAdmin, PlanScreen.OpenPlan, new PlanRefData(s.Audit.Id));
        await s.InChannelAsync(PartnershipAdmin, CreateScreen.Create, new CreateActionData(s.Audit.Id, 0, What, "County Police",
            PoliceLead.Id, "2026-05-30", Measure, null, null));

        s.Time.Advance(TimeSpan.FromDays(50));
        Assert.Equal(new(0, 1), await s.RunJobsAsync());
        await s.Host.DrainOutboxAsync();

        Assert.DoesNotContain(s.ChatCards(Chair), c => c.Contains("A1 is overdue", StringComparison.Ordinal));
        var overdue = Assert.Single(await s.LogAsync("action"), e => e.Action == "action.overdue");
        Assert.Contains("\"leadTold\":true", overdue.DetailJson, StringComparison.Ordinal);
        Assert.Contains("\"chairTold\":false", overdue.DetailJson, StringComparison.Ordinal);
    }
}
