using Microsoft.Extensions.DependencyInjection;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Common;
using WorkshopBot.Common.Storage;
using WorkshopBot.Storage;
using WorkshopBot.Insights.Domain;
using WorkshopBot.Insights.Storage;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Insights;

/// <summary>
/// The chair can assign an agency some of an audit's cases (a GP practice audits the one baby registered with it): under
/// that agency's filter, "cases audited" (and the audit's row) counts those cases, not every case of the audit, read from
/// the stored audit as the tab reads it. An agency assigned none audits every case.
/// </summary>
public sealed class AnAgencyAuditsOnlyItsAssignedCases
{
    [Fact]
    public async Task UnderAnAgencyFilterCasesAuditedAreTheCasesAssignedToIt()
    {
        await using var host = await BotTestHost.StartAsync(o =>
        {
            o.Settings["Audits:RunJobsInBackground"] = "false";
            o.Settings["Actions:RunJobsInBackground"] = "false";
            o.Settings["Workshop:RunTimerInBackground"] = "false";
        });
        var tenant = BotTestHost.TenantId;
        var at = DateTimeOffset.UtcNow.AddMonths(-3);
        var chair = new PersonRef("seed-chair", "Seed Chair") { TenantId = tenant };
        var first = await SeedAsync(host, chair, at, "Neglect audit", "NEG-2601", cases: 6, gpCases: 1);
        await SeedAsync(host, chair, at.AddDays(7), "Domestic abuse audit", "DA-2601", cases: 4, gpCases: 2);

        var (all, gp, police) = await host.WorkAsync(async services =>
        {
            services.GetRequiredService<UnitOfWork>().ActFor(tenant);
            var facts = await services.GetRequiredService<InsightSources>().ReadAsync(tenant, CancellationToken.None);
            var today = EnglandTime.Today(TimeProvider.System);
            PartnershipView View(string? agency) =>
                PartnershipSummary.Compute(facts, new InsightQuery(today.AddYears(-2), today, null, agency), today);
            return (View(null), View("gp practices"), View("County Police"));
        });

        Assert.Equal((2, 10), (all.AuditsHeld, all.CasesAudited));
        Assert.Equal((2, 3), (gp.AuditsHeld, gp.CasesAudited));
        Assert.Equal(1, gp.PerAudit.Single(a => a.AuditId == first).Cases);
        Assert.Equal((2, 10), (police.AuditsHeld, police.CasesAudited));
    }

    [Fact]
    public void AnAgencyOnlyOwningActionsStillAuditsNoCase()
    {
        var today = new DateOnly(2026, 6, 1);
        var audit = new AuditFacts(Guid.NewGuid(), "Neglect audit", new(2026, 3, 1), 5, ["GP practices", "County Police"], [], [], null)
        {
            AgencyCases = [new("GP practices", 2), new("County Police", 5)],
        };
        var facts = new InsightFactSet([audit],
            [new ActionFacts(audit.Id, "The partnership", ActionStanding.Open, new(2026, 9, 1), [])]);

        var gp = PartnershipSummary.Compute(facts, new InsightQuery(new(2025, 6, 1), today, null, "GP practices"), today);
        var partnership = PartnershipSummary.Compute(facts, new InsightQuery(new(2025, 6, 1), today, null, "The partnership"), today);

        Assert.Equal((1, 2), (gp.AuditsHeld, gp.CasesAudited));
        Assert.Equal((1, 0), (partnership.AuditsHeld, partnership.CasesAudited));
    }

    private static async Task<Guid> SeedAsync(BotTestHost host, PersonRef chair, DateTimeOffset at, string title, string prefix,
        int cases, int gpCases)
    {
        var audit = Audit.Create(Guid.NewGuid(), title, QuestionTemplates.BlankKey, chair, at).ValueOrThrow();
        var refs = new List<CaseReference>();
        for (var c = 1; c <= cases; c++)
        {
            var reference = CaseReference.Create($"{prefix}-C{c}").ValueOrThrow();
            refs.Add(reference);
            Assert.True(audit.AddCase(reference, AgeBand.Under1).Succeeded);
        }

        var gp = audit.AddAgency(AgencyType.Other, "GP practices", new PersonRef("rep-gp", "GP auditor")).ValueOrThrow();
        audit.AddAgency(AgencyType.Police, "County Police", new PersonRef("rep-p", "Police auditor")).ValueOrThrow();
        Assert.True(audit.AssignCases(gp.Id, refs.Take(gpCases).ToList()).Succeeded);
        Assert.True(audit.ScheduleReturnsDue(at.AddDays(20), at).Succeeded);
        Assert.True(audit.Issue(at.AddDays(1)).Succeeded);
        await host.WorkAsync(async services =>
            Assert.True(await services.GetRequiredService<AuditStore>().InsertAuditAsync(audit, CancellationToken.None)));
        return audit.Id;
    }
}
