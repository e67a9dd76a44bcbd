using System.Net;
using WorkshopBot.ActionPlans.Domain;
using WorkshopBot.ActionPlans.Teams;
using static WorkshopBot.Tests.ActionPlans.ActionScenario;

namespace WorkshopBot.Tests.ActionPlans;

/// <summary>
/// A due date at the end of the calendar (9999-12-31, typed or forged in the card data) is refused with a polite card when
/// the action is created or extended, and nothing is saved: kept, it made the chair's Manage form fail with a 500 (its date
/// picker starts the day after the due date), so the action could no longer be extended, reassigned or closed.
/// </summary>
public sealed class FarFutureDueDatesAreRefused
{
    private const string What = "Agree an information-sharing protocol between police and health";
    private const string Measure = "Every interview note reaches health within two working days";
    private const string EndOfCalendar = "9999-12-31";

    [Fact]
    public async Task ADueDateAtTheEndOfTheCalendarIsRefusedOnCreateAndExtend()
    {
        await using var s = await StartAsync();
        var auditId = s.Audit.Id;
        await s.InChannelAsync(Chair, PlanScreen.OpenPlan, new PlanRefData(auditId));

        var create = await s.InChannelAsync(Chair, CreateScreen.Create,
            new CreateActionData(auditId, 0, What, "County Police", PoliceLead.Id, EndOfCalendar, Measure, null, null));
        Assert.Equal(HttpStatusCode.OK, create.Status);
        Assert.Contains(PlannedAction.DueTooFarText, Text(create), StringComparison.Ordinal);
        Assert.Empty(await s.ActionsAsync());

        Assert.Contains("A1 created", Text(await s.InChannelAsync(Chair, CreateScreen.Create, new CreateActionData(auditId, 0, What,
            "County Police", PoliceLead.Id, "2026-05-30", Measure, null, null))), StringComparison.Ordinal);
        var a1 = Assert.Single(await s.ActionsAsync());
        var extend = await s.InChannelAsync(Chair, ManageScreen.Extend,
            new ExtendData(a1.Id, EndOfCalendar, "Waiting for the board", null));
        Assert.Equal(HttpStatusCode.OK, extend.Status);
        Assert.Contains(PlannedAction.DueTooFarText, Text(extend), StringComparison.Ordinal);
        var stored = Assert.Single(await s.ActionsAsync());
        Assert.Equal((new DateOnly(2026, 5, 30), 1), (stored.DueOn, stored.Version));

        // The Manage form still opens, as it did not once the date was kept.
        var manage = await s.InChannelAsync(Chair, ManageScreen.Manage, new ActionRefData(a1.Id));
        Assert.Equal(HttpStatusCode.OK, manage.Status);
        Assert.Contains("New due date", Text(manage), StringComparison.Ordinal);
    }
}
