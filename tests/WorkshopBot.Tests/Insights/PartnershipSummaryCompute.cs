using WorkshopBot.Common;
using WorkshopBot.Insights.Domain;

namespace WorkshopBot.Tests.Insights;

/// <summary>
/// The view's arithmetic on hand-made facts: which audits fall in the period, recurring themes (two or more audits, with
/// those audits), overdue actions (open and past due; one waiting for sign-off is not late), grade distributions per
/// audit and per theme over time (labels best first), and what the theme and agency filters keep (an agency filter keeps
/// the audits the agency took part in).
/// </summary>
public sealed class PartnershipSummaryCompute
{
    private static readonly DateOnly Today = new(2026, 6, 1);

    private static readonly AuditFacts Spring = Audit("Spring audit", new(2025, 4, 10), 2,
        [Themes.Neglect, Themes.InformationSharing], ("Police", "Good", 2), ("Police", "Inadequate", 4), ("Health", "Good", 2));

    private static readonly AuditFacts Autumn = Audit("Autumn audit", new(2025, 10, 5), 3,
        [Themes.InformationSharing, Themes.DomesticAbuse], ("Police", "Requires improvement", 3), ("Health", "Outstanding", 1));

    private static readonly AuditFacts Winter = Audit("Winter audit", new(2026, 1, 20), 1,
        [Themes.Neglect, Themes.InformationSharing], ("Health", "Good", 2));

    private static readonly AuditFacts Old = Audit("Old audit", new(2019, 3, 1), 4, [Themes.DomesticAbuse], ("Police", "Good", 2));

    private static readonly IReadOnlyList<ActionFacts> Actions =
    [
        new(Spring.Id, "Police", ActionStanding.Open, new(2026, 5, 1), [Themes.InformationSharing]),
        new(Spring.Id, " police ", ActionStanding.Open, new(2026, 7, 1), [Themes.InformationSharing]),
        new(Autumn.Id, "Police", ActionStanding.AwaitingSignOff, new(2026, 3, 1), [Themes.DomesticAbuse]),
        new(Autumn.Id, "Health", ActionStanding.Completed, new(2026, 2, 1), [Themes.DomesticAbuse]),
        new(Winter.Id, "Health", ActionStanding.Open, new(2026, 6, 1), [Themes.Neglect]), // due today: not yet late
        new(Old.Id, "Health", ActionStanding.Open, new(2019, 5, 1), [Themes.DomesticAbuse]),
    ];

    private static readonly InsightFactSet Facts = new([Winter, Old, Autumn, Spring], Actions);

    private static readonly InsightQuery LastTwoYears = new(new(2024, 6, 1), Today);

    [Fact]
    public void CountsOnlyTheAuditsHeldInThePeriodOldestFirst()
    {
        var view = PartnershipSummary.Compute(Facts, LastTwoYears, Today);

        Assert.Equal(3, view.AuditsHeld);
        Assert.Equal(6, view.CasesAudited);
        Assert.Equal(6, view.ReturnsGraded);
        Assert.Equal(["Spring audit", "Autumn audit", "Winter audit"], view.PerAudit.Select(a => a.Title));
    }

    [Fact]
    public void RecurringThemesAreThoseOfTwoOrMoreAuditsWithTheAuditsThatRaisedThem()
    {
        var view = PartnershipSummary.Compute(Facts, LastTwoYears, Today);

        Assert.Equal([Themes.InformationSharing, Themes.Neglect], view.Recurring.Select(r => r.Theme));
        Assert.Equal(["Spring audit", "Autumn audit", "Winter audit"], view.Recurring[0].Audits.Select(a => a.Title));
        Assert.Equal("Information sharing", view.Recurring[0].Label);
        Assert.DoesNotContain(view.Recurring, r => r.Theme == Themes.DomesticAbuse);

        var allTime = PartnershipSummary.Compute(Facts, new(new(2018, 1, 1), Today), Today);
        Assert.Contains(allTime.Recurring, r => r.Theme == Themes.DomesticAbuse && r.Audits.Count == 2);
    }

