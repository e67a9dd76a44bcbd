using System.Net;
using Microsoft.Extensions.DependencyInjection;
using WorkshopBot.ActionPlans.Domain;
using WorkshopBot.ActionPlans.Jobs;
using WorkshopBot.ActionPlans.Storage;
using WorkshopBot.ActionPlans.Teams;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Common;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Storage;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.ActionPlans.ActionScenario;

namespace WorkshopBot.Tests.ActionPlans;

/// <summary>
/// Presses that race, through /api/messages, each made to land at the worst moment by a seam (not by luck): the second
/// "Create the action" reads the plan just as the first press commits; a lead saves progress or evidence from the card
/// they were sent just after the chair reassigned the action; the chair changes an action just as the audit is closed.
/// The commit decides each time: one action, no save by a lead who no longer leads, nothing changed on a closed audit.
/// </summary>
internal static class ActionRaces
{
    private const string What = "Agree an information-sharing protocol between police and health";
    private const string Measure = "Every interview note reaches health within two working days";

    public static async Task TwoCreatePressesAtOnceAsync(string? postgres)
    {
        var held = new HeldCommits(w => w.Steps.OfType<StoreWork.InsertStep>().Any(i => i.Collection == ActionStore.Actions.Collection));
        var seams = new DocumentSeams();
        await using var s = await StartAsync(postgres, services: services =>
        {
            held.Register(services);
            seams.Install(services);
        });
        var auditId = s.Audit.Id;
        await s.InChannelAsync(Chair, PlanScreen.OpenPlan, new PlanRefData(auditId));
        var press = new CreateActionData(auditId, 1, What, "County Police", PoliceLead.Id, "2026-05-30", Measure, "information-sharing",
            null);

        // The first press has made every check and waits at its commit; the second, sent meanwhile, has checked for the
        // action too when it reads the plan, and the first press commits right then.
        var first = s.InChannelAsync(Chair, CreateScreen.Create, press);
        await held.Held.WaitAsync(TimeSpan.FromSeconds(60));
        seams.AfterNextRead(ActionStore.Plans.Collection, ActionStore.Key(auditId), async () =>
            Assert.Equal(CommitOutcome.Committed, (await held.ReleaseAsync()).Outcome));
        var second = s.InChannelAsync(Chair, CreateScreen.Create, press);
        var answers = await Task.WhenAll(first, second);

        Assert.True(seams.Ran);
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.Status));
        Assert.Contains("A1 created", Text(answers[0]), StringComparison.Ordinal);
        Assert.Contains("A1 already says this", Text(answers[1]), StringComparison.Ordinal);
        Assert.Contains("Action plan", Text(answers[1]), StringComparison.Ordinal);
        await s.Host.DrainOutboxAsync();
        Assert.Single(await s.ActionsAsync());
        Assert.Single(await s.LogAsync("action"), e => e.Action == "action.created");
        Assert.Single(s.ChatCards(PoliceLead), c => c.Contains("A new action for you", StringComparison.Ordinal));
    }

    public static async Task LeadReassignedBeforeTheSaveAsync(string? postgres)
    {
        var seams = new DocumentSeams();
        await using var s = await StartAsync(postgres, services: seams.Install);
        var auditId = s.Audit.Id;
        await s.InChannelAsync(Chair, PlanScreen.OpenPlan, new PlanRefData(auditId));
        Assert.Contains("A1 created", Text(await s.InChannelAsync(Chair, CreateScreen.Create, new CreateActionData(auditId, 1, What,
            "County Police", PoliceLead.Id, "2026-05-30", Measure, null, null))), StringComparison.Ordinal);
        var a1 = Assert.Single(await s.ActionsAsync());

        // The police lead saves progress; the chair's reassignment to health lands just after the lead's turn read the action.
        seams.AfterNextRead(ActionStore.Actions.Collection, ActionStore.Key(a1.Id), async () =>
            Assert.Contains("Saved. The lead is told.", Text(await s.InChannelAsync(Chair, ManageScreen.Reassign,
                new ReassignData(a1.Id, "Health Visiting", HealthLead.Id, "Health own the protocol", null))), StringComparison.Ordinal));
        var update = await s.InChatAsync(PoliceLead, ProgressScreen.Update, new ProgressData(a1.Id, "Green", "Protocol agreed", null));
        Assert.True(seams.Ran);
        Assert.Equal(HttpStatusCode.OK, update.Status);
        Assert.Contains(ActionGuard.NoLongerYoursTitle, Text(update), StringComparison.Ordinal);
        Assert.DoesNotContain(HealthLead.Name, Text(update), StringComparison.Ordinal);

        // The health lead sends evidence as the chair moves the action back to the police lead.
        seams.AfterNextRead(ActionStore.Actions.Collection, ActionStore.Key(a1.Id), async () =>
            Assert.Contains("Saved. The lead is told.", Text(await s.InChannelAsync(Chair, ManageScreen.Reassign,
                new ReassignData(a1.Id, "County Police", PoliceLead.Id, "Police hold the protocol after all", null))),
                StringComparison.Ordinal));
        var evidence = await s.InChatAsync(HealthLead, ProgressScreen.SubmitEvidence, new EvidenceData(a1.Id, "Protocol signed", null));
        Assert.True(seams.Ran);
        Assert.Contains(ActionGuard.NoLongerYoursTitle, Text(evidence), StringComparison.Ordinal);

        var kept = Assert.Single(await s.ActionsAsync());
        Assert.Equal((ActionState.Open, 0, null, PoliceLead.AadObjectId),
            (kept.State, kept.Updates.Count, kept.Evidence, kept.Lead.Person.UserId));
        var log = await s.LogAsync("action");
        Assert.DoesNotContain(log, e => e.Action is "action.progress" or "action.evidence");
        Assert.Equal(2, log.Count(e => e.Action == "action.reassigned"));
    }

    /// <summary>
    /// A lead of the police actions through A1 updates A2 (another police lead's); A1 is moved to health just after the
    /// update's turn read it for the save: the save relied on A1, so its commit is refused and, run again, the lead is
    /// told the action is not theirs.
    /// </summary>
    public static async Task AgencyRightsLostBeforeTheSaveAsync(string? postgres)
    {
        var seams = new DocumentSeams();
        await using var s = await StartAsync(postgres, services: seams.Install);
        var auditId = s.Audit.Id;
        await s.InChannelAsync(Chair, PlanScreen.OpenPlan, new PlanRefData(auditId));
        await s.InChannelAsync(Chair, CreateScreen.Create, new CreateActionData(auditId, 0, What, "County Police", PoliceLead.Id,
            "2026-05-30", Measure, null, null));
        await s.InChannelAsync(Chair, CreateScreen.Create, new CreateActionData(auditId, 0, "Publish the joint interview note template",
            "County Police", Practitioner.Id, "2026-05-30", Measure, null, null));
        var actions = await s.ActionsAsync();
        var (a1, a2) = (actions.Single(a => a.Number == 1), actions.Single(a => a.Number == 2));

        seams.AfterNextRead(ActionStore.Actions.Collection, ActionStore.Key(a1.Id), async () =>
            Assert.Contains("Saved. The lead is told.", Text(await s.InChannelAsync(Chair, ManageScreen.Reassign,
                new ReassignData(a1.Id, "Health Visiting", HealthLead.Id, "Health own the protocol", null))), StringComparison.Ordinal));
        var update = await s.InChatAsync(PoliceLead, ProgressScreen.Update, new ProgressData(a2.Id, "Green", "Template out", null));

        Assert.True(seams.Ran);
        Assert.Equal(HttpStatusCode.OK, update.Status);
        Assert.Contains(ActionGuard.NotYoursTitle, Text(update), StringComparison.Ordinal);
        Assert.Empty((await s.ActionsAsync()).Single(a => a.Number == 2).Updates);
        Assert.DoesNotContain(await s.LogAsync("action"), e => e.Action == "action.progress");
    }

    /// <summary>
    /// The chair extends an action; the audit is closed just after the extension's turn checked the audit for the save:
    /// the commit relied on the audit, so it is refused and, run again, the chair is told the audit is closed.
    /// </summary>
    public static async Task AuditClosedBeforeTheChangeAsync(string? postgres)
    {
        var seams = new DocumentSeams();
        await using var s = await StartAsync(postgres, services: seams.Install);
        var auditId = s.Audit.Id;
        await s.InChannelAsync(Chair, PlanScreen.OpenPlan, new PlanRefData(auditId));
        await s.InChannelAsync(Chair, CreateScreen.Create, new CreateActionData(auditId, 1, What, "County Police", PoliceLead.Id,
            "2026-05-30", Measure, null, null));
        var a1 = Assert.Single(await s.ActionsAsync());

        // The turn reads the audit when the guard looks, and again for the save; the audit is closed after the second read.
        seams.AfterNextRead(AuditStore.AuditKind.Collection, AuditStore.Key(auditId), () => s.Host.WorkAsync(async services =>
        {
            var now = s.Time.GetUtcNow();
            var closed = await services.GetRequiredService<AuditStore>().ChangeAuditAsync(auditId, a =>
                a.ReleaseForModeration(now).Succeeded && a.StartWorkshop().Succeeded ? a.Close(now) : DomainResult.Invalid("stage"),
                CancellationToken.None);
            Assert.True(closed.Saved, closed.Message);
        }), skip: 1);
        var extend = await s.InChannelAsync(Chair, ManageScreen.Extend, new ExtendData(a1.Id, "2026-06-30", "Legal review", null));

        Assert.True(seams.Ran);
        Assert.Equal(HttpStatusCode.OK, extend.Status);
        Assert.Contains(ActionGuard.ClosedTitle, Text(extend), StringComparison.Ordinal);
        Assert.Equal(new DateOnly(2026, 5, 30), Assert.Single(await s.ActionsAsync()).DueOn);
        Assert.DoesNotContain(await s.LogAsync("action"), e => e.Action == "action.extended");
    }

    /// <summary>
    /// The action job reads the audit open, for a reminder (or, past the due date, an overdue notice); the chair releases
    /// the returns and closes the audit with the bot's buttons just after: the close lands first and wins, so nobody is
    /// reminded or chased and nothing is recorded on the action.
    /// </summary>
    public static async Task AuditClosedAsTheJobRunsAsync(string? postgres, bool overdue)
    {
        var seams = new DocumentSeams();
        await using var s = await StartAsync(postgres, services: seams.Install);
        var auditId = s.Audit.Id;
        await s.InChannelAsync(Chair, PlanScreen.OpenPlan, new PlanRefData(auditId));
        await s.InChannelAsync(Chair, CreateScreen.Create, new CreateActionData(auditId, 1, What, "County Police", PoliceLead.Id,
            "2026-05-30", Measure, null, null));
        await s.Host.DrainOutboxAsync();
        var day = overdue ? new DateOnly(2026, 6, 2) : new DateOnly(2026, 5, 24);
        s.Time.Advance(new DateTimeOffset(day, new TimeOnly(8, 0), TimeSpan.Zero) - s.Time.GetUtcNow());

        var audit = new WorkshopBot.Audits.Teams.AuditRefData(auditId);
        seams.AfterNextRead(AuditStore.AuditKind.Collection, AuditStore.Key(auditId), async () =>
        {
            Assert.Contains("Returns released for moderation.",
                Text(await s.InChatAsync(Chair, WorkshopBot.Audits.Teams.TrackerScreen.Release, audit)), StringComparison.Ordinal);
            Assert.Contains("Audit closed.", Text(await s.InChatAsync(Chair, WorkshopBot.Audits.Teams.DashboardScreen.Close, audit)),
                StringComparison.Ordinal);
        });
        var report = await s.RunJobsAsync();
        await s.Host.DrainOutboxAsync();

        Assert.True(seams.Ran);
        Assert.Equal(new ActionJobReport(0, 0), report);
        Assert.DoesNotContain(s.ChatCards(PoliceLead), c => c.Contains("Reminder:", StringComparison.Ordinal)
            || c.Contains("is overdue", StringComparison.Ordinal));
        Assert.DoesNotContain(s.ChatCards(Chair), c => c.Contains("is overdue", StringComparison.Ordinal));
        var a1 = Assert.Single(await s.ActionsAsync());
        Assert.Equal((null, null), (a1.RemindedForDue, a1.OverdueNoticeForDue));
        Assert.DoesNotContain(await s.LogAsync("action"), e => e.Action is "action.reminded" or "action.overdue");
    }
}

