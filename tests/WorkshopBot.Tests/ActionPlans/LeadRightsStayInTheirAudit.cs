using Microsoft.Extensions.DependencyInjection;
using WorkshopBot.ActionPlans.Domain;
using WorkshopBot.ActionPlans.Storage;
using WorkshopBot.ActionPlans.Teams;
using WorkshopBot.Common;
using WorkshopBot.Tests.Storage;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.ActionPlans.ActionScenario;

namespace WorkshopBot.Tests.ActionPlans;

/// <summary>
/// Lead rights through /api/messages, with a second audit of the same tenant chaired by someone else: a chair who names
/// themselves lead of a "County Police" action of their own plan gets neither the other audit's County Police actions
/// nor the other County Police actions of their own plan; a lead's agency rights stay in the audit they lead in; an
/// owner agency that is not the partnership or one of the audit's agencies is refused on create and on reassign; the log
/// names agencies by id; starting and moving a plan are logged.
/// </summary>
internal static class LeadRightsStayInTheirAudit
{
    public static readonly TestUser OtherChair = BotTestHost.User("Second Audit Chair");

    private const string TheirWhat = "Audit every strangulation referral with the health visiting team";
    private const string OwnWhat = "Brief the chair's own police contacts on the protocol";
    private const string SecondWhat = "Publish the joint interview note template";
    private const string Measure = "Every referral is audited within a month";

