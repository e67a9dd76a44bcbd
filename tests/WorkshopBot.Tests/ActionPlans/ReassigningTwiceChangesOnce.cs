using WorkshopBot.ActionPlans.Domain;
using WorkshopBot.ActionPlans.Teams;
using static WorkshopBot.Tests.ActionPlans.ActionScenario;

namespace WorkshopBot.Tests.ActionPlans;

/// <summary>
/// "Reassign" pressed twice with the same agency and lead (a double click; two activities, so not a redelivery) reassigns
/// once: one change in the action's history, one entry in the audit log, one card to the new lead. The second press is
/// told the action is already theirs, and nothing more is saved or sent.
/// </summary>
public sealed class ReassigningTwiceChangesOnce
{
    private const string What = "Agree an information-sharing protocol between police and health";
    private const string Measure = "Every interview note reaches health within two working days";
    private const string Reason = "Health visitors lead the new protocol";

    [Fact]
    public async Task TheSameReassignmentPressedTwiceIsMadeOnce()
    {
        await using var s = await StartAsync();
        await s.InChannelAsync(Chair, PlanScreen.OpenPlan, new PlanRefData(s.Audit.Id));
        Assert.Contains("A1 created", Text(await s.InChannelAsync(Chair, CreateScreen.Create, new CreateActionData(s.Audit.Id, 0, What,
            "County Police", PoliceLead.Id, "2026-05-30", Measure, null, null))), StringComparison.Ordinal);
        var a1 = Assert.Single(await s.ActionsAsync());
        var press = new ReassignData(a1.Id, "Health Visiting", HealthLead.Id, Reason, null);

        var first = Text(await s.InChannelAsync(Chair, ManageScreen.Reassign, press));
        var second = Text(await s.InChannelAsync(Chair, ManageScreen.Reassign, press));
        await s.Host.DrainOutboxAsync();

        Assert.Contains("Saved. The lead is told.", first, StringComparison.Ordinal);
        var stored = Assert.Single(await s.ActionsAsync());
        Assert.Single(stored.Changes, c => c.Kind == ActionChangeKind.Reassigned);
        Assert.Single(await s.LogAsync("action"), e => e.Action == "action.reassigned");
        Assert.Single(s.ChatCards(HealthLead), c => c.Contains("A new action for you", StringComparison.Ordinal));
        Assert.Contains("already", second, StringComparison.Ordinal);
        Assert.Contains("Nothing was changed.", second, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALeadWhoTakesOverAfterTheReminderIsRemindedToo()
    {
        await using var s = await StartAsync();
        await s.InChannelAsync(Chair, PlanScreen.OpenPlan, new PlanRefData(s.Audit.Id));
        await s.InChannelAsync(Chair, CreateScreen.Create, new CreateActionData(s.Audit.Id, 0, What,
            "County Police", PoliceLead.Id, "2026-05-30", Measure, null, null));
        var a1 = Assert.Single(await s.ActionsAsync());
        s.Time.Advance(new DateTimeOffset(2026, 5, 24, 8, 0, 0, TimeSpan.Zero) - s.Time.GetUtcNow());
        Assert.Equal(new(1, 0), await s.RunJobsAsync());

        Assert.Contains("Saved. The lead is told.", Text(await s.InChannelAsync(Chair, ManageScreen.Reassign,
            new ReassignData(a1.Id, "Health Visiting", HealthLead.Id, Reason, null))), StringComparison.Ordinal);
        // Not minutes after the card that gave them the action: the next morning at 09:00 BST.
        Assert.Equal(new(0, 0), await s.RunJobsAsync());
        s.Time.Advance(new DateTimeOffset(2026, 5, 25, 8, 0, 0, TimeSpan.Zero) - s.Time.GetUtcNow());
        Assert.Equal(new(1, 0), await s.RunJobsAsync());
        Assert.Equal(new(0, 0), await s.RunJobsAsync());
        await s.Host.DrainOutboxAsync();
        Assert.Single(s.ChatCards(PoliceLead), c => c.Contains("Reminder: A1 is due 30 May 2026", StringComparison.Ordinal));
        Assert.Single(s.ChatCards(HealthLead), c => c.Contains("Reminder: A1 is due 30 May 2026", StringComparison.Ordinal));
    }
}
