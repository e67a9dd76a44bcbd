using WorkshopBot.ActionPlans.Storage;
using WorkshopBot.ActionPlans.Teams;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Common;
using WorkshopBot.Common.Storage;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.ActionPlans.ActionScenario;

namespace WorkshopBot.Tests.ActionPlans;

/// <summary>
/// The gates of one audit's documents are entered in one order: the audit's first, or not at all (see DocumentGates). A
/// chair's press on an action entered the plan's gate and then waited for the audit's, while a chair's turn on the plan
/// screen (which holds the audit and goes on to change the plan) waited for the plan's: each waited until the 3 s ran out
/// and went ahead unqueued. No timing decides these tests: the press is seen waiting (<see cref="DocumentGates.Waiting"/>)
/// before the other turn asks for the plan.
/// </summary>
public sealed class GatesInOneOrder
{
    private const string What = "Agree an information-sharing protocol between police and health";
    private const string Measure = "Every interview note reaches health within two working days";

    [Fact]
    public async Task AChairsPressOnAnActionWaitsForTheAuditHoldingNothingElse()
    {
        await using var s = await StartAsync();
        Text(await s.InChannelAsync(Chair, PlanScreen.OpenPlan, new PlanRefData(s.Audit.Id)));
        Assert.Contains("A1 created", Text(await s.InChannelAsync(Chair, CreateScreen.Create, new CreateActionData(s.Audit.Id, 1,
            What, "County Police", PoliceLead.Id, "2026-05-30", Measure, null, null))), StringComparison.Ordinal);
        var a1 = Assert.Single(await s.ActionsAsync());
        var gates = s.Host.Get<DocumentGates>();
        var (plans, key) = (ActionStore.Plans.Collection, ActionStore.Key(s.Audit.Id));
        var wentAhead = gates.WentAheadUnqueued;

        // A chair's turn on the plan screen holds the audit, and will go on to change the plan.
        var planTurn = new UnitOfWork();
        await gates.EnterAsync(planTurn, AuditStore.Audits, AuditStore.Key(s.Audit.Id), CancellationToken.None);
        var review = s.InChatAsync(Chair, SignOffScreen.Review, new ActionRefData(a1.Id));
        await OutboxTestMessages.WaitUntilAsync(() => Task.FromResult(gates.Waiting == 1));

        // The press waits for the audit holding no other gate: the plan's is free for the turn that holds the audit.
        await gates.EnterAsync(planTurn, plans, key, CancellationToken.None);
        Assert.True(planTurn.Holds(plans, key));
        Assert.Equal(wentAhead, gates.WentAheadUnqueued);
        planTurn.Committed();

        var answer = Text(await review.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("A1", answer, StringComparison.Ordinal);
        Assert.DoesNotContain(ActionGuard.NotYoursTitle, answer, StringComparison.Ordinal);
        Assert.Equal(wentAhead, gates.WentAheadUnqueued);
    }

    /// <summary>
    /// The rule kept by the audit's hold itself: a work already holding another document's gate reads the audit without
    /// waiting for its gate (held elsewhere here), its commit depending on the read, and nothing runs out of waiting.
    /// </summary>
    [Fact]
    public async Task HoldingTheAuditAfterAnotherGateDoesNotWaitForIt()
    {
        await using var s = await StartAsync();
        var (store, gates) = (s.Host.Get<IDocumentStore>(), s.Host.Get<DocumentGates>());
        var wentAhead = gates.WentAheadUnqueued;
        var handover = new UnitOfWork();
        await gates.EnterAsync(handover, AuditStore.Audits, AuditStore.Key(s.Audit.Id), CancellationToken.None);

        var press = new UnitOfWork();
        await gates.EnterAsync(press, ActionStore.Plans.Collection, ActionStore.Key(s.Audit.Id), CancellationToken.None);
        var read = await new AuditStore(new DocumentChanges(store, press, gates)).HoldAuditAsync(s.Audit.Id, CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(s.Audit.Id, read!.Value.Id);
        Assert.False(press.Holds(AuditStore.Audits, AuditStore.Key(s.Audit.Id)));
        Assert.Equal(wentAhead, gates.WentAheadUnqueued);
        press.Abandon();
        handover.Abandon();
    }

    /// <summary>
    /// A change to the audit made by a work already holding another document's gate (a workshop's first poll moving its
    /// audit on to the workshop stage, which holds the workshop's gate) does not wait for the audit's gate, held here by a
    /// turn that may be waiting for the workshop's: the change is made on a read without the gate, and its commit checks
    /// the version read. Before, it waited until the 3 s ran out and went ahead unqueued.
    /// </summary>
    [Fact]
    public async Task ChangingTheAuditAfterAnotherGateDoesNotWaitForIt()
    {
        await using var s = await StartAsync();
        var (store, gates) = (s.Host.Get<IDocumentStore>(), s.Host.Get<DocumentGates>());
        var wentAhead = gates.WentAheadUnqueued;
        var handover = new UnitOfWork();
        await gates.EnterAsync(handover, AuditStore.Audits, AuditStore.Key(s.Audit.Id), CancellationToken.None);

        var firstPoll = new UnitOfWork();
        await gates.EnterAsync(firstPoll, "workshops", Guid.NewGuid().ToString(), CancellationToken.None);
        var changed = await new AuditStore(new DocumentChanges(store, firstPoll, gates))
            .ChangeAuditAsync(s.Audit.Id, _ => DomainResult.Ok, CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(ChangeStatus.Saved, changed.Status);
        Assert.False(firstPoll.Holds(AuditStore.Audits, AuditStore.Key(s.Audit.Id)));
        Assert.Equal(wentAhead, gates.WentAheadUnqueued);
        firstPoll.Abandon();
        handover.Abandon();
    }

    /// <summary>
    /// A turn of another organisation naming this organisation's audit (a held read, a change) gets nothing, and lets go of
    /// the audit's gate as soon as it has found so: the audit's own turns do not queue behind it.
    /// </summary>
    [Fact]
    public async Task AnotherOrganisationsTurnKeepsNoGateOfThisOrganisationsAudit()
    {
        await using var s = await StartAsync();
        var (store, gates) = (s.Host.Get<IDocumentStore>(), s.Host.Get<DocumentGates>());
        var key = AuditStore.Key(s.Audit.Id);
        var wentAhead = gates.WentAheadUnqueued;
        var foreign = new UnitOfWork();
        foreign.ActFor(OtherTenant);
        var changes = new DocumentChanges(store, foreign, gates);

        Assert.Null(await new AuditStore(changes).HoldAuditAsync(s.Audit.Id, CancellationToken.None));
        Assert.False(foreign.Holds(AuditStore.Audits, key));
        var changed = await changes.ChangeAsync(AuditStore.AuditKind, key,
            _ => DomainResult.Fail(DomainErrorKind.AlreadyDone, "Only read."), CancellationToken.None);
        Assert.Equal(ChangeStatus.NotFound, changed.Status);
        Assert.False(foreign.Holds(AuditStore.Audits, key));

        // The organisation's own turn enters the gate while the other's is still under way.
        var own = new UnitOfWork();
        own.ActFor(s.Audit.TenantId);
        Assert.NotNull(await new AuditStore(new DocumentChanges(store, own, gates)).HoldAuditAsync(s.Audit.Id, CancellationToken.None));
        Assert.True(own.Holds(AuditStore.Audits, key));
        Assert.Equal(wentAhead, gates.WentAheadUnqueued);
        own.Abandon();
        foreign.Abandon();
    }
}
