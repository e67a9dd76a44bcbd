using WorkshopBot.ActionPlans.Domain;
using WorkshopBot.ActionPlans.Teams;
using WorkshopBot.Tests.Storage;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.ActionPlans.ActionScenario;

namespace WorkshopBot.Tests.ActionPlans;

/// <summary>
/// Once the chair closes the audit, monitoring is over and its action plan is kept as it stood (until retention deletes
/// it), through /api/messages: no progress note, evidence, sign-off, return, extension, reassignment, closure or new
/// action is taken, each with a polite card; the action can still be read but is no longer in the lead's "my actions";
/// the jobs send no reminder or overdue notice; nothing is logged as changed.
/// </summary>
internal static class ClosedAuditFreezesItsPlan
{
    private const string What = "Agree an information-sharing protocol between police and health";
    private const string Measure = "Every interview note reaches health within two working days";
    private const string HealthWhat = "Run a joint briefing on fathers for health visitors";

    public static async Task RunAsync(string? postgres)
    {
        await using var s = await StartAsync(postgres);
        var host = s.Host;
        var auditId = s.Audit.Id;
        await s.InChannelAsync(Chair, PlanScreen.OpenPlan, new PlanRefData(auditId));
        Assert.Contains("A1 created", Text(await s.InChannelAsync(Chair, CreateScreen.Create, new CreateActionData(auditId, 0, What,
            "County Police", PoliceLead.Id, "2026-05-30", Measure, null, null))), StringComparison.Ordinal);
        Assert.Contains("A2 created", Text(await s.InChannelAsync(Chair, CreateScreen.Create, new CreateActionData(auditId, 0,
            HealthWhat, "Health Visiting", HealthLead.Id, "2026-05-30", Measure, null, null))), StringComparison.Ordinal);
        var a1 = (await s.ActionsAsync()).Single(a => a.Number == 1);
        var a2 = (await s.ActionsAsync()).Single(a => a.Number == 2);
        Assert.Contains("for sign-off", Text(await s.InChatAsync(HealthLead, ProgressScreen.SubmitEvidence,
            new EvidenceData(a2.Id, "Briefing held; eight in ten attended", null))), StringComparison.Ordinal);

        // The chair releases the returns on the tracker, then closes the audit on its dashboard.
        var audit = new WorkshopBot.Audits.Teams.AuditRefData(auditId);
        Assert.Contains("Returns released for moderation.",
            Text(await s.InChatAsync(Chair, WorkshopBot.Audits.Teams.TrackerScreen.Release, audit)), StringComparison.Ordinal);
        Assert.Contains("Audit closed.", Text(await s.InChatAsync(Chair, WorkshopBot.Audits.Teams.DashboardScreen.Close, audit)),
            StringComparison.Ordinal);
        var before = await s.ActionsAsync();
        var logged = (await s.LogAsync("action")).Count;

        var refusals = new List<string>
        {
            Text(await s.InChatAsync(PoliceLead, ProgressScreen.UpdateForm, new ActionRefData(a1.Id))),
            Text(await s.InChatAsync(PoliceLead, ProgressScreen.Update, new ProgressData(a1.Id, "Green", "Draft protocol agreed", null))),
            Text(await s.InChatAsync(PoliceLead, ProgressScreen.EvidenceForm, new ActionRefData(a1.Id))),
            Text(await s.InChatAsync(PoliceLead, ProgressScreen.SubmitEvidence, new EvidenceData(a1.Id, "Protocol signed", null))),
            Text(await s.InChannelAsync(Chair, SignOffScreen.SignOff, new ActionRefData(a2.Id))),
            Text(await s.InChannelAsync(Chair, SignOffScreen.ReturnEvidence, new ReasonData(a2.Id, "Say who attended", null))),
            Text(await s.InChannelAsync(Chair, ManageScreen.Manage, new ActionRefData(a1.Id))),
            Text(await s.InChannelAsync(Chair, ManageScreen.Extend, new ExtendData(a1.Id, "2026-09-30", "More time", null))),
            Text(await s.InChannelAsync(Chair, ManageScreen.Close, new ReasonData(a1.Id, "No longer needed", null))),
            Text(await s.InChannelAsync(Chair, ManageScreen.Reassign,
                new ReassignData(a1.Id, "Health Visiting", HealthLead.Id, "Health run it", null))),
            Text(await s.InChannelAsync(Chair, CreateScreen.Form, new CreateFormData(auditId, 0))),
            Text(await s.InChannelAsync(Chair, CreateScreen.Create, new CreateActionData(auditId, 0, "A later action",
                "County Police", PoliceLead.Id, "2026-06-30", Measure, null, null))),
        };
        Assert.All(refusals, card => Assert.Contains("is closed, so its action plan can no longer be changed", card,
            StringComparison.Ordinal));

        // Nothing changed, nothing logged; the lead can still read the action.
        var after = await s.ActionsAsync();
        Assert.Equal(before.Select(a => (a.Id, a.Version, a.State)), after.Select(a => (a.Id, a.Version, a.State)));
        Assert.Equal(logged, (await s.LogAsync("action")).Count);
        Assert.Contains(What, Text(await s.InChatAsync(PoliceLead, ProgressScreen.View, new ActionRefData(a1.Id))),
            StringComparison.Ordinal);

        // "my actions" no longer lists them as the lead's to update.
        await host.SayAsync(PoliceLead, BotTestHost.PersonalChat(PoliceLead), "my actions");
        Assert.Contains(PlanScreen.NoActionsTitle, s.ChatCards(PoliceLead)[^1], StringComparison.Ordinal);

        // No reminder before the due date, no overdue notice after it.
        s.Time.Advance(new DateTimeOffset(2026, 5, 28, 8, 0, 0, TimeSpan.Zero) - s.Time.GetUtcNow());
        Assert.Equal(new(0, 0), await s.RunJobsAsync());
        s.Time.Advance(TimeSpan.FromDays(8));
        Assert.Equal(new(0, 0), await s.RunJobsAsync());
        Assert.Equal(logged, (await s.LogAsync("action")).Count);
    }
}

/// <summary>A closed audit's action plan is frozen, on SQLite.</summary>
public sealed class ClosedAuditFreezesItsPlanOnSqlite
{
    [Fact]
    public Task NoUpdateChangeOrReminderAfterTheAuditCloses() => ClosedAuditFreezesItsPlan.RunAsync(null);
}

/// <summary>The same on a real PostgreSQL server.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ClosedAuditFreezesItsPlanOnPostgres(PostgresServerFixture server)
{
    [Fact]
    public async Task NoUpdateChangeOrReminderAfterTheAuditCloses() =>
        await ClosedAuditFreezesItsPlan.RunAsync(await server.CreateDatabaseAsync());
}
