using System.Net;
using WorkshopBot.ActionPlans.Domain;
using WorkshopBot.ActionPlans.Storage;
using WorkshopBot.ActionPlans.Teams;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Tests.Storage;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.ActionPlans.ActionScenario;

namespace WorkshopBot.Tests.ActionPlans;

/// <summary>
/// An admin hands the audit's chair over just after the old chair's press has read what it checks the chair on (the plan,
/// or for a new action the audit), before that press commits: the handover lands first and wins. The old chair's change is
/// not made (a due date extended, an action signed off, a new action), nothing is logged for it, and they get the refusal
/// anyone who is not the chair gets. A seam places the handover (not timing).
/// </summary>
internal static class ActionPlanChairHandedOver
{
    private const string What = "Agree an information-sharing protocol between police and health";
    private const string Measure = "Every interview note reaches health within two working days";
    private static readonly TestUser NewChair = BotTestHost.User("Incoming Quality Chair");

    public static async Task TheOldChairCannotExtendAnActionAsync(string? postgres)
    {
        var seams = new DocumentSeams();
        await using var s = await StartAsync(postgres, services: seams.Install);
        var a1 = await OneActionAsync(s);

        HandOverAfterTheNextRead(s, seams, ActionStore.Plans.Collection, ActionStore.Key(s.Audit.Id));
        var extend = await s.InChannelAsync(Chair, ManageScreen.Extend, new ExtendData(a1.Id, "2026-06-30", "Legal review", null));

        Assert.True(seams.Ran);
        Assert.Equal(HttpStatusCode.OK, extend.Status);
        Assert.Contains(ActionGuard.NotYoursTitle, Text(extend), StringComparison.Ordinal);
        Assert.Equal(new DateOnly(2026, 5, 30), Assert.Single(await s.ActionsAsync()).DueOn);
        Assert.DoesNotContain(await s.LogAsync("action"), e => e.Action == "action.extended");
    }

    public static async Task TheOldChairCannotSignOffAsync(string? postgres)
    {
        var seams = new DocumentSeams();
        await using var s = await StartAsync(postgres, services: seams.Install);
        var a1 = await OneActionAsync(s);
        Assert.Contains("for sign-off", Text(await s.InChatAsync(PoliceLead, ProgressScreen.SubmitEvidence,
            new EvidenceData(a1.Id, "Protocol signed by both agencies", null))), StringComparison.Ordinal);
        var awaiting = Assert.Single(await s.ActionsAsync());
        Assert.Equal(ActionState.AwaitingSignOff, awaiting.State);

        HandOverAfterTheNextRead(s, seams, ActionStore.Plans.Collection, ActionStore.Key(s.Audit.Id));
        var signOff = await s.InChannelAsync(Chair, SignOffScreen.SignOff, new SignOffData(a1.Id, awaiting.EvidenceNumber));

        Assert.True(seams.Ran);
        Assert.Contains(ActionGuard.NotYoursTitle, Text(signOff), StringComparison.Ordinal);
        Assert.Equal(ActionState.AwaitingSignOff, Assert.Single(await s.ActionsAsync()).State);
        Assert.DoesNotContain(await s.LogAsync("action"), e => e.Action == "action.signed-off");
    }

    public static async Task TheOldChairCannotAddAnActionAsync(string? postgres)
    {
        var seams = new DocumentSeams();
        await using var s = await StartAsync(postgres, services: seams.Install);
        await s.InChannelAsync(Chair, PlanScreen.OpenPlan, new PlanRefData(s.Audit.Id));

        HandOverAfterTheNextRead(s, seams, AuditStore.Audits, AuditStore.Key(s.Audit.Id));
        var create = await s.InChannelAsync(Chair, CreateScreen.Create, new CreateActionData(s.Audit.Id, 1, What, "County Police",
            PoliceLead.Id, "2026-05-30", Measure, null, null));

        Assert.True(seams.Ran);
        Assert.Contains("Chair only", Text(create), StringComparison.Ordinal);
        Assert.Empty(await s.ActionsAsync());
        Assert.DoesNotContain(await s.LogAsync("action"), e => e.Action == "action.created");
    }

    private static async Task<PlannedAction> OneActionAsync(ActionScenario s)
    {
        await s.InChannelAsync(Chair, PlanScreen.OpenPlan, new PlanRefData(s.Audit.Id));
        Assert.Contains("A1 created", Text(await s.InChannelAsync(Chair, CreateScreen.Create, new CreateActionData(s.Audit.Id, 1,
            What, "County Police", PoliceLead.Id, "2026-05-30", Measure, null, null))), StringComparison.Ordinal);
        return Assert.Single(await s.ActionsAsync());
    }

    private static void HandOverAfterTheNextRead(ActionScenario s, DocumentSeams seams, string collection, string id) =>
        seams.AfterNextRead(collection, id, () => ChairHandoverStep.HandOverAsync(s.Host, s.Audit.Id, Chair, NewChair));
}

/// <summary>On SQLite.</summary>
public sealed class ActionPlanChairHandedOverWhileTheOldChairActsOnSqlite
{
    [Fact]
    public Task TheOldChairCannotExtendAnAction() => ActionPlanChairHandedOver.TheOldChairCannotExtendAnActionAsync(null);

    [Fact]
    public Task TheOldChairCannotSignOff() => ActionPlanChairHandedOver.TheOldChairCannotSignOffAsync(null);

    [Fact]
    public Task TheOldChairCannotAddAnAction() => ActionPlanChairHandedOver.TheOldChairCannotAddAnActionAsync(null);
}

/// <summary>The same on a real PostgreSQL server.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ActionPlanChairHandedOverWhileTheOldChairActsOnPostgres(PostgresServerFixture server)
{
    [Fact]
    public async Task TheOldChairCannotExtendAnAction() =>
        await ActionPlanChairHandedOver.TheOldChairCannotExtendAnActionAsync(await server.CreateDatabaseAsync());

    [Fact]
    public async Task TheOldChairCannotSignOff() =>
        await ActionPlanChairHandedOver.TheOldChairCannotSignOffAsync(await server.CreateDatabaseAsync());

    [Fact]
    public async Task TheOldChairCannotAddAnAction() =>
        await ActionPlanChairHandedOver.TheOldChairCannotAddAnActionAsync(await server.CreateDatabaseAsync());
}
