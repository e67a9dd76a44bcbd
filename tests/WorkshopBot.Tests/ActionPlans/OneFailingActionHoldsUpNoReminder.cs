using WorkshopBot.ActionPlans.Jobs;
using WorkshopBot.ActionPlans.Storage;
using WorkshopBot.ActionPlans.Teams;
using WorkshopBot.Common;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.ActionPlans.ActionScenario;

namespace WorkshopBot.Tests.ActionPlans;

/// <summary>
/// The reminder job takes the actions due one by one: one whose step fails (here a read that throws what no store throws)
/// is left for the next pass and the others are still reminded and chased in the same pass. The overdue actions of a closed
/// audit, whose plan is kept as it stood, are not candidates: the job does not read them again every pass.
/// </summary>
public sealed class OneFailingActionHoldsUpNoReminder
{
    private const string Measure = "Every interview note reaches health within two working days";

    [Fact]
    public async Task TheOtherActionsAreRemindedAndTheFailedOneIsTriedAgainNextPass()
    {
        var seams = new DocumentSeams();
        await using var s = await StartAsync(services: seams.Install);
        await s.InChannelAsync(Chair, PlanScreen.OpenPlan, new PlanRefData(s.Audit.Id));
        await s.InChannelAsync(Chair, CreateScreen.Create, new CreateActionData(s.Audit.Id, 0, "Agree the protocol", "County Police",
            PoliceLead.Id, "2026-05-30", Measure, null, null));
        await s.InChannelAsync(Chair, CreateScreen.Create, new CreateActionData(s.Audit.Id, 0, "Brief health visitors",
            "Health Visiting", HealthLead.Id, "2026-05-30", Measure, null, null));
        var first = (await s.ActionsAsync()).Single(a => a.Number == 1);
        s.Time.Advance(TimeSpan.FromDays(50));

        seams.AfterNextRead(ActionStore.Actions.Collection, ActionStore.Key(first.Id),
            () => throw new NotSupportedException("a bug in one action's step"));
        var report = await s.RunJobsAsync();

        Assert.True(seams.Ran);
        Assert.Equal(new ActionJobReport(0, 1, Failed: 1), report);
        var overdue = (await s.LogAsync("action")).Where(e => e.Action == "action.overdue").ToList();
        Assert.Equal((await s.ActionsAsync()).Single(a => a.Number == 2).Id.ToString("D"), Assert.Single(overdue).SubjectId);

        Assert.Equal(new ActionJobReport(0, 1), await s.RunJobsAsync());
        Assert.Equal(2, (await s.LogAsync("action")).Count(e => e.Action == "action.overdue"));
    }

    [Fact]
    public async Task TheOverdueActionsOfAClosedAuditAreNotReadAgainEachPass()
    {
        var seams = new DocumentSeams();
        await using var s = await StartAsync(services: seams.Install);
        var auditId = s.Audit.Id;
        await s.InChannelAsync(Chair, PlanScreen.OpenPlan, new PlanRefData(auditId));
        await s.InChannelAsync(Chair, CreateScreen.Create, new CreateActionData(auditId, 0, "Agree the protocol", "County Police",
            PoliceLead.Id, "2026-05-30", Measure, null, null));
        var action = Assert.Single(await s.ActionsAsync());
        var audit = new WorkshopBot.Audits.Teams.AuditRefData(auditId);
        await s.InChatAsync(Chair, WorkshopBot.Audits.Teams.TrackerScreen.Release, audit);
        Assert.Contains("Audit closed.", Text(await s.InChatAsync(Chair, WorkshopBot.Audits.Teams.DashboardScreen.Close, audit)),
            StringComparison.Ordinal);
        s.Time.Advance(TimeSpan.FromDays(50));
        Assert.True((await s.ActionsAsync()).Single().IsOverdue(EnglandTime.Today(s.Time)));

        seams.AfterNextRead(ActionStore.Actions.Collection, ActionStore.Key(action.Id), () => Task.CompletedTask);
        Assert.Equal(new ActionJobReport(0, 0), await s.RunJobsAsync());

        Assert.False(seams.Ran, "the job read the closed audit's action again");
        Assert.Equal(action.Version, (await s.ActionsAsync()).Single().Version);
    }
}
