using WorkshopBot.Audits.Domain;
using WorkshopBot.Briefings.Domain;
using WorkshopBot.Tests.Briefings.SampleAudits;
using WorkshopBot.Workshop.Domain;

namespace WorkshopBot.Tests.Briefings;

/// <summary>
/// The quality checks the sample briefings must pass are real: a briefing fit to publish passes them all, and each
/// deliberately bad briefing (one flaw each) is refused by the check written for that flaw.
/// </summary>
public sealed class BriefingQualityChecksRefuse
{
    private const string Csc = "Children's Social Care", Police = "County Police", Schools = "Secondary schools";

    private static readonly DateOnly Published = new(2026, 5, 6);

    private static readonly BriefingFacts Facts = new(
        [Csc, Police, Schools],
        ["CCE-2026-02-C1", "CCE-2026-02-C2", "CCE-2026-02-C3"],
        [AgeBand.ElevenToFifteen, AgeBand.ElevenToFifteen, AgeBand.SixteenToSeventeen],
        ["Good", "Requires improvement", "Good"],
        AnonymousBoard: false,
        Published);

    private static readonly string TeenMessage =
        "Share concerns about exploitation early, and treat the young person as a victim, not as making choices.";

    [Fact]
    public void NothingInABriefingFitToPublish() => Assert.Empty(Problems(Good()));

    [Fact]
    public void AnEmptyBox()
    {
        var bad = Good().WithBox(Good().Box(BriefingBoxKind.WorkedWell) with { Lead = "No strengths were recorded.", Points = [] });

        Assert.Contains(Problems(bad), p => p == "Empty box: What worked well");
    }

    [Fact]
    public void AFindingThatSaysNothing()
    {
        var bad = With(BriefingBoxKind.CouldImprove,
            "Other: Nothing further to add (raised by 2 agencies: County Police and Secondary schools).");

        Assert.Contains(Problems(bad), p => p.StartsWith("Point that says nothing: Other: Nothing further", StringComparison.Ordinal));
    }

    [Fact]
    public void TwoNearDuplicateFindingsInOneBox()
    {
        var bad = With(BriefingBoxKind.WorkedWell, "Agencies worked together on the plan for the child (County Police).");
        bad = bad.WithBox(bad.Box(BriefingBoxKind.WorkedWell) with
        {
            Points =
            [
                .. bad.Box(BriefingBoxKind.WorkedWell).Points,
                "Several agencies contributed to planning for the child (Secondary schools).",
            ],
        });

        Assert.Contains(Problems(bad), p => p.StartsWith("Near-duplicate findings in \"What worked well\" (the same point",
            StringComparison.Ordinal));
    }

    [Fact]
    public void MoreThan900Words()
    {
        var bad = With(BriefingBoxKind.Background, string.Join(" ", Enumerable.Repeat("word", Briefing.MaxWords)) + ".");

        Assert.Contains(Problems(bad), p => p.EndsWith("words, more than 900.", StringComparison.Ordinal));
    }

    [Fact]
    public void TemplateOrHelpText()
    {
        var bad = With(BriefingBoxKind.Background, "Why this theme: " + QuestionTemplates.Blank.Description);

        var problems = Problems(bad);

        Assert.Contains(problems, p => p == $"Template text: {QuestionTemplates.Blank.Description}");
        Assert.Contains(problems, p => p == "Template text: Why this theme");
    }

    [Theory]
    [InlineData("Posted to 19:4f1a2b3c@thread.tacv2 for the teams.", "Raw id: 19:4f1a2b3c@thread.tacv2")]
    [InlineData("Audit 3f2504e0-4f89-11d3-9a0c-0305e82c3301 was read.", "Raw id: 3f2504e0-4f89-11d3-9a0c-0305e82c3301")]
    [InlineData("Returns came from agency-4 late.", "Raw agency id: agency-4")]
    [InlineData("In cce-2026-02-c2 the plan drifted.", "Case reference: CCE-2026-02-C2")]
    public void ARawIdOrACaseReference(string point, string problem) =>
        Assert.Contains(problem, Problems(With(BriefingBoxKind.Background, point)));

