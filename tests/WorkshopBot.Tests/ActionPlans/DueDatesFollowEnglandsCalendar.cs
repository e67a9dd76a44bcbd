using WorkshopBot.ActionPlans.Teams;
using static WorkshopBot.Tests.ActionPlans.ActionScenario;

namespace WorkshopBot.Tests.ActionPlans;

/// <summary>
/// Due dates are England's (Europe/London), not UTC's: at 00:30 BST on 1 June (23:30 UTC on 31 May) a due date of 31 May
/// is in the past when an action is created or extended, and an action due 31 May is overdue, its notices going at 09:00 BST.
/// </summary>
public sealed class DueDatesFollowEnglandsCalendar
{
    private const string What = "Agree an information-sharing protocol between police and health";
    private const string Measure = "Every interview note reaches health within two working days";
    private const string LaterWhat = "Run a joint briefing on fathers for health visitors";
    private const string LaterMeasure = "Nine in ten health visitors attend by September";

    [Fact]
    public async Task JustAfterMidnightBstTheThirtyFirstOfMayIsInThePastAndOverdue()
    {
        await using var s = await StartAsync();
        var auditId = s.Audit.Id;
        await s.InChannelAsync(Chair, PlanScreen.OpenPlan, new PlanRefData(auditId));
        Assert.Contains("A1 created", Text(await s.InChannelAsync(Chair, CreateScreen.Create, new CreateActionData(auditId, 0, What,
            "County Police", PoliceLead.Id, "2026-05-30", Measure, null, null))), StringComparison.Ordinal);
        Assert.Contains("A2 created", Text(await s.InChannelAsync(Chair, CreateScreen.Create, new CreateActionData(auditId, 0,
            LaterWhat, "Health Visiting", HealthLead.Id, "2026-05-31", LaterMeasure, null, null))), StringComparison.Ordinal);
        var a1 = (await s.ActionsAsync()).Single(a => a.Number == 1);

        s.Time.Advance(new DateTimeOffset(2026, 5, 31, 23, 30, 0, TimeSpan.Zero) - s.Time.GetUtcNow());

        var create = Text(await s.InChannelAsync(Chair, CreateScreen.Create, new CreateActionData(auditId, 0,
            "Audit the strategy meeting minutes", "County Police", PoliceLead.Id, "2026-05-31", Measure, null, null)));
        Assert.Contains("The due date cannot be in the past.", create, StringComparison.Ordinal);
        var extend = Text(await s.InChannelAsync(Chair, ManageScreen.Extend,
            new ExtendData(a1.Id, "2026-05-31", "Waiting for the board", null)));
        Assert.Contains("not in the past", extend, StringComparison.Ordinal);
        Assert.Equal(2, (await s.ActionsAsync()).Count);
        Assert.Equal(new DateOnly(2026, 5, 30), (await s.ActionsAsync()).Single(a => a.Number == 1).DueOn);

        // A1's notices were owed from 09:00 on 31 May, so the pass sends them; A2 is overdue now, but its notices wait for the
        // working day: 09:00 BST (08:00 UTC).
        Assert.Equal(new(0, 1), await s.RunJobsAsync());
        s.Time.Advance(new DateTimeOffset(2026, 6, 1, 7, 59, 0, TimeSpan.Zero) - s.Time.GetUtcNow());
        Assert.Equal(new(0, 0), await s.RunJobsAsync());
        s.Time.Advance(new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.Zero) - s.Time.GetUtcNow());
        Assert.Equal(new(0, 1), await s.RunJobsAsync());
        await s.Host.DrainOutboxAsync();
        Assert.Contains(s.ChatCards(HealthLead), c => c.Contains("A2 is overdue", StringComparison.Ordinal));
    }
}
