using Microsoft.Extensions.DependencyInjection;
using WorkshopBot.ActionPlans.Storage;
using WorkshopBot.ActionPlans.Teams;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.ActionPlans.ActionScenario;

namespace WorkshopBot.Tests.ActionPlans;

/// <summary>
/// Who chairs an action plan is the audit's to say. The plan keeps a copy of its chair, which a handover moves, but a copy can
/// lag (a plan whose audit was handed over before plans kept one, say: here the audit alone is changed). The chair's screens
/// then let the audit's chair in and refuse the chair before, not the other way round, and name the chair as it stands.
/// </summary>
public sealed class ActionPlanChairIsTheAudits
{
    private static readonly TestUser NewChair = BotTestHost.User("Incoming Quality Chair");

    [Fact]
    public async Task TheAuditsNewChairExtendsAnActionAndTheChairBeforeIsRefused()
    {
        await using var s = await StartAsync();
        var action = await OneActionAsync(s);
        await HandOverTheAuditAloneAsync(s);
        Assert.Equal(Chair.AadObjectId, (await PlanAsync(s)).Chair.UserId);

        var refused = Text(await s.InChannelAsync(Chair, ManageScreen.Extend,
            new ExtendData(action.Id, "2026-06-30", "Legal review", null)));
        var extended = Text(await s.InChannelAsync(NewChair, ManageScreen.Extend,
            new ExtendData(action.Id, "2026-06-30", "Legal review", null)));

        Assert.Contains(ActionGuard.NotYoursTitle, refused, StringComparison.Ordinal);
        Assert.DoesNotContain(ActionGuard.NotYoursTitle, extended, StringComparison.Ordinal);
        Assert.DoesNotContain("Chair only", extended, StringComparison.Ordinal);
        Assert.Equal(new DateOnly(2026, 6, 30), Assert.Single(await s.ActionsAsync()).DueOn);
        var logged = Assert.Single(await s.LogAsync("action"), e => e.Action == "action.extended");
        Assert.Equal(NewChair.AadObjectId, logged.ActorId);
    }

    [Fact]
    public async Task TheActionsLeadIsToldTheChairAsItStandsOnlyTheChairMayManageIt()
    {
        await using var s = await StartAsync();
        var action = await OneActionAsync(s);
        await HandOverTheAuditAloneAsync(s);

        var refused = Text(await s.InChatAsync(PoliceLead, ManageScreen.Extend,
            new ExtendData(action.Id, "2026-06-30", "Legal review", null)));

        Assert.Contains("Chair only", refused, StringComparison.Ordinal);
        Assert.Contains(NewChair.Name, refused, StringComparison.Ordinal);
        Assert.DoesNotContain(Chair.Name, refused, StringComparison.Ordinal);
        Assert.Equal(new DateOnly(2026, 5, 30), Assert.Single(await s.ActionsAsync()).DueOn);
    }

    private static async Task<WorkshopBot.ActionPlans.Domain.PlannedAction> OneActionAsync(ActionScenario s)
    {
        await s.InChannelAsync(Chair, PlanScreen.OpenPlan, new PlanRefData(s.Audit.Id));
        Assert.Contains("A1 created", Text(await s.InChannelAsync(Chair, CreateScreen.Create, new CreateActionData(s.Audit.Id, 1,
            PartnershipRecommendation, "County Police", PoliceLead.Id, "2026-05-30", PartnershipMeasure, null, null))),
            StringComparison.Ordinal);
        return Assert.Single(await s.ActionsAsync());
    }

    /// <summary>The audit's chair changed as a handover changes it, and nothing else: the plan keeps its copy of the old chair.</summary>
    private static Task HandOverTheAuditAloneAsync(ActionScenario s) => s.Host.WorkAsync(async services =>
    {
        var changed = await services.GetRequiredService<AuditStore>().ChangeAuditAsync(s.Audit.Id, a => a.HandOverChair(
            Chair.AadObjectId, NewChair.Person, ChairHandoverReason.Other, s.Time.GetUtcNow()), default);
        Assert.True(changed.Saved, changed.Message);
    });

    private static Task<WorkshopBot.ActionPlans.Domain.ActionPlan> PlanAsync(ActionScenario s) => s.Host.WorkAsync(async services =>
        (await services.GetRequiredService<ActionStore>().GetPlanAsync(s.Audit.Id, BotTestHost.TenantId, default))!);
}
