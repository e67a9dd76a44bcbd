using Microsoft.Extensions.DependencyInjection;
using WorkshopBot.ActionPlans.Storage;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.ActionPlans.ActionScenario;

namespace WorkshopBot.Tests.ActionPlans;

/// <summary>
/// An audit closed before anyone opened its action plan: opening it now shows the plan (as a closed audit's plan can be
/// read) but starts nothing: no plan is stored for the channel and nothing is logged.
/// </summary>
public sealed class ClosedAuditStartsNoPlan
{
    [Fact]
    public async Task OpeningTheClosedAuditsPlanStoresAndLogsNothing()
    {
        await using var s = await StartAsync();
        var audit = new AuditRefData(s.Audit.Id);
        Assert.Contains("Returns released for moderation.", Text(await s.InChatAsync(Chair, TrackerScreen.Release, audit)),
            StringComparison.Ordinal);
        Assert.Contains("Audit closed.", Text(await s.InChatAsync(Chair, DashboardScreen.Close, audit)), StringComparison.Ordinal);
        var logged = (await s.LogAsync("audit")).Count;

        var plan = Text(await s.InChannelAsync(Chair, WorkshopBot.ActionPlans.Teams.PlanScreen.OpenPlan,
            new WorkshopBot.ActionPlans.Teams.PlanRefData(s.Audit.Id)));

        Assert.Contains("Action plan", plan, StringComparison.Ordinal);
        Assert.Null(await s.Host.WorkAsync(services =>
            services.GetRequiredService<ActionStore>().GetPlanAsync(s.Audit.Id, BotTestHost.TenantId, CancellationToken.None)));
        Assert.Equal(logged, (await s.LogAsync("audit")).Count);
    }
}
