using System.Globalization;
using System.Text.Json;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Briefings.Domain;
using WorkshopBot.Common.Privacy;
using WorkshopBot.Storage;
using WorkshopBot.Workshop.Domain;

namespace WorkshopBot.Tests.Briefings;

public sealed class BriefingComposerCompose
{
    [Fact]
    public void ReadsLancashireGradeDistributionAsTheSeedStatesIt()
    {
        var briefing = BriefingFixtures.Composer.Compose(BriefingFixtures.Lancashire(), BriefingFixtures.PublicationDate);

        var grades = briefing.Box(BriefingBoxKind.GradesAndFindings);
        Assert.StartsWith("Of 15 cases: 0 outstanding, 5 good, 6 requires improvement, 4 inadequate", grades.Lead);
        Assert.Contains(grades.Points, p => p.StartsWith(
            "Single-agency grades (75 returns): 0 outstanding, 25 good, 30 requires improvement, 20 inadequate", StringComparison.Ordinal));
        Assert.Equal([0, 5, 6, 4], briefing.Grades.Select(g => g.Cases));
    }

    [Fact]
    public void PutsSevenBoxesInReadingOrder()
    {
        var briefing = BriefingFixtures.Composer.Compose(BriefingFixtures.Lancashire(), BriefingFixtures.PublicationDate);

        Assert.Equal(Enum.GetValues<BriefingBoxKind>(), briefing.Boxes.Select(b => b.Kind));
        Assert.Contains("15 cases", briefing.Box(BriefingBoxKind.Background).Lead, StringComparison.Ordinal);
        Assert.Contains("April 2026", briefing.Box(BriefingBoxKind.Background).Lead, StringComparison.Ordinal);
        Assert.Contains("non-mobile babies", briefing.Box(BriefingBoxKind.WhyItMatters).Lead, StringComparison.Ordinal);
        Assert.Equal(new DateOnly(2026, 4, 14), briefing.Footer.PublicationDate);
        Assert.Contains("QA sub-group", briefing.Footer.Contact, StringComparison.Ordinal);
    }

    [Fact]
    public void PlacesMertonWorkshopItemsInTheRightBoxes()
    {
        var briefing = BriefingFixtures.Composer.Compose(BriefingFixtures.Merton(), BriefingFixtures.PublicationDate);

        var worked = briefing.Box(BriefingBoxKind.WorkedWell).Points;
        var improve = briefing.Box(BriefingBoxKind.CouldImprove).Points;
        // Highest-voted first, agencies named; the return's near-duplicate merged into it (Children's Social Care added).
        Assert.StartsWith("Agencies acted promptly to safeguard the children", worked[0], StringComparison.Ordinal);
        Assert.EndsWith("(noted by 2 agencies: Police and Children's Social Care).", worked[0], StringComparison.Ordinal);
        Assert.Single(worked, p => p.Contains("acted promptly", StringComparison.Ordinal));
        Assert.Contains(worked, p => p.Contains("including the father", StringComparison.Ordinal));
        Assert.DoesNotContain(worked, p => p.Contains("senior managers", StringComparison.OrdinalIgnoreCase));

        Assert.StartsWith("Supervision and management oversight: Availability of senior managers", improve[0], StringComparison.Ordinal);
        Assert.Contains(improve, p => p.StartsWith("Information sharing: Quicker sharing", StringComparison.Ordinal));
        Assert.Contains(improve, p => p.StartsWith("Disguised compliance:", StringComparison.Ordinal));
        Assert.Contains(improve, p => p.StartsWith("Over-optimistic assessment: Rule of optimism", StringComparison.Ordinal));
        Assert.DoesNotContain(improve, p => p.Contains("routine enquiry", StringComparison.Ordinal));

        var next = Assert.Single(briefing.Box(BriefingBoxKind.NextSteps).Points);
        Assert.Contains("Owner: Children's Social Care. Target: September 2026.", next, StringComparison.Ordinal);
        Assert.StartsWith("Of 1 case: 0 outstanding, 1 good, 0 requires improvement, 0 inadequate",
            briefing.Box(BriefingBoxKind.GradesAndFindings).Lead);
    }

