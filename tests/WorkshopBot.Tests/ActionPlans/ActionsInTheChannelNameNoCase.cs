using WorkshopBot.ActionPlans.Teams;
using static WorkshopBot.Tests.ActionPlans.ActionScenario;

namespace WorkshopBot.Tests.ActionPlans;

/// <summary>
/// What will be done is shown on the tracker in the QA sub-group's channel, which carries no case detail: an action that
/// names one of the audit's cases (or a reference of that shape) is refused and nothing is saved or posted, as a briefing
/// naming one is never approved. Nor may it carry anything that could identify someone, even with the author's
/// confirmation, which the measure of success (kept in the plan) still allows.
/// </summary>
public sealed class ActionsInTheChannelNameNoCase
{
    private const string Measure = "Every interview note reaches health within two working days";

    [Theory]
    [InlineData("Share the police interview notes of NAI-2026-03-C1 with health")]
    [InlineData("Review how nai-2026-03-c1 was referred")]
    [InlineData("Check the chronology of CSP-2025-11-C4 against health records")]
    public async Task AnActionNamingACaseIsRefusedAndNothingReachesTheChannel(string what)
    {
        await using var s = await StartAsync();
        await s.InChannelAsync(Chair, PlanScreen.OpenPlan, new PlanRefData(s.Audit.Id));
        var refused = Text(await s.InChannelAsync(Chair, CreateScreen.Create, new CreateActionData(s.Audit.Id, 0, what, "County Police",
            PoliceLead.Id, "2026-05-30", Measure, null, "true")));
        await s.Host.DrainOutboxAsync();

        Assert.Contains("must not name a case", refused, StringComparison.Ordinal);
        Assert.Empty(await s.ActionsAsync());
        Assert.DoesNotContain(s.ChannelPosts(), p => p.AllText.Contains("Action plan:", StringComparison.Ordinal));
        Assert.DoesNotContain(await s.LogAsync("action"), e => e.Action == "action.created");
    }

    [Theory]
    [InlineData("Review the strategy meeting for Tyler Jones, 14 Acacia Road")]
    [InlineData("Ring the family on 07700 900123 before the review")]
    public async Task AnActionThatMayIdentifySomeoneIsRefusedEvenConfirmed(string what)
    {
        await using var s = await StartAsync();
        await s.InChannelAsync(Chair, PlanScreen.OpenPlan, new PlanRefData(s.Audit.Id));
        var form = Text(await s.InChannelAsync(Chair, CreateScreen.Create, new CreateActionData(s.Audit.Id, 0, what, "County Police",
            PoliceLead.Id, "2026-05-30", Measure, null, null)));
        var confirmed = Text(await s.InChannelAsync(Chair, CreateScreen.Create, new CreateActionData(s.Audit.Id, 0, what,
            "County Police", PoliceLead.Id, "2026-05-30", Measure, null, "true")));
        await s.Host.DrainOutboxAsync();

        Assert.Contains("shown on the plan's tracker in the channel", form, StringComparison.Ordinal);
        Assert.DoesNotContain("It does not identify anyone", form, StringComparison.Ordinal);
        Assert.Contains("shown on the plan's tracker in the channel", confirmed, StringComparison.Ordinal);
        Assert.Empty(await s.ActionsAsync());
        Assert.DoesNotContain(s.ChannelPosts(), p => p.AllText.Contains("Action plan:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AMeasureWithAPossibleNameIsKeptOnceConfirmed()
    {
        await using var s = await StartAsync();
        await s.InChannelAsync(Chair, PlanScreen.OpenPlan, new PlanRefData(s.Audit.Id));
        const string measure = "Dr Patel at Kingston Hospital confirms every note arrived within two working days";
        var form = Text(await s.InChannelAsync(Chair, CreateScreen.Create, new CreateActionData(s.Audit.Id, 0,
            "Share police interview notes with health within two working days", "County Police", PoliceLead.Id, "2026-05-30",
            measure, null, null)));
        Assert.Contains("It does not identify anyone", form, StringComparison.Ordinal);

        await s.InChannelAsync(Chair, CreateScreen.Create, new CreateActionData(s.Audit.Id, 0,
            "Share police interview notes with health within two working days", "County Police", PoliceLead.Id, "2026-05-30",
            measure, null, "true"));
        Assert.Single(await s.ActionsAsync());
    }
}
