using WorkshopBot.ActionPlans.Domain;
using WorkshopBot.ActionPlans.Teams;
using static WorkshopBot.Tests.ActionPlans.ActionScenario;

namespace WorkshopBot.Tests.ActionPlans;

/// <summary>
/// "Extend" pressed twice with the same new due date (a double click, or Teams retrying the invoke under a new activity id,
/// so the chair sees only the second answer), one after the other and at the same moment, extends once: one change in the
/// action's history, one log line, one card to the lead. The second press is answered as the first, not told the date
/// must be later than the current one.
/// </summary>
public sealed class ExtendingTwiceChangesOnce
{
    private const string What = "Agree an information-sharing protocol between police and health";
    private const string Measure = "Every interview note reaches health within two working days";
    private const string Reason = "Legal review takes longer than planned";

    [Fact]
    public async Task TheSameExtensionPressedTwiceIsMadeOnce()
    {
        await using var s = await StartAsync();
        await s.InChannelAsync(Chair, PlanScreen.OpenPlan, new PlanRefData(s.Audit.Id));
        foreach (var owner in new[] { "County Police", "Health Visiting" })
        {
            var lead = owner == "County Police" ? PoliceLead : HealthLead;
            Assert.Contains("created", Text(await s.InChannelAsync(Chair, CreateScreen.Create, new CreateActionData(s.Audit.Id, 0,
                What, owner, lead.Id, "2026-05-30", Measure, null, null))), StringComparison.Ordinal);
        }

        var actions = await s.ActionsAsync();
        var a1 = actions.Single(a => a.Label == "A1");
        var a2 = actions.Single(a => a.Label == "A2");
        await s.Host.DrainOutboxAsync();
        var toLead = s.ChatCards(PoliceLead).Count;

        // One after the other.
        var press = new ExtendData(a1.Id, "2026-06-20", Reason, null);
        var first = Text(await s.InChannelAsync(Chair, ManageScreen.Extend, press));
        await s.Host.DrainOutboxAsync();
        var posts = s.ChannelPosts().Count;
        var second = Text(await s.InChannelAsync(Chair, ManageScreen.Extend, press));
        await s.Host.DrainOutboxAsync();

        Assert.Contains("Saved. The lead is told.", first, StringComparison.Ordinal);
        Assert.Equal(first, second);
        Assert.DoesNotContain("later than the current one", second, StringComparison.Ordinal);
        Assert.Equal(new DateOnly(2026, 6, 20), (await s.ActionsAsync()).Single(a => a.Id == a1.Id).DueOn);
        Assert.Single((await s.ActionsAsync()).Single(a => a.Id == a1.Id).Changes, c => c.Kind == ActionChangeKind.Extended);
        Assert.Equal(toLead + 1, s.ChatCards(PoliceLead).Count);
        Assert.Equal(posts, s.ChannelPosts().Count);

        // At the same moment.
        var twice = new ExtendData(a2.Id, "2026-07-01", Reason, null);
        var answers = await Task.WhenAll(s.InChannelAsync(Chair, ManageScreen.Extend, twice),
            s.InChannelAsync(Chair, ManageScreen.Extend, twice));
        Assert.All(answers, a => Assert.Contains("Saved. The lead is told.", Text(a), StringComparison.Ordinal));
        Assert.Single((await s.ActionsAsync()).Single(a => a.Id == a2.Id).Changes, c => c.Kind == ActionChangeKind.Extended);

        var log = await s.LogAsync("action");
        Assert.Single(log, e => e.Action == "action.extended" && e.SubjectId == a1.Id.ToString("D"));
        Assert.Single(log, e => e.Action == "action.extended" && e.SubjectId == a2.Id.ToString("D"));

        // An earlier or the same date with another reason is still refused; nothing more is saved.
        Assert.Contains("later than the current one", Text(await s.InChannelAsync(Chair, ManageScreen.Extend,
            press with { Reason = "Another reason" })), StringComparison.Ordinal);
        Assert.Equal(2, (await s.LogAsync("action")).Count(e => e.Action == "action.extended"));
    }
}