    [Fact]
    public void KeepsCaseReferencesOutOfTheText()
    {
        var source = BriefingFixtures.Merton();
        var quick = new RankedIdea("In MER-2026-01-C1 the strategy meeting was quick", IdeaBoardKind.WorkedWell, 20, 1, "Police", null,
            "MER-2026-01-C1");
        source = source with { Ideas = [.. source.Ideas, quick] };

        var briefing = BriefingFixtures.Composer.Compose(source, BriefingFixtures.PublicationDate);

        Assert.DoesNotContain("MER-2026-01-C1", briefing.FullText(), StringComparison.Ordinal);
        Assert.Contains("In one case the strategy meeting was quick", briefing.FullText(), StringComparison.Ordinal);
    }

    [Fact]
    public void GivesTheSameBriefingForTheSameDataInAnyOrder()
    {
        var source = BriefingFixtures.Large(cases: 6, agencies: 4, pollItems: 60);
        var shuffled = source with
        {
            Returns = source.Returns.Reverse().ToList(),
            Ideas = source.Ideas.OrderBy(i => i.Text.GetHashCode(StringComparison.Ordinal)).ToList(),
        };

        var first = JsonSerializer.Serialize(BriefingFixtures.Composer.Compose(source, BriefingFixtures.PublicationDate),
            DocumentStoreExtensions.DefaultJsonOptions);
        var second = JsonSerializer.Serialize(BriefingFixtures.Composer.Compose(shuffled, BriefingFixtures.PublicationDate),
            DocumentStoreExtensions.DefaultJsonOptions);

        Assert.Equal(first, second);
    }

    [Fact]
    public void TrimsLowerRankedItemsToStayWithin900Words()
    {
        var source = BriefingFixtures.Large();

        var briefing = BriefingFixtures.Composer.Compose(source, BriefingFixtures.PublicationDate);

        Assert.InRange(briefing.WordCount, 500, Briefing.MaxWords);
        Assert.NotEmpty(briefing.Box(BriefingBoxKind.WorkedWell).Points);
        Assert.InRange(briefing.DiscussionQuestions.Count, 3, 4);
        // The top-voted item survives trimming.
        Assert.StartsWith("Workshop idea", briefing.Box(BriefingBoxKind.WorkedWell).Points[0], StringComparison.Ordinal);
    }

    [Fact]
    public void OffersThreeOrFourQuestionsAndPracticeMessagesFromTheTopTheme()
    {
        var briefing = BriefingFixtures.Composer.Compose(BriefingFixtures.Merton(), BriefingFixtures.PublicationDate);

        var doNow = briefing.Box(BriefingBoxKind.DoNow);
        Assert.Equal(4, doNow.Questions.Count);
        Assert.Contains("supervision and management oversight", doNow.Questions[3], StringComparison.Ordinal);
        Assert.Contains(doNow.Points, p => p.Contains("supervision", StringComparison.OrdinalIgnoreCase));
        Assert.InRange(doNow.Points.Count, 2, 4);
    }

    [Fact]
    public void RegeneratesOneBoxAndKeepsTheChairsEdits()
    {
        var source = BriefingFixtures.Merton();
        var edited = BriefingFixtures.Composer.Compose(source, BriefingFixtures.PublicationDate);
        edited = edited.WithBox(edited.Box(BriefingBoxKind.WhyItMatters) with { Lead = "Our own words.", EditedByChair = true });
        edited = edited.WithBox(edited.Box(BriefingBoxKind.WorkedWell) with { Points = ["Edited point."] });

        var regenerated =
            BriefingFixtures.Composer.Regenerate(edited, source, BriefingFixtures.PublicationDate, BriefingBoxKind.WorkedWell);

        Assert.Equal("Our own words.", regenerated.Box(BriefingBoxKind.WhyItMatters).Lead);
        Assert.NotEqual(["Edited point."], regenerated.Box(BriefingBoxKind.WorkedWell).Points);
        Assert.Equal(BriefingFixtures.Composer.Compose(source, BriefingFixtures.PublicationDate).Box(BriefingBoxKind.WorkedWell).Points,
            regenerated.Box(BriefingBoxKind.WorkedWell).Points);
    }