/// <summary>Racing presses on the action plan, on SQLite.</summary>
public sealed class ActionRacesOnSqlite
{
    [Fact]
    public Task TwoCreatePressesAtTheSameMomentMakeOneAction() => ActionRaces.TwoCreatePressesAtOnceAsync(null);

    [Fact]
    public Task ALeadReassignedBeforeTheirSaveLandsSavesNothing() => ActionRaces.LeadReassignedBeforeTheSaveAsync(null);

    [Fact]
    public Task AgencyRightsLostBeforeTheSaveLandsSaveNothing() => ActionRaces.AgencyRightsLostBeforeTheSaveAsync(null);

    [Fact]
    public Task AnAuditClosedBeforeTheChairsChangeLandsKeepsThePlan() => ActionRaces.AuditClosedBeforeTheChangeAsync(null);

    [Fact]
    public Task AnAuditClosedAsTheReminderJobRunsGetsNoReminder() => ActionRaces.AuditClosedAsTheJobRunsAsync(null, overdue: false);

    [Fact]
    public Task AnAuditClosedAsTheOverdueJobRunsGetsNoNotice() => ActionRaces.AuditClosedAsTheJobRunsAsync(null, overdue: true);
}

/// <summary>The same on a real PostgreSQL server.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ActionRacesOnPostgres(PostgresServerFixture server)
{
    [Fact]
    public async Task TwoCreatePressesAtTheSameMomentMakeOneAction() =>
        await ActionRaces.TwoCreatePressesAtOnceAsync(await server.CreateDatabaseAsync());

    [Fact]
    public async Task ALeadReassignedBeforeTheirSaveLandsSavesNothing() =>
        await ActionRaces.LeadReassignedBeforeTheSaveAsync(await server.CreateDatabaseAsync());

    [Fact]
    public async Task AgencyRightsLostBeforeTheSaveLandsSaveNothing() =>
        await ActionRaces.AgencyRightsLostBeforeTheSaveAsync(await server.CreateDatabaseAsync());

    [Fact]
    public async Task AnAuditClosedBeforeTheChairsChangeLandsKeepsThePlan() =>
        await ActionRaces.AuditClosedBeforeTheChangeAsync(await server.CreateDatabaseAsync());

    [Fact]
    public async Task AnAuditClosedAsTheReminderJobRunsGetsNoReminder() =>
        await ActionRaces.AuditClosedAsTheJobRunsAsync(await server.CreateDatabaseAsync(), overdue: false);

    [Fact]
    public async Task AnAuditClosedAsTheOverdueJobRunsGetsNoNotice() =>
        await ActionRaces.AuditClosedAsTheJobRunsAsync(await server.CreateDatabaseAsync(), overdue: true);
}