    [Fact]
    public void AThemeLabelOutsideTheTaxonomy()
    {
        var bad = With(BriefingBoxKind.CouldImprove, "General practice: Letters were sent to the wrong address (County Police).");
        var invented = Good().WithBox(Good().Box(BriefingBoxKind.GradesAndFindings) with
        {
            Points = ["Areas for development raised most often (times raised): teamwork (3) and information sharing (2)."],
        });

        Assert.Contains("Label outside the taxonomy: General practice", Problems(bad));
        Assert.Contains("Label outside the taxonomy: teamwork", Problems(invented));
    }

    [Fact]
    public void CountsOutOfOrder()
    {
        var bad = Good().WithBox(Good().Box(BriefingBoxKind.GradesAndFindings) with
        {
            Points = ["Areas for development raised most often (times raised): information sharing (2), neglect (5) and "
                + "race, culture and identity (1)."],
        });

        Assert.Contains("Counts out of order: 2, 5, 1", Problems(bad));
        Assert.DoesNotContain(Problems(bad), p => p.StartsWith("Label outside", StringComparison.Ordinal));
    }

    [Fact]
    public void ANamedFindingWithoutItsAgency()
    {
        var worked = With(BriefingBoxKind.WorkedWell, "Return home interviews were completed within 72 hours.");
        var improve = With(BriefingBoxKind.CouldImprove, "Information sharing: Intelligence did not reach schools (the network).");
        var anonymous = With(BriefingBoxKind.CouldImprove,
            "Information sharing: Intelligence did not reach schools (raised at the workshop).");

        Assert.Contains("Finding without its agency: Return home interviews were completed within 72 hours.", Problems(worked));
        Assert.Contains(Problems(improve), p => p.StartsWith("Finding without its agency", StringComparison.Ordinal));
        Assert.Contains(Problems(anonymous), p => p.StartsWith("Finding without its agency", StringComparison.Ordinal));
        Assert.DoesNotContain(BriefingQualityChecks.Problems(anonymous, Facts with { AnonymousBoard = true }),
            p => p.StartsWith("Finding without its agency", StringComparison.Ordinal));
    }

    [Fact]
    public void ARecommendationWithoutOwnerOrDate()
    {
        var good = Good();
        var noOwner = good with { Recommendations = [good.Recommendations[0] with { Owner = "" }] };
        var past = good with { Recommendations = [good.Recommendations[0] with { TargetDate = Published.AddDays(-1) }] };
        var stated = good.WithBox(good.Box(BriefingBoxKind.NextSteps) with
        {
            Points = ["Share intelligence with schools. Owner: County Police."],
        });
        var none = good.WithBox(good.Box(BriefingBoxKind.NextSteps) with { Points = ["Agencies will act on the findings."] });

        Assert.Contains(Problems(noOwner), p => p.StartsWith("Recommendation without a known owner", StringComparison.Ordinal));
        Assert.Contains(Problems(past),
            p => p.StartsWith("Recommendation without a known owner or a future date", StringComparison.Ordinal));
        Assert.Contains("Recommendation without owner and target month: Share intelligence with schools. Owner: County Police.",
            Problems(stated));
        Assert.Contains("0 recommendations stated for 1 agreed.", Problems(none));
    }

    [Fact]
    public void TheAgenciesRecommendationsAheadOfThePartnerships()
    {
        var good = Good();
        var bad = good with { Recommendations = [good.Recommendations[0] with { Source = RecommendationSource.SingleAgency }] };

        Assert.Contains("The partnership's recommendations do not come first.", Problems(bad));
    }

