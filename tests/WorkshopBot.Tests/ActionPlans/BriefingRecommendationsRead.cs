using WorkshopBot.ActionPlans.Domain;
using WorkshopBot.Briefings.Domain;

namespace WorkshopBot.Tests.ActionPlans;

/// <summary>
/// A briefing without recommendations kept as data is read back from its "What the partnership will do next" box; the
/// box's closing line that only counts agencies' undated recommendations must not become a partnership recommendation.
/// </summary>
public sealed class BriefingRecommendationsRead
{
    [Theory]
    [InlineData("County Police also made a single-agency recommendation in its returns and will take it forward through its "
        + "own safeguarding plan.")]
    [InlineData("Agencies also made 3 single-agency recommendations in their returns (County Police and Health Visiting); "
        + "each agency will take its own forward through its safeguarding plan.")]
    public void TheClosingLineAboutUndatedRecommendationsIsNotARecommendation(string closingLine)
    {
        var briefing = WithNextSteps("Repeat the multi-agency audit. Owner: the partnership. Target: June 2027.", closingLine);

        var read = BriefingRecommendations.Of(briefing, ActionScenario.Identifiers, []);

        var only = Assert.Single(read);
        Assert.Equal("Repeat the multi-agency audit.", only.Text);
        Assert.True(only.IsPartnership);
    }

    [Fact]
    public void ARecommendationAboutASafeguardingPlanIsKept()
    {
        var briefing = WithNextSteps("Review the child protection plan template. Owner: County Police. Target: May 2027.",
            "Audit the safeguarding plan. Owner: the partnership. Target: July 2027.");

        Assert.Equal(["County Police", "the partnership"],
            BriefingRecommendations.Of(briefing, ActionScenario.Identifiers, []).Select(r => r.Owner));
    }

    private static Briefing WithNextSteps(params string[] points) => new(Guid.NewGuid(), "Audit",
        [new BriefingBox(BriefingBoxKind.NextSteps, "What the partnership will do next", null, points, [])], [],
        new BriefingFooter("Anonymised.", new DateOnly(2026, 11, 30), "Contact the partnership."));
}
