using WorkshopBot.ActionPlans.Domain;
using WorkshopBot.Briefings.Domain;
using static WorkshopBot.Tests.ActionPlans.ActionScenario;

namespace WorkshopBot.Tests.ActionPlans;

/// <summary>
/// A briefing approved today is read back by the action plan long after, perhaps by a release whose composer words a
/// recommendation's point or the undated closing line differently. The plan must still find each stated point's
/// recommendation (owner, target, measure as data) and still know the closing line for a summary: both are kept as
/// composed. A briefing stored before they were kept is read by today's wording, as before.
/// </summary>
public sealed class PlanPointsOutliveTheComposersWording
{
    private const string OlderSummary = "Three more recommendations from agencies' returns go to their own safeguarding plans.";

    [Fact]
    public void PointsWordedByAnEarlierComposerKeepTheirRecommendations()
    {
        var audit = Kept("Audit ten neglect cases", "Audit ten neglect cases (owner County Police, by March 2027)");
        var review = Kept("Review the referral form", "Review the referral form (owner County Police, by March 2027)");
        var briefing = Briefed(audit.Point!, review.Point!, OlderSummary) with
        {
            Recommendations = [audit, review],
            UndatedRecommendations = [new UndatedRecommendation("Offer reflective supervision", "Health Visiting")],
            UndatedSummary = OlderSummary,
        };

        var read = BriefingRecommendations.Of(briefing, Identifiers, []);

        Assert.Equal(["Audit ten neglect cases", "Review the referral form", "Offer reflective supervision"], read.Select(r => r.Text));
        Assert.All(read.Take(2), r => Assert.Equal(new DateOnly(2027, 3, 31), r.TargetDate));
        Assert.All(read.Take(2), r => Assert.Equal("Five of ten cases seen within a week", r.Measure));
        Assert.Equal([1, 2, 3], read.Select(r => r.Number));
    }

    [Fact]
    public void ABriefingStoredBeforeThePointsWereKeptIsReadByTodaysWording()
    {
        var dated = Kept("Audit ten neglect cases", point: null);
        var today = BriefingNextSteps.StatedAs(dated);
        var line = "Agencies also made 2 single-agency recommendations in their returns (County Police); each agency will take its own "
            + "forward through its safeguarding plan.";
        var briefing = Briefed(today, line) with
        {
            Recommendations = [dated],
            UndatedRecommendations = [new UndatedRecommendation("Offer reflective supervision", "County Police")],
        };

        var read = BriefingRecommendations.Of(briefing, Identifiers, []);

        Assert.Equal(["Audit ten neglect cases", "Offer reflective supervision"], read.Select(r => r.Text));
        Assert.Equal("Five of ten cases seen within a week", read[0].Measure);
    }

    private static BriefingRecommendation Kept(string text, string? point) =>
        new(text, "County Police", new DateOnly(2027, 3, 31), "Five of ten cases seen within a week", RecommendationSource.Partnership)
        {
            Point = point,
        };

    private static Briefing Briefed(params string[] points) => new(Guid.NewGuid(), "Audit",
        [new BriefingBox(BriefingBoxKind.NextSteps, "What the partnership will do next", null, points, [])], [],
        new BriefingFooter("Anonymised.", new DateOnly(2026, 11, 30), "Contact the partnership."));
}
