using Microsoft.Extensions.DependencyInjection;
using WorkshopBot.ActionPlans.Storage;
using WorkshopBot.ActionPlans.Teams;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Briefings.Storage;
using WorkshopBot.Storage;
using static WorkshopBot.Tests.ActionPlans.ActionScenario;

namespace WorkshopBot.Tests.ActionPlans;

/// <summary>
/// The holds that the action plan's and the briefing's role checks read (the audit an action plan's chair is checked on,
/// the plan a lead's rights come from, the briefing a publish checks) wait while a change to that document is under way
/// on this instance, read what it saved, and then hold the document until the press commits. Before, each read the
/// document at once, outside its queue: the check was made on a version a change already queued ahead of it was about to
/// replace (a chair handover), and only the version check at the commit sent the press round again.
/// </summary>
public sealed class HoldsWaitForAChangeUnderWay
{
    [Fact]
    public Task TheActionPlansChairCheckWaitsForTheAudit() =>
        WaitsAsync(AuditStore.Audits, s => AuditStore.Key(s.Audit.Id),
            (sp, s) => sp.GetRequiredService<ActionSources>().HoldAuditAsync(s.Audit.Id, s.Audit.TenantId, default));

    [Fact]
    public Task ALeadsRightsWaitForThePlan() =>
        WaitsAsync(ActionStore.Plans.Collection, s => ActionStore.Key(s.Audit.Id),
            (sp, s) => sp.GetRequiredService<ActionStore>().GetPlanHeldAsync(s.Audit.Id, s.Audit.TenantId, default), openPlan: true);

    [Fact]
    public Task APublishWaitsForTheBriefing() =>
        WaitsAsync(BriefingStore.Briefings.Collection, s => BriefingStore.Key(s.Audit.Id),
            (sp, s) => sp.GetRequiredService<BriefingStore>().HoldAsync(s.Audit.Id, default));

    private static async Task WaitsAsync<T>(string collection, Func<ActionScenario, string> keyOf,
        Func<IServiceProvider, ActionScenario, Task<T>> hold, bool openPlan = false)
    {
        await using var s = await StartAsync();
        if (openPlan)
        {
            Text(await s.InChannelAsync(Chair, PlanScreen.OpenPlan, new PlanRefData(s.Audit.Id)));
        }

        var key = keyOf(s);
        var (store, gates) = (s.Host.Get<IDocumentStore>(), s.Host.Get<DocumentGates>());
        var change = new UnitOfWork();
        await gates.EnterAsync(change, collection, key, CancellationToken.None);

        await using var scope = s.Host.Services.CreateAsyncScope();
        var press = scope.ServiceProvider.GetRequiredService<UnitOfWork>();
        var holding = hold(scope.ServiceProvider, s);

        // The change under way commits (written here directly) and lets go of the document.
        var before = (await store.GetAsync(collection, key))!;
        Assert.True(await store.TryUpdateAsync(collection, key, before.Version, before.Json, before.Key1, before.Key2));
        change.Committed();

        Assert.NotNull(await holding.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.True(press.Holds(collection, key));
        press.Abandon();
    }
}
