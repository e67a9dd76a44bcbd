using WorkshopBot.ActionPlans.Teams;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.ActionPlans.ActionScenario;

namespace WorkshopBot.Tests.ActionPlans;

/// <summary>
/// A lead sending evidence reads that it was sent to the chair, and a chair sending evidence back reads that the lead is
/// told, only when the other's card was queued and can be expected to arrive. One who closed their 1:1 chat with the bot
/// is not reached: the card says so and asks the person to tell them.
/// </summary>
public sealed class NobodyIsSaidToBeToldWhoCannotBeReached
{
    private const string What = "Agree the protocol";
    private const string Measure = "Every referral is audited within a month";

    [Fact]
    public async Task EvidenceForAChairWhoseChatIsClosedAsksTheLeadToTellThem()
    {
        await using var s = await StartAsync();
        var a1 = await CreateAsync(s);
        var chat = BotTestHost.PersonalChat(Chair);
        await s.Host.SayAsync(Chair, chat, "help");
        await s.Host.SendAsync(s.Host.Installation(Chair, chat, "remove"));

        var sent = Text(await s.InChatAsync(PoliceLead, ProgressScreen.SubmitEvidence,
            new EvidenceData(a1, "Protocol signed by both", null)));

        Assert.DoesNotContain("Sent to QA Sub-group Chair for sign-off", sent, StringComparison.Ordinal);
        Assert.Contains("WorkshopBot cannot reach QA Sub-group Chair in Teams; please tell them it is ready for sign-off", sent,
            StringComparison.Ordinal);
        Assert.Contains("\"style\":\"Warning\"", sent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EvidenceSentBackToALeadWhoseChatIsClosedAsksTheChairToTellThem()
    {
        await using var s = await StartAsync();
        var a1 = await CreateAsync(s);
        await s.InChatAsync(PoliceLead, ProgressScreen.SubmitEvidence, new EvidenceData(a1, "Protocol signed by both", null));
        var chat = BotTestHost.PersonalChat(PoliceLead);
        await s.Host.SayAsync(PoliceLead, chat, "help");
        await s.Host.SendAsync(s.Host.Installation(PoliceLead, chat, "remove"));

        var review = await s.ReviewAsync(a1);
        var back = Text(await s.InChatAsync(Chair, SignOffScreen.ReturnEvidence,
            Press(review, SignOffScreen.ReturnEvidence, ("reason", "Please attach the signed protocol"))));

        Assert.DoesNotContain("the lead is told", back, StringComparison.Ordinal);
        Assert.Contains("A1 is open again. WorkshopBot cannot reach the lead in Teams: please tell them it needs more evidence.", back,
            StringComparison.Ordinal);
    }

    private static async Task<Guid> CreateAsync(ActionScenario s)
    {
        await s.InChannelAsync(Chair, PlanScreen.OpenPlan, new PlanRefData(s.Audit.Id));
        await s.InChannelAsync(Chair, CreateScreen.Create, new CreateActionData(s.Audit.Id, 0, What, "County Police",
            PoliceLead.Id, "2026-05-30", Measure, null, null));
        return Assert.Single(await s.ActionsAsync()).Id;
    }
}
