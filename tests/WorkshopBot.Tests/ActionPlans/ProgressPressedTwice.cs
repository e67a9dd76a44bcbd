using WorkshopBot.ActionPlans.Domain;
using WorkshopBot.ActionPlans.Teams;
using static WorkshopBot.Tests.ActionPlans.ActionScenario;

namespace WorkshopBot.Tests.ActionPlans;

/// <summary>
/// A lead's status update pressed twice (a double click; two activities, so not a redelivery) is kept once: one update in
/// the action's history, one log line, no second tracker refresh; the second press is answered as the first. Another note,
/// or the same one ten minutes later, is a new update.
/// </summary>
public sealed class ProgressPressedTwice
{
    private const string What = "Agree an information-sharing protocol between police and health";
    private const string Measure = "Every interview note reaches health within two working days";

    [Fact]
    public async Task TheSameUpdatePressedTwiceIsKeptOnce()
    {
        await using var s = await StartAsync();
        await s.InChannelAsync(Chair, PlanScreen.OpenPlan, new PlanRefData(s.Audit.Id));
        Assert.Contains("A1 created", Text(await s.InChannelAsync(Chair, CreateScreen.Create, new CreateActionData(s.Audit.Id, 0, What,
            "County Police", PoliceLead.Id, "2026-05-30", Measure, null, null))), StringComparison.Ordinal);
        var a1 = Assert.Single(await s.ActionsAsync());
        await s.Host.DrainOutboxAsync();
        var press = new ProgressData(a1.Id, "Amber", "Draft protocol with health for comment", null);

        var first = Text(await s.InChatAsync(PoliceLead, ProgressScreen.Update, press));
        await s.Host.DrainOutboxAsync();
        var sentToChannel = s.ChannelPosts().Count;
        s.Time.Advance(TimeSpan.FromSeconds(3));
        var second = Text(await s.InChatAsync(PoliceLead, ProgressScreen.Update, press));
        await s.Host.DrainOutboxAsync();

        Assert.Contains("Status saved. Thank you.", first, StringComparison.Ordinal);
        Assert.Equal(first, second);
        Assert.Single(Assert.Single(await s.ActionsAsync()).Updates);
        Assert.Single(await s.LogAsync("action"), e => e.Action == "action.progress");
        Assert.Equal(sentToChannel, s.ChannelPosts().Count);

        // Another note is a new update; the same one ten minutes on is too.
        await s.InChatAsync(PoliceLead, ProgressScreen.Update, press with { Note = "Health have commented" });
        s.Time.Advance(PlannedAction.RepeatWindow);
        await s.InChatAsync(PoliceLead, ProgressScreen.Update, press with { Note = "Health have commented" });
        Assert.Equal(3, Assert.Single(await s.ActionsAsync()).Updates.Count);
        Assert.Equal(3, (await s.LogAsync("action")).Count(e => e.Action == "action.progress"));
    }

    /// <summary>
    /// Two leads of one agency (one leads another of its actions): the first's update sent again after the second's is a
    /// correction, not a double click, and is kept.
    /// </summary>
    [Fact]
    public async Task TheSameUpdateAfterAnotherLeadsIsKept()
    {
        await using var s = await StartAsync();
        await s.InChannelAsync(Chair, PlanScreen.OpenPlan, new PlanRefData(s.Audit.Id));
        await s.InChannelAsync(Chair, CreateScreen.Create, new CreateActionData(s.Audit.Id, 0, What, "County Police", PoliceLead.Id,
            "2026-05-30", Measure, null, null));
        await s.InChannelAsync(Chair, CreateScreen.Create, new CreateActionData(s.Audit.Id, 0,
            "Train custody officers on referrals to children's social care", "County Police", HealthLead.Id, "2026-06-30", Measure,
            null, null));
        var a1 = (await s.ActionsAsync()).Single(a => a.What == What);
        var red = new ProgressData(a1.Id, "Red", "Waiting on health", null);

        await s.InChatAsync(PoliceLead, ProgressScreen.Update, red);
        s.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Contains("Status saved", Text(await s.InChatAsync(HealthLead, ProgressScreen.Update,
            red with { Rag = "Green", Note = "Protocol agreed" })), StringComparison.Ordinal);
        s.Time.Advance(TimeSpan.FromMinutes(1));
        await s.InChatAsync(PoliceLead, ProgressScreen.Update, red);

        var saved = (await s.ActionsAsync()).Single(a => a.Id == a1.Id);
        Assert.Equal(3, saved.Updates.Count);
        Assert.Equal(ActionRag.Red, saved.Rag);
        Assert.Equal(3, (await s.LogAsync("action")).Count(e => e.Action == "action.progress"));
    }
}