    [Fact]
    public void OverdueIsOpenAndPastDueWhileWaitingForSignOffIsNotLate()
    {
        var view = PartnershipSummary.Compute(Facts, LastTwoYears, Today);

        var police = view.Actions.Single(a => a.Agency == "Police");
        Assert.Equal((2, 1, 1), (police.Open, police.Overdue, police.AwaitingSignOff));
        var health = view.Actions.Single(a => a.Agency == "Health");
        Assert.Equal((1, 0, 1), (health.Open, health.Overdue, health.Completed));
        Assert.Equal("Police", view.Actions[0].Agency);
        Assert.Equal(1, view.OverdueActions);
        Assert.Equal(4, view.OpenActions);
    }

    [Fact]
    public void GradesAreCountedPerAuditAndPerThemeOverTimeBestFirst()
    {
        var view = PartnershipSummary.Compute(Facts, LastTwoYears, Today);

        Assert.Equal(["Outstanding", "Good", "Requires improvement", "Inadequate"], view.Grades.Select(g => g.Label));
        Assert.Equal<int?>([0, 2, 0, 1], view.PerAudit[0].Counts.Select(c => c.Exact));
        Assert.Equal<int?>([1, 0, 1, 0], view.PerAudit[1].Counts.Select(c => c.Exact));
        var sharing = view.PerTheme.Single(t => t.Theme == Themes.InformationSharing);
        Assert.Equal(["2025 Q2", "2025 Q4", "2026 Q1"], sharing.Periods.Select(p => p.Period));
        Assert.Equal([3, 2, 1], sharing.Periods.Select(p => p.Total));

        var longPeriod = PartnershipSummary.Compute(Facts, new(new(2018, 1, 1), Today), Today);
        Assert.Equal(["2019", "2025"], longPeriod.PerTheme.Single(t => t.Theme == Themes.DomesticAbuse).Periods.Select(p => p.Period));
    }

    [Fact]
    public void ThemeFilterKeepsTheAuditsThatRaisedItAndAgencyFilterKeepsThatAgencysGradesAndActions()
    {
        var neglect = PartnershipSummary.Compute(Facts, LastTwoYears with { Theme = Themes.Neglect }, Today);
        Assert.Equal(["Spring audit", "Winter audit"], neglect.PerAudit.Select(a => a.Title));
        Assert.Equal(["Health"], neglect.Actions.Select(a => a.Agency));

        var police = PartnershipSummary.Compute(Facts, LastTwoYears with { Agency = "POLICE" }, Today);
        Assert.Equal(3, police.ReturnsGraded);
        Assert.Equal(["Police"], police.Actions.Select(a => a.Agency));
        Assert.Equal((2, 5), (police.AuditsHeld, police.CasesAudited));
        Assert.Equal(["Health", "Police"], police.Agencies);
    }

    /// <summary>
    /// Police took part in the spring and autumn audits, not the winter one: "audits held", "cases audited", the grades,
    /// the themes over time, the recurring themes and the briefings are of those two audits only. (Every audit of the period
    /// counted before, so the sub-group read "3 audits held" under Police.)
    /// </summary>
    [Fact]
    public void AnAgencyFilterKeepsOnlyTheAuditsTheAgencyTookPartIn()
    {
        var briefed = new InsightFactSet(
            [Spring with { Briefing = new(true, 1, ["MASH"]) }, Autumn, Winter with { Briefing = new(true, 2, ["Early Help"]) }],
            Actions);

        var view = PartnershipSummary.Compute(briefed, LastTwoYears with { Agency = " police" }, Today);

        Assert.Equal((2, 5, 3), (view.AuditsHeld, view.CasesAudited, view.ReturnsGraded));
        Assert.Equal(["Spring audit", "Autumn audit"], view.PerAudit.Select(a => a.Title));
        // The columns are the grades of the audits' returns, every agency's: Police's alone would name its grades.
        Assert.Equal(["Outstanding", "Good", "Requires improvement", "Inadequate"], view.Grades.Select(g => g.Label));
        Assert.Equal([Themes.InformationSharing], view.Recurring.Select(r => r.Theme));
        Assert.Equal(["2025 Q2"], view.PerTheme.Single(t => t.Theme == Themes.Neglect).Periods.Select(p => p.Period));
        Assert.Equal(["Spring audit"], view.Briefings.Select(b => b.Title));
        Assert.Equal("Police", view.AgencyAsRecorded());
        var html = WorkshopBot.Insights.Teams.SummaryHtml.Render(view);
        Assert.Contains("The audits Police took part in, with its own grades and actions only.", html, StringComparison.Ordinal);
    }

