using WorkshopBot.Audits.Domain;
using WorkshopBot.Briefings.Domain;
using WorkshopBot.Common;
using WorkshopBot.Workshop.Domain;

namespace WorkshopBot.Tests.Briefings;

/// <summary>The briefing reads as the partnership wrote it: the defects found on real audit material, one test each.</summary>
public sealed class BriefingComposerWording
{
    private static readonly DateTimeOffset At = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void BlankToolGivesTheChairsQuestionsAsAimsAndNoHelpText()
    {
        var audit = BlankAuditWithOwnQuestions();

        var briefing = Compose(BriefingSource.From(audit, [], null));

        var text = briefing.FullText();
        Assert.DoesNotContain(QuestionTemplates.Blank.Description, text, StringComparison.Ordinal);
        Assert.DoesNotContain("Why this theme", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Blank", text, StringComparison.Ordinal);
        var background = briefing.Box(BriefingBoxKind.Background);
        Assert.Contains("4 cases of children aged 1 to 15", background.Lead, StringComparison.Ordinal);
        Assert.Contains(background.Points, p => p.StartsWith("The audit asked: Were children's disclosures recorded in their own words?",
            StringComparison.Ordinal));
        Assert.Contains(background.Points, p => p.Contains("Did agencies share concerns with CSC the same day?", StringComparison.Ordinal));
        Assert.Equal("7-minute briefing: Child sexual abuse within the family", briefing.Title);
    }

    [Fact]
    public void TemplateAuditStatesTheAreasItLookedAt()
    {
        var audit = Audit.Create(Guid.NewGuid(), "Neglect audit", "neglect", Chair, At).ValueOrThrow();

        var background = Compose(BriefingSource.From(audit, [], null)).Box(BriefingBoxKind.Background);

        var aims = Assert.Single(background.Points, p => p.StartsWith("The audit looked at ", StringComparison.Ordinal));
        Assert.Contains(QuestionTemplates.Neglect.Sections[0].Title.ToLowerInvariant()[1..], aims, StringComparison.Ordinal);
        Assert.DoesNotContain(QuestionTemplates.Neglect.Description, Compose(BriefingSource.From(audit, [], null)).FullText(),
            StringComparison.Ordinal);
    }

    [Fact]
    public void UntaggedImprovementIsOtherNotAnInventedLabel()
    {
        var source = Source(returns: [Return("Police", development: "The paperwork arrived in a format nobody could open.")]);

        var improve = Compose(source).Box(BriefingBoxKind.CouldImprove).Points;

        Assert.Equal("Other: The paperwork arrived in a format nobody could open (Police).", Assert.Single(improve));
        Assert.DoesNotContain("General practice", Compose(source).FullText(), StringComparison.Ordinal);
    }

    [Fact]
    public void ThemesAreCountedInOrderOfFrequencyWhateverTheDots()
    {
        var source = Source(
            returns:
            [
                Return("Police", development: "Information about the father was not shared with the school."),
                Return("School", development: "No chronology was kept of the concerns."),
                Return("GP", development: "The history of earlier concerns was not read."),
                Return("Health visiting", development: "Chronologies were missing from the records."),
            ],
            ideas: [new RankedIdea("Fathers were not seen", IdeaBoardKind.CouldImprove, 20, 1, "Police", Themes.FathersAndMales, null)]);

        var points = Compose(source).Box(BriefingBoxKind.GradesAndFindings).Points;
        var line = Assert.Single(points, p => p.StartsWith("Areas for", StringComparison.Ordinal));

        Assert.Equal("Areas for development raised most often (times raised): chronologies and use of history (3) and engaging fathers "
            + "and significant males (2).", line);
    }

    [Fact]
    public void AcronymsAreCasedAsPractitionersWriteThem()
    {
        var source = Source(returns:
        [
            Return("Police", development: "The cp medical and the icpc were late; camhs and the gps were not told, nor was a&e."),
        ]);

        var text = Compose(source).FullText();

        Assert.Contains("The CP medical and the ICPC were late; CAMHS and the GPs were not told, nor was A&E", text,
            StringComparison.Ordinal);
        Assert.Contains("strategy meetings and CP medicals", text, StringComparison.Ordinal);
        Assert.DoesNotContain(" cp ", text, StringComparison.Ordinal);
    }

    [Fact]
    public void NearDuplicatesAreMergedSayingHowManyAgenciesMadeThem()
    {
        var source = Source(returns:
        [
            Return("Children's Social Care", good: "Agencies worked together on the plan for the child."),
            Return("School", good: "Several agencies contributed to planning for the child."),
            Return("GP", good: "Multi-agency planning for the child was joint and clear."),
        ]);

        var worked = Compose(source).Box(BriefingBoxKind.WorkedWell).Points;

        Assert.Equal("Agencies worked together on the plan for the child (noted by 3 agencies: Children's Social Care, GP and School).",
            Assert.Single(worked));
    }

    [Fact]
    public void EveryNamedPointNamesItsAgency()
    {
        var source = Source(ideas:
        [
            new RankedIdea("Strategy discussions were held the same day", IdeaBoardKind.WorkedWell, 5, 1, "Police", null, null),
            new RankedIdea("Nobody owned the plan after the conference", IdeaBoardKind.CouldImprove, 4, 1, null, null, null),
        ]);

        var briefing = Compose(source);

        Assert.Equal("Strategy discussions were held the same day (Police).",
            Assert.Single(briefing.Box(BriefingBoxKind.WorkedWell).Points));
        Assert.EndsWith("(raised at the workshop).", Assert.Single(briefing.Box(BriefingBoxKind.CouldImprove).Points),
            StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { AgeBand.OneToFour, AgeBand.FiveToTen, AgeBand.ElevenToFifteen, AgeBand.ElevenToFifteen })]
    [InlineData(new[] { AgeBand.ElevenToFifteen, AgeBand.SixteenToSeventeen })]
    public void NoBabiesMessageForAnAuditWithoutBabies(AgeBand[] ages)
    {
        var source = Source(returns:
        [
            Return("Police", development: "Bruising was not referred for a medical."),
            Return("School", development: "The voice of the child was missing from the records."),
        ]) with { TemplateKey = "nai", ThemeName = "Physical abuse" };
        source = source with { CaseAges = ages };

        var messages = Compose(source).Box(BriefingBoxKind.DoNow).Points;

        Assert.NotEmpty(messages);
        Assert.All(messages, m => Assert.DoesNotContain("bab", m, StringComparison.OrdinalIgnoreCase));
        Assert.All(messages, m => Assert.True(PracticeMessages.Find(m)!.FitsAny(ages), m));
    }

    [Fact]
    public void BabiesGetTheBabiesMessages()
    {
        var source = Source(returns: [Return("Police", development: "The voice of the child was missing from the records.")])
            with { TemplateKey = "nai", CaseAges = [AgeBand.Under1, AgeBand.Under1, AgeBand.OneToFour] };

        var messages = Compose(source).Box(BriefingBoxKind.DoNow).Points;

        Assert.StartsWith("For a baby, the voice of the child", messages[0], StringComparison.Ordinal);
        Assert.Contains(messages, m => m.Contains("not yet mobile", StringComparison.Ordinal));
    }

    /// <summary>A year in another script's digits is no target date, and no reason for the briefing to fail.</summary>
    [Fact]
    public void ARecommendationWithAYearInAnotherScriptsDigitsComposes()
    {
        const string Recommendation = "Refresh training on the bruising protocol by June \u09E8\u09E6\u09E8\u09EC.";
        var source = Source(returns: [Return("Police", recommendation: Recommendation)]);

        var briefing = Compose(source);

        Assert.DoesNotContain(briefing.Box(BriefingBoxKind.DoNow).Points, p => p.Contains("Target: June", StringComparison.Ordinal));
    }

    [Fact]
    public void PartnershipRecommendationsComeFirstAndUndatedOnesAreNotStatedAsRecommendations()
    {
        var source = Source(returns:
        [
            Return("Police", recommendation: "Refresh training on the bruising protocol by June 2026."),
            Return("GP", recommendation: "Code safeguarding concerns consistently."),
        ]) with
        {
            Recommendations =
            [
                new WorkshopRecommendation("r1", "Share cp medical outcomes with the GP within five working days", "agency-1",
                    "Children's Social Care", new DateOnly(2026, 9, 30), "A dip sample of 20 cases shows outcomes shared in time",
                    "chair", At),
            ],
        };

        var briefing = Compose(source);
        var next = briefing.Box(BriefingBoxKind.NextSteps).Points;

        Assert.Equal("Share CP medical outcomes with the GP within five working days. Owner: Children's Social Care. "
            + "Target: September 2026. Measure: A dip sample of 20 cases shows outcomes shared in time.", next[0]);
        Assert.Equal("Refresh training on the bruising protocol. Owner: Police. Target: June 2026.", next[1]);
        Assert.Equal("GP also made a single-agency recommendation in its returns and will take it forward through its own safeguarding "
            + "plan.", next[2]);
        Assert.Equal(
            [RecommendationSource.Partnership, RecommendationSource.SingleAgency], briefing.Recommendations.Select(r => r.Source));
        Assert.Equal(new DateOnly(2026, 6, 30), briefing.Recommendations[1].TargetDate);
        Assert.All(briefing.Recommendations, r => Assert.False(string.IsNullOrWhiteSpace(r.Owner)));

        // What the box states is kept with the briefing, as the action plan reads it back whatever a later composer writes.
        Assert.Equal(next.Take(2), briefing.Recommendations.Select(r => r.Point));
        Assert.Equal(next[2], briefing.UndatedSummary);
    }

    [Fact]
    public void WithoutRecommendationsNoDefaultTargetIsInvented()
    {
        var next = Compose(Source()).Box(BriefingBoxKind.NextSteps);

        Assert.Empty(next.Points);
        Assert.DoesNotContain("Target", next.Lead, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cp medical and icpc", "CP medical and ICPC")]
    [InlineData("GPs and gp practices; a&e", "GPs and GP practices; A&E")]
    [InlineData("Send the camhs referral", "Send the CAMHS referral")]
    [InlineData("the mash and csc", "the MASH and CSC")]
    [InlineData("cspd and cpd", "cspd and cpd")]
    public void AcronymsFixOnlyWholeWords(string typed, string expected) => Assert.Equal(expected, Acronyms.Fix(typed));

    [Fact]
    public void ReturnsThatSayNothingAreNotFindings()
    {
        // Found by the sample audits: "Other: Nothing further to add (raised by 7 agencies, ...)" as an area for development.
        var source = Source(returns:
        [
            Return("Police", good: "None.", development: "Nothing further to add.", recommendation: "N/A"),
            Return("School", development: "nothing to add"),
            Return("GP", good: "No concerns identified", development: "The GP was not told the outcome.",
                recommendation: "Not applicable."),
        ]);

        var briefing = Compose(source);

        Assert.Equal("Information sharing: The GP was not told the outcome (GP).",
            Assert.Single(briefing.Box(BriefingBoxKind.CouldImprove).Points));
        Assert.Empty(briefing.Box(BriefingBoxKind.WorkedWell).Points);
        Assert.Empty(briefing.Recommendations);
        Assert.DoesNotContain(briefing.Box(BriefingBoxKind.NextSteps).Points, p => p.Contains("single-agency", StringComparison.Ordinal));
        Assert.False(BriefingText.SaysNothing("Nothing was done when the school raised concerns."));
    }

    [Theory]
    [InlineData("Explanations were given to the family in writing.", null)]
    [InlineData("Explanations for injuries were accepted too readily.", Themes.OverOptimisticAssessment)]
    [InlineData("Support for women in refuges was good.", null)]
    [InlineData("Stepping up to a child protection conference took too long.", Themes.StepUpStepDown)]
    [InlineData("Decisions were not recorded.", Themes.RecordingAndDecisions)]
    [InlineData("Fathers were not seen; men in the household were not checked.", Themes.FathersAndMales)]
    public void ThemeCuesStartAWordNeverSitInsideOne(string finding, string? theme)
    {
        // Found by the sample audits: "Explanations ..." was tagged "Recording and decision-making" for the "plan" inside it.
        Assert.Equal(theme, ThemeInference.Infer(finding));
    }

    private static readonly PersonRef Chair = new("chair-oid", "QA Chair");

    private static Briefing Compose(BriefingSource source) => BriefingFixtures.Composer.Compose(source, BriefingFixtures.PublicationDate);

    private static ReturnLearning Return(string agency, string? good = null, string? development = null, string? recommendation = null) =>
        new("CSA-2026-01-C1", agency.ToLowerInvariant(), agency, good, development, recommendation, null);

    private static BriefingSource Source(IReadOnlyList<ReturnLearning>? returns = null, IReadOnlyList<RankedIdea>? ideas = null) =>
        new(Guid.Parse("00000000-0000-0000-0000-0000000000a1"), "Audit", "Audit", "blank", ["CSA-2026-01-C1"],
            ["Police", "School", "GP"], "the last 12 months", BriefingFixtures.Workshop, GradeScales.OfstedFourPoint, returns ?? [],
            ideas ?? [], []);

    private static Audit BlankAuditWithOwnQuestions()
    {
        var audit = Audit.Create(Guid.NewGuid(), "Child sexual abuse within the family", "blank", Chair, At).ValueOrThrow();
        var section = audit.AddSection("Recognising and responding").ValueOrThrow();
        audit.AddQuestion(section.Id, new QuestionDraft("Were children's disclosures recorded in their own words?")).ValueOrThrow();
        audit.AddQuestion(section.Id, new QuestionDraft("Did your agency share concerns with csc the same day?")).ValueOrThrow();
        string[] refs = ["CSA-2026-01-C1", "CSA-2026-01-C2", "CSA-2026-01-C3", "CSA-2026-01-C4"];
        AgeBand[] ages = [AgeBand.OneToFour, AgeBand.FiveToTen, AgeBand.ElevenToFifteen, AgeBand.ElevenToFifteen];
        for (var i = 0; i < refs.Length; i++)
        {
            Assert.True(audit.AddCase(CaseReference.Create(refs[i]).ValueOrThrow(), ages[i]).Succeeded);
        }

        return audit;
    }
}