    public static async Task RunAsync(string? postgres)
    {
        await using var s = await StartAsync(postgres);
        var host = s.Host;
        var (other, _) = await SeedAsync(host, new PersonRef(OtherChair.AadObjectId, OtherChair.Name) { TenantId = BotTestHost.TenantId },
            Start.AddDays(-30));

        // The other chair's plan: a County Police action led by the police lead.
        await s.InChannelAsync(OtherChair, PlanScreen.OpenPlan, new PlanRefData(other.Id));
        Assert.Contains("A1 created", Text(await s.InChannelAsync(OtherChair, CreateScreen.Create, new CreateActionData(other.Id, 0,
            TheirWhat, "County Police", PoliceLead.Id, "2026-06-30", Measure, null, null))), StringComparison.Ordinal);
        var theirs = Assert.Single(await host.WorkAsync(services => ListAsync(services, other.Id)));

        // The chair starts their plan in their 1:1 chat, moves it to the channel, and names themselves lead of a police action.
        await s.InChatAsync(Chair, PlanScreen.OpenPlan, new PlanRefData(s.Audit.Id));
        await s.InChannelAsync(Chair, PlanScreen.OpenPlan, new PlanRefData(s.Audit.Id));
        Assert.Contains("A1 created", Text(await s.InChannelAsync(Chair, CreateScreen.Create, new CreateActionData(s.Audit.Id, 0,
            OwnWhat, " county police", Chair.Id, "2026-06-30", Measure, null, null))), StringComparison.Ordinal);
        var own = Assert.Single(await s.ActionsAsync());
        Assert.Equal("County Police", own.OwnerAgency);

        // Not across audits: "my actions" lists only their own action, and every screen of the other audit's action refuses.
        await host.SayAsync(Chair, BotTestHost.PersonalChat(Chair), "my actions");
        var mine = s.ChatCards(Chair)[^1];
        Assert.Contains(OwnWhat, mine, StringComparison.Ordinal);
        Assert.DoesNotContain(TheirWhat, mine, StringComparison.Ordinal);
        foreach (var verb in new[] { ProgressScreen.View, ProgressScreen.UpdateForm, ProgressScreen.EvidenceForm, ManageScreen.Manage })
        {
            var refused = Text(await s.InChatAsync(Chair, verb, new ActionRefData(theirs.Id)));
            Assert.Contains(ActionGuard.NotYoursTitle, refused, StringComparison.Ordinal);
            Assert.DoesNotContain(TheirWhat, refused, StringComparison.Ordinal);
        }

        Assert.Contains(ActionGuard.NotYoursTitle, Text(await s.InChatAsync(Chair, ProgressScreen.Update,
            new ProgressData(theirs.Id, "Red", "Taken over", null))), StringComparison.Ordinal);
        Assert.Contains(ActionGuard.NotYoursTitle, Text(await s.InChatAsync(Chair, ProgressScreen.SubmitEvidence,
            new EvidenceData(theirs.Id, "Done", null))), StringComparison.Ordinal);
        var untouched = Assert.Single(await host.WorkAsync(services => ListAsync(services, other.Id)));
        Assert.Equal((ActionState.Open, 0, theirs.Version), (untouched.State, untouched.Updates.Count, untouched.Version));

        // The police lead leads County Police in the other audit only: the chair's County Police action is not theirs.
        Assert.Contains(ActionGuard.NotYoursTitle, Text(await s.InChatAsync(PoliceLead, ProgressScreen.View, new ActionRefData(own.Id))),
            StringComparison.Ordinal);

        // In the chair's own plan: a second County Police action led by the police lead. The chair does not lead it (they
        // chair the plan); the police lead, not the chair, now leads the plan's County Police actions, the chair's one too.
        Assert.Contains("A2 created", Text(await s.InChannelAsync(Chair, CreateScreen.Create, new CreateActionData(s.Audit.Id, 0,
            SecondWhat, "County Police", PoliceLead.Id, "2026-06-30", Measure, null, null))), StringComparison.Ordinal);
        var second = (await s.ActionsAsync()).Single(a => a.Number == 2);
        Assert.Contains("For the action", Text(await s.InChatAsync(Chair, ProgressScreen.Update,
            new ProgressData(second.Id, "Green", "Done by the chair", null))), StringComparison.Ordinal);
        Assert.Empty((await s.ActionsAsync()).Single(a => a.Number == 2).Updates);
        Assert.Contains("Status saved", Text(await s.InChatAsync(PoliceLead, ProgressScreen.Update,
            new ProgressData(own.Id, "Amber", "Police contacts booked", null))), StringComparison.Ordinal);

        // Owner agencies come from the audit: a forged one is refused on create and on reassign, nothing saved.
        var forged = Text(await s.InChannelAsync(Chair, CreateScreen.Create, new CreateActionData(s.Audit.Id, 0,
            OwnWhat, "Neighbouring County Police", Chair.Id, "2026-06-30", Measure, null, null)));
        Assert.Contains(OwnerAgencies.NotListed, forged, StringComparison.Ordinal);
        Assert.Equal(2, (await s.ActionsAsync()).Count);
        var reassign = Text(await s.InChannelAsync(Chair, ManageScreen.Reassign,
            new ReassignData(second.Id, "Neighbouring County Police", HealthLead.Id, "Moving it", null)));
        Assert.Contains(OwnerAgencies.NotListed, reassign, StringComparison.Ordinal);
        var kept = (await s.ActionsAsync()).Single(a => a.Number == 2);
        Assert.Equal(("County Police", PoliceLead.AadObjectId), (kept.OwnerAgency, kept.Lead.Person.UserId));
        Assert.Contains("Saved. The lead is told.", Text(await s.InChannelAsync(Chair, ManageScreen.Reassign,
            new ReassignData(second.Id, "Health Visiting", HealthLead.Id, "Health own the template", null))), StringComparison.Ordinal);

        // The log names owner agencies by the audit's ids, not as text; the plans' start and move are logged.
        var actionLog = await s.LogAsync("action");
        var created = actionLog.Where(e => e.Action == "action.created").Select(e => e.DetailJson ?? "").ToList();
        Assert.Equal(3, created.Count);
        Assert.All(created, d => Assert.Contains("\"agency\":\"agency-1\"", d, StringComparison.Ordinal));
        var moved = Assert.Single(actionLog, e => e.Action == "action.reassigned").DetailJson ?? "";
        Assert.Contains("\"from\":\"agency-1\"", moved, StringComparison.Ordinal);
        Assert.Contains("\"to\":\"agency-2\"", moved, StringComparison.Ordinal);
        Assert.All(actionLog, e => Assert.DoesNotContain("Police", e.DetailJson ?? "", StringComparison.OrdinalIgnoreCase));
        var planLog = (await s.LogAsync("audit")).Where(e => e.Action.StartsWith("action-plan.", StringComparison.Ordinal)).ToList();
        Assert.Equal(["action-plan.started", "action-plan.moved"],
            planLog.Where(e => e.SubjectId == s.Audit.Id.ToString("D")).OrderBy(e => e.Id).Select(e => e.Action));
        Assert.Equal(Chair.AadObjectId, planLog.First(e => e.SubjectId == s.Audit.Id.ToString("D")).ActorId);
        Assert.Equal("action-plan.started", Assert.Single(planLog, e => e.SubjectId == other.Id.ToString("D")).Action);
    }

    private static Task<IReadOnlyList<PlannedAction>> ListAsync(IServiceProvider services, Guid auditId) =>
        services.GetRequiredService<ActionStore>().ListForAuditAsync(auditId, BotTestHost.TenantId, CancellationToken.None);
}

/// <summary>Lead rights within one audit, and owner agencies from the audit, on SQLite.</summary>
public sealed class LeadRightsStayInTheirAuditOnSqlite
{
    [Fact]
    public Task AChairNamingThemselvesLeadGainsNoAgencyAndForgedAgenciesAreRefused() => LeadRightsStayInTheirAudit.RunAsync(null);
}

/// <summary>The same on a real PostgreSQL server.</summary>
[Collection(PostgresCollection.Name)]
public sealed class LeadRightsStayInTheirAuditOnPostgres(PostgresServerFixture server)
{
    [Fact]
    public async Task AChairNamingThemselvesLeadGainsNoAgencyAndForgedAgenciesAreRefused() =>
        await LeadRightsStayInTheirAudit.RunAsync(await server.CreateDatabaseAsync());
}