    /// <summary>
    /// An agency takes part when the audit named it, graded or not; the partnership takes part in the audits where it
    /// owns an action. An agency named in none of the period's audits is not echoed back.
    /// </summary>
    [Fact]
    public void ANamedAgencyTakesPartWithoutAGradeAndTheViewSaysWhenNoneDid()
    {
        var named = Audit("Named audit", new(2025, 8, 1), 4, [Themes.Neglect]) with { Agencies = ["Schools", "Police"] };
        var facts = new InsightFactSet([named, Winter],
            [new(Winter.Id, "The partnership", ActionStanding.Open, Today, []) { OwnedByPartnership = true }]);

        var schools = PartnershipSummary.Compute(facts, LastTwoYears with { Agency = "schools" }, Today);
        var partnership = PartnershipSummary.Compute(facts, LastTwoYears with { Partnership = true }, Today);
        var unknown = PartnershipSummary.Compute(facts, LastTwoYears with { Agency = "Aisha Rahman" }, Today);
        var otherTheme = PartnershipSummary.Compute(facts, LastTwoYears with { Agency = "Schools", Theme = Themes.DomesticAbuse },
            Today);

        Assert.Equal((1, 4, 0), (schools.AuditsHeld, schools.CasesAudited, schools.ReturnsGraded));
        Assert.Equal(["Winter audit"], partnership.PerAudit.Select(a => a.Title));
        Assert.Equal((1, 0, 0), (partnership.AuditsHeld, partnership.CasesAudited, partnership.ReturnsGraded));
        Assert.Equal(["Health", "Police", "Schools"], schools.Agencies);
        Assert.True(schools.PartnershipTookPart);
        Assert.Equal(0, unknown.AuditsHeld);
        var unknownHtml = WorkshopBot.Insights.Teams.SummaryHtml.Render(unknown);
        Assert.Contains("No agency of that name in the period.", unknownHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("Aisha", unknownHtml, StringComparison.Ordinal);
        Assert.Contains("Schools took part in no audit held in this period that raised this theme.",
            WorkshopBot.Insights.Teams.SummaryHtml.Render(otherTheme), StringComparison.Ordinal);
    }

    /// <summary>
    /// Audits graded on different scales: each scale keeps its order, so "Outstanding" (given only on the Ofsted scale) comes
    /// before "Good" (given only on the two-point scale, where it is the best), and a shared label is one column.
    /// </summary>
    [Fact]
    public void LabelsOfDifferentScalesKeepEachScalesOrder()
    {
        var twoPoint = new AuditFacts(Guid.NewGuid(), "Two-point audit", new(2025, 5, 1), 1, ["Police", "Health"],
            [new GradedReturn("Police", "Good", 1, 2), new GradedReturn("Health", "Requires improvement", 2, 2)], [], null);
        var ofsted = new AuditFacts(Guid.NewGuid(), "Ofsted audit", new(2025, 6, 1), 1, ["Police", "Health", "Schools"],
            [new GradedReturn("Police", "Outstanding", 1, 4), new GradedReturn("Health", "Inadequate", 4, 4),
                new GradedReturn("Schools", "Good", 2, 4)], [], null);
        var rag = new AuditFacts(Guid.NewGuid(), "RAG audit", new(2025, 7, 1), 1, ["Police", "Health"],
            [new GradedReturn("Police", "Green", 1, 3), new GradedReturn("Health", "Red", 3, 3)], [], null);

        var view = PartnershipSummary.Compute(new([twoPoint, ofsted, rag], []), LastTwoYears, Today);

        var labels = view.Grades.Select(g => g.Label).ToList();
        Assert.Equal(["Outstanding", "Good", "Requires improvement", "Inadequate"], labels.Except(["Green", "Red"]));
        Assert.True(labels.IndexOf("Green") < labels.IndexOf("Red"));
        Assert.Equal(6, labels.Count);
        Assert.Equal(1, view.PerAudit.Single(a => a.Title == "Two-point audit").Counts[labels.IndexOf("Good")].Exact);
        Assert.Equal(1, view.PerAudit.Single(a => a.Title == "Ofsted audit").Counts[labels.IndexOf("Good")].Exact);
    }

    /// <summary>
    /// A closed audit's plan is frozen (monitoring is over): the actions it left open are counted apart, neither open work in
    /// hand nor late for ever; its completed ones count as completed.
    /// </summary>
    [Fact]
    public void AnOpenActionOfAClosedAuditIsCountedApartNotOpenNorOverdue()
    {
        var facts = new InsightFactSet([Spring],
            [
                new(Spring.Id, "Police", ActionStanding.Open, new(2026, 5, 1), [Themes.InformationSharing], AuditClosed: true),
                new(Spring.Id, "Police", ActionStanding.AwaitingSignOff, new(2026, 7, 1), [Themes.InformationSharing], AuditClosed: true),
                new(Spring.Id, "Police", ActionStanding.Completed, new(2026, 3, 1), [Themes.InformationSharing], AuditClosed: true),
                new(Spring.Id, "Health", ActionStanding.Open, new(2026, 5, 1), [Themes.InformationSharing]),
            ]);

        var view = PartnershipSummary.Compute(facts, LastTwoYears, Today);

        var police = view.Actions.Single(a => a.Agency == "Police");
        Assert.Equal((0, 0, 0, 2, 1, 3), (police.Open, police.Overdue, police.AwaitingSignOff, police.LeftOpen, police.Completed,
            police.Total));
        Assert.Equal((1, 1), view.Actions.Where(a => a.Agency == "Health").Select(a => (a.Open, a.Overdue)).Single());
        Assert.Equal((1, 1, 2), (view.OpenActions, view.OverdueActions, view.LeftOpenActions));
    }

    /// <summary>
    /// The partnership's own actions and those of an agency named "The partnership" are two rows, by the owner the chair
    /// chose, not one by name.
    /// </summary>
    [Fact]
    public void ThePartnershipsOwnActionsAndAnAgencyOfItsNameAreTwoRows()
    {
        var facts = new InsightFactSet([Spring],
            [
                new(Spring.Id, "The partnership", ActionStanding.Open, new(2026, 7, 1), []) { OwnedByPartnership = true },
                new(Spring.Id, "The partnership", ActionStanding.Open, new(2026, 7, 1), []),
                new(Spring.Id, " the partnership ", ActionStanding.Completed, new(2026, 3, 1), []),
            ]);

        var view = PartnershipSummary.Compute(facts, LastTwoYears, Today);

        Assert.Equal([("The partnership", true, 1, 0), ("The partnership (an agency)", false, 1, 1)],
            view.Actions.Select(a => (a.Agency, a.Partnership, a.Open, a.Completed)).OrderBy(a => a.Agency, StringComparer.Ordinal));
    }

    [Fact]
    public void AnEmptyPeriodGivesZerosNotErrors()
    {
        var view = PartnershipSummary.Compute(Facts, new(new(2022, 1, 1), new(2022, 12, 31)), Today);

        Assert.Equal((0, 0, 0), (view.AuditsHeld, view.CasesAudited, view.ReturnsGraded));
        Assert.Empty(view.Recurring);
        Assert.Empty(view.Actions);
        Assert.Contains("No audits were held", WorkshopBot.Insights.Teams.SummaryHtml.Render(view), StringComparison.Ordinal);
    }

    private static AuditFacts Audit(string title, DateOnly heldOn, int cases, string[] themes,
        params (string Agency, string Grade, int Rank)[] grades) =>
        new(Guid.NewGuid(), title, heldOn, cases, grades.Select(g => g.Agency).Distinct().ToList(),
            grades.Select(g => new GradedReturn(g.Agency, g.Grade, g.Rank, 4)).ToList(), themes, null);
}