    [Fact]
    public void FlagsIdentifiersAnywhereInTheText()
    {
        var source = BriefingFixtures.Merton();
        var phoned = new ReturnLearning("MER-2026-01-C1", "agency-2", "Police", "Mother phoned from 07700 900123 quickly", null, null,
            "good");
        source = source with { Returns = [.. source.Returns, phoned] };

        var briefing = BriefingFixtures.Composer.Compose(source, BriefingFixtures.PublicationDate);
        var check = IdentifierScanner.Default.Check(briefing.FullText());

        Assert.True(check.Has(IdentifierKind.PhoneNumber));
    }

    [Fact]
    public void GradeWordingIsSingularForOneReturn()
    {
        var source = BriefingFixtures.Merton() with { Judgements = [], Returns = [BriefingFixtures.Merton().Returns[0]] };

        var lead = BriefingFixtures.Composer.Compose(source, BriefingFixtures.PublicationDate).Box(BriefingBoxKind.GradesAndFindings).Lead;

        Assert.StartsWith("Of 1 single-agency return: ", lead, StringComparison.Ordinal);
    }

    [Fact]
    public void SingleAgencyGradePointIsSingularForOneReturn()
    {
        var source = BriefingFixtures.Merton() with { Returns = [BriefingFixtures.Merton().Returns[0]] };

        var points =
            BriefingFixtures.Composer.Compose(source, BriefingFixtures.PublicationDate).Box(BriefingBoxKind.GradesAndFindings).Points;

        Assert.Contains("Single-agency grades (1 return): 0 outstanding, 1 good, 0 requires improvement, 0 inadequate.", points);
    }

    [Fact]
    public void GradeWordingReadsForANumericScale()
    {
        var merton = BriefingFixtures.Merton();
        var source = merton with
        {
            CaseReferences = ["MER-2026-01-C1", "MER-2026-01-C2", "MER-2026-01-C3"],
            GradeScale = GradeScales.OneToFive,
            Returns = [],
            Judgements =
            [
                merton.Judgements[0] with { CaseReference = "MER-2026-01-C1", GradeKey = "1", GradeLabel = "1" },
                merton.Judgements[0] with { CaseReference = "MER-2026-01-C2", GradeKey = "3", GradeLabel = "3" },
                merton.Judgements[0] with { CaseReference = "MER-2026-01-C3", GradeKey = "3", GradeLabel = "3" },
            ],
        };

        var lead = BriefingFixtures.Composer.Compose(source, BriefingFixtures.PublicationDate).Box(BriefingBoxKind.GradesAndFindings).Lead;

        Assert.Equal("Of 3 cases: 1 graded 1, 0 graded 2, 2 graded 3, 0 graded 4, 0 graded 5.", lead);
    }

    [Theory]
    [InlineData(15, 20, 200)]
    [InlineData(15, 30, 0)]
    public void StaysWithin900WordsWhenManyAgenciesMakeTheSamePoint(int cases, int agencies, int pollItems)
    {
        var briefing =
            BriefingFixtures.Composer.Compose(BriefingFixtures.Large(cases, agencies, pollItems), BriefingFixtures.PublicationDate);

        Assert.InRange(briefing.WordCount, 1, Briefing.MaxWords);
        Assert.Contains(
            briefing.Box(BriefingBoxKind.WorkedWell).Points, p => p.Contains(" agencies, including ", StringComparison.Ordinal));
    }

    [Fact]
    public void FullTextDoesNotDependOnTheServerCulture()
    {
        var briefing = BriefingFixtures.Composer.Compose(BriefingFixtures.Merton(), BriefingFixtures.PublicationDate);
        var before = CultureInfo.CurrentCulture;
        string english;
        string other;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("en-GB");
            english = briefing.FullText();
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("fr-FR");
            other = briefing.FullText();
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }

        Assert.Equal(english, other);
    }
}
