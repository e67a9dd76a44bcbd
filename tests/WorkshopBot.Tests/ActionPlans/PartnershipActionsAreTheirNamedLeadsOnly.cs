using WorkshopBot.ActionPlans.Domain;
using WorkshopBot.ActionPlans.Teams;
using WorkshopBot.Common;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.ActionPlans.ActionScenario;

namespace WorkshopBot.Tests.ActionPlans;

/// <summary>
/// The partnership itself owns actions too ("The partnership"), each led by someone of a different agency. It is no agency
/// whose leads share its actions: leading one partnership action gives no sight of, and no say in, the plan's other
/// partnership actions (not in <c>my actions</c>, not on any lead screen, not on a change); each is its named lead's. An
/// agency's leads still share their agency's actions.
/// </summary>
public sealed class PartnershipActionsAreTheirNamedLeadsOnly
{
    private const string PoliceWhat = "Run joint training on strangulation";
    private const string HealthWhat = "Publish a multi-agency escalation guide";
    private const string Measure = "Every referral is audited within a month";

    [Fact]
    public async Task LeadingOnePartnershipActionGivesNoOtherPartnershipAction()
    {
        await using var s = await StartAsync();
        await s.InChannelAsync(Chair, PlanScreen.OpenPlan, new PlanRefData(s.Audit.Id));
        Assert.Contains("A1 created", Text(await s.InChannelAsync(Chair, CreateScreen.Create, new CreateActionData(s.Audit.Id, 0,
            PoliceWhat, "The partnership", PoliceLead.Id, "2026-06-30", Measure, null, null))), StringComparison.Ordinal);
        Assert.Contains("A2 created", Text(await s.InChannelAsync(Chair, CreateScreen.Create, new CreateActionData(s.Audit.Id, 0,
            HealthWhat, "The partnership", HealthLead.Id, "2026-06-30", Measure, null, null))), StringComparison.Ordinal);
        var healths = (await s.ActionsAsync()).Single(a => a.Number == 2);

        await s.Host.SayAsync(PoliceLead, BotTestHost.PersonalChat(PoliceLead), "my actions");
        var mine = s.ChatCards(PoliceLead)[^1];
        Assert.Contains(PoliceWhat, mine, StringComparison.Ordinal);
        Assert.DoesNotContain(HealthWhat, mine, StringComparison.Ordinal);

        foreach (var verb in new[] { ProgressScreen.View, ProgressScreen.UpdateForm, ProgressScreen.EvidenceForm })
        {
            var refused = Text(await s.InChatAsync(PoliceLead, verb, new ActionRefData(healths.Id)));
            Assert.Contains(ActionGuard.NotYoursTitle, refused, StringComparison.Ordinal);
            Assert.DoesNotContain(HealthWhat, refused, StringComparison.Ordinal);
        }

        Assert.Contains(ActionGuard.NotYoursTitle, Text(await s.InChatAsync(PoliceLead, ProgressScreen.Update,
            new ProgressData(healths.Id, "Red", "Police says stuck", null))), StringComparison.Ordinal);
        Assert.Contains(ActionGuard.NotYoursTitle, Text(await s.InChatAsync(PoliceLead, ProgressScreen.SubmitEvidence,
            new EvidenceData(healths.Id, "Done by police", null))), StringComparison.Ordinal);
        var untouched = (await s.ActionsAsync()).Single(a => a.Number == 2);
        Assert.Equal((ActionState.Open, 0, healths.Version), (untouched.State, untouched.Updates.Count, untouched.Version));
        Assert.DoesNotContain(await s.LogAsync("action"),
            e => e.SubjectId == healths.Id.ToString("D") && e.ActorId == PoliceLead.AadObjectId);

        // Each named lead still works on their own partnership action.
        Assert.Contains("Status saved", Text(await s.InChatAsync(PoliceLead, ProgressScreen.Update,
            new ProgressData((await s.ActionsAsync()).Single(a => a.Number == 1).Id, "Green", "Training booked", null))),
            StringComparison.Ordinal);
        Assert.Contains("Status saved", Text(await s.InChatAsync(HealthLead, ProgressScreen.Update,
            new ProgressData(healths.Id, "Amber", "Guide drafted", null))), StringComparison.Ordinal);
    }

    [Fact]
    public void APartnershipActionMakesNobodyALeadOfTheOthersWhileAnAgencysStillDoes()
    {
        var now = new DateTimeOffset(2026, 4, 14, 9, 0, 0, TimeSpan.Zero);
        var chair = new PersonRef("chair-1", "Casey Chair") { TenantId = "tenant-1" };
        var police = new PersonRef("lead-police", "Police Lead") { TenantId = "tenant-1" };
        var health = new PersonRef("lead-health", "Health Lead") { TenantId = "tenant-1" };
        var auditId = Guid.NewGuid();
        PlannedAction Action(int number, string owner, PersonRef lead) => PlannedAction.Create(Guid.NewGuid(), "tenant-1", auditId,
            "Audit", number, new ActionDraft("Do it", owner, new ActionLead(lead, null), new DateOnly(2026, 6, 1), "Measure", [], null)
            {
                PartnershipOwned = owner == PlannedAction.PartnershipOwner,
            }, chair, now).ValueOrThrow();
        var policesPartnership = Action(1, PlannedAction.PartnershipOwner, police);
        var healthsPartnership = Action(2, PlannedAction.PartnershipOwner, health);
        var policesAgency = Action(3, "County Police", police);
        var healthsPolice = Action(4, "County Police", health);
        var plan = ActionPlan.Start(auditId, "tenant-1", "Audit", chair, null, "https://smba.example.org/", "19:qa@thread.tacv2", now);

        var viewer = ActionViewer.Of(police, false, [policesPartnership, healthsPartnership, policesAgency, healthsPolice], [plan],
            new Dictionary<Guid, PersonRef> { [auditId] = chair });

        Assert.True(policesPartnership.IsPartnershipOwned);
        Assert.False(ActionViewer.GrantsAgency(policesPartnership, police));
        Assert.True(viewer.Leads(policesPartnership));
        Assert.False(viewer.Leads(healthsPartnership));
        Assert.False(viewer.MaySee(healthsPartnership, plan));
        Assert.True(viewer.Leads(healthsPolice));
        Assert.Empty(viewer.OtherGrants(healthsPartnership));
        // However the agencies were gathered (a change re-reads them), a partnership action is never led through them.
        Assert.False(ActionViewer.Leads(healthsPartnership, police,
            new HashSet<AgencyInAudit> { new(auditId, healthsPartnership.AgencyKey) }));
    }
}
