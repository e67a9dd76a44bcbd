using System.Globalization;
using WorkshopBot.Audits;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Briefings;
using WorkshopBot.Briefings.Domain;
using WorkshopBot.Briefings.Storage;
using WorkshopBot.Briefings.Teams;
using WorkshopBot.Cards;
using WorkshopBot.Common;
using WorkshopBot.Common.Privacy;
using WorkshopBot.Tests.Cards;
using WorkshopBot.Workshop;

namespace WorkshopBot.Tests.Briefings;

/// <summary>Defects found in review, each pinned by the test that first failed.</summary>
public sealed class BriefingReviewFindings : IAsyncLifetime
{
    private static readonly PersonRef Chair = new("chair-oid", "QA Chair");
    private BriefingFlowHarness _h = null!;

    private Guid AuditId => _h.Audit.Id;

    public async Task InitializeAsync() => _h = await BriefingFlowHarness.StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task ApproveRefusesACaseReferenceTheChairTypedIntoABox()
    {
        await _h.RunAsync(BriefingFlowHarness.Chair, (h, t) => h.OpenAsync(t, new OpenBriefingData(AuditId), default));
        await _h.RunAsync(BriefingFlowHarness.Chair, (h, t) => h.EditSaveAsync(t,
            new EditSaveData(AuditId, 1, BriefingBoxKind.WorkedWell, null, "In NAI-2026-03-C2 the GP was told the same day.\nIn case NAI-2026-03-C9 records were clear.", null), default));

        var (json, _) = await _h.RunAsync(BriefingFlowHarness.Chair, (h, t) => h.ApproveAsync(t, new ApproveData(AuditId, 2), default));

        Assert.Contains("cannot be approved yet", json, StringComparison.Ordinal);
        Assert.Null((await _h.RecordAsync()).ApprovedVersion);
    }

    [Fact]
    public async Task SavingTheSameDiscussionTwiceRecordsItOnce()
    {
        const string alpha = "19:alpha@thread.tacv2";
        await _h.AddChannelAsync(alpha, "Alpha");
        await _h.RunAsync(BriefingFlowHarness.Chair, (h, t) => h.OpenAsync(t, new OpenBriefingData(AuditId), default));
        await _h.RunAsync(BriefingFlowHarness.Chair, (h, t) => h.ApproveAsync(t, new ApproveData(AuditId, 1), default));
        await _h.RunAsync(BriefingFlowHarness.Chair, (h, t) => h.PublishAsync(t, new PublishData(AuditId, 1, alpha), default));
        await _h.DrainAsync();
        var manager = new PersonRef("practitioner-oid", "Team Manager");
        var data = new DiscussionSaveData(AuditId, 1, alpha, "2026-04-14", "9", "We will ask about fathers at every visit", "Add fathers to the checklist", null);

        // A double click on Save (or Teams retrying the invoke) sends the same data twice.
        await _h.RunAsync(manager, (h, t) => h.DiscussionSaveAsync(t, data, default), alpha);
        var (second, _) = await _h.RunAsync(manager, (h, t) => h.DiscussionSaveAsync(t, data, default), alpha);

        Assert.Contains("9 attended", second, StringComparison.Ordinal);
        var (usage, _) = await _h.RunAsync(BriefingFlowHarness.Chair, (h, t) => h.UsageAsync(t, new UsageData(AuditId), default));
        Assert.Contains("1 discussion(s) recorded, 9 attended", usage, StringComparison.Ordinal);
    }

    [Fact]
    public void UsageCardFitsWithManyChannelsAndDiscussions()
    {
        var briefing = BriefingFixtures.Composer.Compose(BriefingFixtures.Large(), BriefingFixtures.PublicationDate);
        var longText = string.Join(' ', Enumerable.Repeat("Our team reflected on information sharing with GPs and health visitors.", 28));
        var publication = new ChannelPublication(1, "19:channel@thread.tacv2", "Safeguarding practice leads", "team-1", "Early Help South and West locality team",
            "https://smba.trafficmanager.net/uk/", "tenant", 1, BriefingFixtures.Workshop, Chair, FileUploadState.Uploaded, null, null);
        var discussions = Enumerable.Range(0, 5).Select(_ => new TeamDiscussion(Guid.NewGuid(), briefing.AuditId, 1, publication.ChannelId, publication.TeamName,
            new DateOnly(2026, 4, 20), 12, longText, longText, Chair, BriefingFixtures.Workshop, false)).ToList();

        var usage = BriefingCards.Usage(briefing.AuditId, briefing.Title,
            Enumerable.Range(0, 100).Select(i => new ChannelUsage(publication with { ChannelId = $"c{i}", ChannelName = $"Practice channel {i}" }, i % 2 == 0 ? discussions : [])).ToList());

        CardSizeLimit.AssertFits(usage, "usage with 100 channels");
    }

