using WorkshopBot.ActionPlans.Domain;
using WorkshopBot.ActionPlans.Teams;
using WorkshopBot.Briefings.Domain;
using static WorkshopBot.Tests.ActionPlans.ActionScenario;

namespace WorkshopBot.Tests.ActionPlans;

/// <summary>
/// The plan starts from exactly what was approved. A representative kept a recommendation naming a mother and her phone
/// number in their return (they may confirm such a warning there); approval of the briefing that states it is refused; the
/// chair edits it out of the "next" box and approves. The plan card and the create form must then never show it, and an
/// agency's undated recommendation with a phone number (never stated in the briefing, so never screened by approval) is
/// not offered either: the plan card is shown in a channel.
/// </summary>
public sealed class KeptRecommendationsAreScreened
{
    private const string Identifying = "HV to call mother Aisha on 07700 900123 by June 2026";
    private const string UndatedIdentifying = "Ring the mother on 07700 900456 about the referral";
    private const string UndatedLine = "Agencies also made 3 single-agency recommendations in their returns (County Police and Health "
        + "Visiting); each agency will take its own forward through its safeguarding plan.";

    [Fact]
    public async Task TheChairsEditIsWhatThePlanListsAndPrefills()
    {
        await using var s = await StartAsync(agencyRecommendations: (UndatedIdentifying, Identifying), chairEdit: WithoutPhoneNumbers);
        var auditId = s.Audit.Id;

        var plan = Text(await s.InChannelAsync(Chair, PlanScreen.OpenPlan, new PlanRefData(auditId)));
        Assert.Contains(PartnershipRecommendation, plan, StringComparison.Ordinal);
        Assert.Contains("Share police interview notes with health within two working days", plan, StringComparison.Ordinal);
        AssertNoIdentifier(plan);
        Assert.Contains("1 recommendation of the approved briefing is not listed: it contains a possible identifier", plan,
            StringComparison.Ordinal);

        // Every number the plan could have given (the kept ones were 5 and 4 before), none fills in what the chair removed.
        for (var number = 0; number <= 6; number++)
        {
            var form = Text(await s.InChannelAsync(Chair, CreateScreen.Form, new CreateFormData(auditId, number)));
            AssertNoIdentifier(form);
        }

        // What the chair left as composed keeps its owner, target and measure.
        var partnership = s.Recommendations.Single(r => r.Text == PartnershipRecommendation);
        Assert.Equal(new DateOnly(2026, 5, 30), partnership.TargetDate);
        Assert.Equal(PartnershipMeasure, partnership.Measure);
        Assert.Equal(3, s.Recommendations.Count);
    }

    [Fact]
    public void AnUndatedOrSixthRecommendationWithAPossibleIdentifierIsNotOffered()
    {
        var dated = Enumerable.Range(1, 5)
            .Select(i => Dated($"Audit {i} more neglect cases with the front door team"))
            .Append(Dated("Call Aisha Khan on 07700 900123 about her son"))
            .Append(Dated("Review the strategy discussion template"))
            .ToList();
        var briefing = Briefed(dated.Take(5).Select(BriefingNextSteps.StatedAs).Append(UndatedLine).ToArray()) with
        {
            Recommendations = dated,
            UndatedRecommendations =
            [
                new UndatedRecommendation(UndatedIdentifying, "Health Visiting"),
                new UndatedRecommendation("Offer reflective supervision on neglect cases", "Health Visiting"),
                new UndatedRecommendation("Check NAI-2026-03-C1 again", "County Police"),
            ],
        };

        var read = BriefingRecommendations.Of(briefing, Identifiers, [CaseReference]);

        Assert.Equal(Enumerable.Range(1, 7), read.Select(r => r.Number));
        Assert.Equal("Review the strategy discussion template", read[5].Text);
        Assert.Equal(new DateOnly(2027, 3, 31), read[5].TargetDate);
        Assert.Equal("Offer reflective supervision on neglect cases", read[6].Text);
        Assert.All(read, r => AssertNoIdentifier(r.Text));
        Assert.DoesNotContain(read, r => r.Text.Contains("NAI-2026", StringComparison.Ordinal));
    }

    [Fact]
    public void ARecommendationTheChairRewroteIsReadAsTheChairWroteIt()
    {
        var dated = new[] { Dated("Audit ten neglect cases"), Dated("Review the referral form") };
        var composed = Briefed(dated.Select(BriefingNextSteps.StatedAs).ToArray()) with { Recommendations = dated };
        var edited = composed.EditBox(BriefingBoxKind.NextSteps, null,
            "Audit twelve neglect cases. Owner: County Police.\n" + BriefingNextSteps.StatedAs(dated[1]), null).ValueOrThrow();

        var read = BriefingRecommendations.Of(edited, Identifiers, []);

        Assert.Equal(["Audit twelve neglect cases.", "Review the referral form"], read.Select(r => r.Text));
        Assert.Equal("County Police", read[0].Owner);
        Assert.Equal(new DateOnly(2027, 3, 31), read[1].TargetDate);
    }

    private static BriefingRecommendation Dated(string text) =>
        new(text, "County Police", new DateOnly(2027, 3, 31), null, RecommendationSource.SingleAgency);

    private static Briefing Briefed(params string[] points) => new(Guid.NewGuid(), "Audit",
        [new BriefingBox(BriefingBoxKind.NextSteps, "What the partnership will do next", null, points, [])], [],
        new BriefingFooter("Anonymised.", new DateOnly(2026, 11, 30), "Contact the partnership."));

    private static Briefing WithoutPhoneNumbers(Briefing briefing)
    {
        var box = briefing.Box(BriefingBoxKind.NextSteps);
        Assert.Contains(box.Points, p => p.Contains("07700 900123", StringComparison.Ordinal));
        return briefing.EditBox(BriefingBoxKind.NextSteps, box.Lead,
            string.Join("\n", box.Points.Where(p => !p.Contains("07700", StringComparison.Ordinal))), null).ValueOrThrow();
    }

    private static void AssertNoIdentifier(string text)
    {
        Assert.DoesNotContain("07700", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Aisha", text, StringComparison.Ordinal);
    }
}