    [Theory]
    [InlineData("Treat any bruise or injury in a baby who is not yet mobile as a safeguarding concern and follow the local protocol.")]
    [InlineData("Observe young children at play and with their carers, and record what their day is like.")]
    [InlineData("Check on the babies in the household at every visit.")]
    public void APracticeMessageThatDoesNotFitTheAges(string message)
    {
        var bad = Good().WithBox(Good().Box(BriefingBoxKind.DoNow) with { Points = [TeenMessage, message] });

        Assert.Contains($"Practice message that does not fit the ages of the cases: {message}", Problems(bad));
    }

    [Fact]
    public void AGradeLineThatDoesNotAddUp()
    {
        var bad = Good().WithBox(Good().Box(BriefingBoxKind.GradesAndFindings) with
        {
            Lead = "Of 3 cases: 0 outstanding, 1 good, 2 requires improvement, 0 inadequate.",
        });

        Assert.Contains(Problems(bad), p => p.StartsWith("Grade line \"Of 3 cases: 0 outstanding, 1 good", StringComparison.Ordinal));
    }

    private static IReadOnlyList<string> Problems(Briefing briefing) => BriefingQualityChecks.Problems(briefing, Facts);

    private static Briefing With(BriefingBoxKind kind, string point)
    {
        var good = Good();
        return good.WithBox(good.Box(kind) with { Points = [.. good.Box(kind).Points, point] });
    }

    /// <summary>A short briefing written as the composer writes one, fit to publish.</summary>
    private static Briefing Good()
    {
        BriefingBox Box(BriefingBoxKind kind, string lead, IReadOnlyList<string> points, IReadOnlyList<string>? questions = null) =>
            new(kind, BriefingComposer.TitleOf(kind), lead, points, questions ?? []);

        return new Briefing(
            Guid.Parse("00000000-0000-0000-0000-0000000000b7"),
            "7-minute briefing: Adolescents at risk of exploitation",
            [
                Box(BriefingBoxKind.Background, "In April 2026 the partnership audited 3 cases of young people aged 11 to 17.",
                    [$"Agencies taking part (3): {Csc}, {Police} and {Schools}.", "Look-back period: the last 12 months."]),
                Box(BriefingBoxKind.WhyItMatters, "Young people drawn into criminal exploitation are children at risk of harm.", []),
                Box(BriefingBoxKind.WorkedWell, "Strengths agencies recorded and the workshop voted for:",
                    ["Missing episodes were followed up the same day (County Police).",
                        $"The exploitation meeting mapped the network (noted by 2 agencies: {Csc} and {Police})."]),
                Box(BriefingBoxKind.CouldImprove, "The areas for development the audit found, each with its theme:",
                    ["Information sharing: Intelligence did not reach schools (Secondary schools).",
                        "Other: Long waits for CAMHS (Children's Social Care)."]),
                Box(BriefingBoxKind.GradesAndFindings, "Of 3 cases: 0 outstanding, 2 good, 1 requires improvement, 0 inadequate.",
                    ["Areas for development raised most often (times raised): information sharing (3) and "
                        + "harm outside the home and exploitation (2)."]),
                Box(BriefingBoxKind.NextSteps,
                    "The recommendations the partnership agreed at the workshop, each with its owner and target:",
                    ["Share intelligence with schools. Owner: County Police. Target: September 2026. Measure: Schools report it."]),
                Box(BriefingBoxKind.DoNow, "Practice messages for everyone:", [TeenMessage],
                    ["What are your key thoughts?", "What would you do differently?", "How will your team embed this learning?"]),
            ],
            [
                new("outstanding", "Outstanding", 0, 0), new("good", "Good", 2, 4),
                new("requires-improvement", "Requires improvement", 1, 3),
                new("inadequate", "Inadequate", 0, 0),
            ],
            new BriefingFooter("All case details have been removed.", Published, "Contact the QA sub-group."))
        {
            Recommendations =
            [
                new("Share intelligence with schools", Police, new DateOnly(2026, 9, 30), "Schools report it",
                    RecommendationSource.Partnership),
            ],
        };
    }
}