    [Fact]
    public void PublishResultFitsWhenGraphFailsForEveryChannelOfferedForChoice()
    {
        var outcomes = Enumerable.Range(1, 100).Select(i => new PublishOutcome($"19:channel-{i}@thread.tacv2", $"Locality team number {i} > Practice discussion channel",
            true, false, FileUploadState.Failed, null, "Microsoft Graph is throttling requests (429).")).ToList();

        CardSizeLimit.AssertFits(BriefingCards.PublishResult(Guid.NewGuid(), 1, outcomes, []), "publish result with 100 failed uploads");
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

        var points = BriefingFixtures.Composer.Compose(source, BriefingFixtures.PublicationDate).Box(BriefingBoxKind.GradesAndFindings).Points;

        Assert.Contains("Single-agency grades (1 return): 0 outstanding, 1 good, 0 requires improvement, 0 inadequate.", points);
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

    [Theory]
    [InlineData(15, 20, 200)]
    [InlineData(15, 30, 0)]
    public void ComposeStaysWithin900WordsWhenManyAgenciesMakeTheSamePoint(int cases, int agencies, int pollItems)
    {
        var briefing = BriefingFixtures.Composer.Compose(BriefingFixtures.Large(cases, agencies, pollItems), BriefingFixtures.PublicationDate);

        Assert.InRange(briefing.WordCount, 1, Briefing.MaxWords);
        Assert.Contains(briefing.Box(BriefingBoxKind.WorkedWell).Points, p => p.Contains("other agencies)", StringComparison.Ordinal));
    }

    [Fact]
    public void AddVersionAcceptsAnEditThatShortensABriefingStillOverTheLimit()
    {
        var composed = BriefingFixtures.Composer.Compose(BriefingFixtures.Merton(), BriefingFixtures.PublicationDate);
        var tooLong = composed.WithBox(composed.Box(BriefingBoxKind.WhyItMatters) with { Points = [string.Join(' ', Enumerable.Repeat("word", 600))] })
            .WithBox(composed.Box(BriefingBoxKind.Background) with { Points = [string.Join(' ', Enumerable.Repeat("word", 400))] });
        var record = BriefingRecord.Start(tooLong, Chair, BriefingFixtures.Workshop);
        var shorter = tooLong.WithBox(tooLong.Box(BriefingBoxKind.Background) with { Points = ["Background in brief."] });
        Assert.True(shorter.WordCount > Briefing.MaxWords);

        var result = record.AddVersion(shorter, "Edited background", 1, Chair, BriefingFixtures.Workshop);

        Assert.True(result.Succeeded, result.Error?.Message);
        Assert.False(record.AddVersion(shorter.WithBox(shorter.Box(BriefingBoxKind.DoNow) with { Lead = "Longer lead than before, by several words." }), "x", 2, Chair, BriefingFixtures.Workshop).Succeeded);
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
}

public sealed class GraphBriefingFileStoreMisconfigured
{
    [Fact]
    public async Task ReportsAFailureInsteadOfThrowingWhenTheTokenCannotBeMade()
    {
        var services = new Microsoft.Extensions.DependencyInjection.ServiceCollection();
        Microsoft.Extensions.DependencyInjection.HttpClientFactoryServiceCollectionExtensions.AddHttpClient(services, GraphBriefingFileStore.HttpClientName);
        await using var provider = Microsoft.Extensions.DependencyInjection.ServiceCollectionContainerBuilderExtensions.BuildServiceProvider(services);
        var store = new GraphBriefingFileStore(
            (IHttpClientFactory)provider.GetService(typeof(IHttpClientFactory))!,
            new ThrowingGraphToken(),
            Microsoft.Extensions.Options.Options.Create(new GraphOptions { Enabled = true, BaseUrl = "http://127.0.0.1:9/v1.0" }),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<GraphBriefingFileStore>.Instance);

        var result = await store.UploadToChannelAsync("3f1a0c52-0000-4000-8000-000000000001", "19:abc@thread.tacv2", "briefing.docx", [1, 2, 3], CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.NotNull(result.Error);
    }

    private sealed class ThrowingGraphToken : IGraphTokenSource
    {
        // What MSAL's builder does when the bot has no client secret configured.
        public Task<string> GetTokenAsync(CancellationToken cancellationToken) => throw new ArgumentNullException("clientSecret");
    }
}
