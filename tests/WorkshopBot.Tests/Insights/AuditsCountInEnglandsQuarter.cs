using WorkshopBot.Audits.Domain;
using WorkshopBot.Common;
using WorkshopBot.Insights.Domain;
using WorkshopBot.Insights.Storage;

namespace WorkshopBot.Tests.Insights;

/// <summary>
/// The day an audit was held is England's (Europe/London): one issued at 00:30 BST on 1 July (23:30 UTC on 30 June)
/// was held in July and counts in the third quarter, not the second.
/// </summary>
public sealed class AuditsCountInEnglandsQuarter
{
    [Fact]
    public void AnAuditIssuedJustAfterMidnightBstOnTheFirstOfJulyCountsInJulyAndQ3()
    {
        var issued = new DateTimeOffset(2026, 6, 30, 23, 30, 0, TimeSpan.Zero);
        var chair = new PersonRef("seed-chair", "Seed Chair");
        var audit = Audit.Create(Guid.NewGuid(), "Neglect audit", QuestionTemplates.BlankKey, chair, issued.AddDays(-10)).ValueOrThrow();
        Assert.True(audit.AddCase(CaseReference.Create("AUD-2607-C1").ValueOrThrow(), AgeBand.Under1).Succeeded);
        audit.AddAgency(AgencyType.Other, "Police", new PersonRef("rep-police", "Police auditor")).ValueOrThrow();
        Assert.True(audit.ScheduleReturnsDue(issued.AddDays(20), issued.AddDays(-10)).Succeeded);
        Assert.True(audit.Issue(issued).Succeeded);

        var heldOn = InsightSources.HeldOn(audit);

        Assert.Equal(new DateOnly(2026, 7, 1), heldOn);
        Assert.Equal("2026 Q3", PartnershipSummary.PeriodOf(heldOn, quarterly: true));
        var facts = new InsightFactSet([new AuditFacts(audit.Id, audit.Title, heldOn, 1, ["Police"], [], [Themes.Neglect], null)], []);
        var july = PartnershipSummary.Compute(facts, new(new(2026, 7, 1), new(2026, 9, 30)), new(2026, 10, 1));
        Assert.Equal(1, july.AuditsHeld);
        var june = PartnershipSummary.Compute(facts, new(new(2026, 4, 1), new(2026, 6, 30)), new(2026, 10, 1));
        Assert.Equal(0, june.AuditsHeld);
    }
}
