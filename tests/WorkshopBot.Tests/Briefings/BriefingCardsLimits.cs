using WorkshopBot.Briefings.Domain;
using WorkshopBot.Briefings.Teams;
using WorkshopBot.Cards;
using WorkshopBot.Common;
using WorkshopBot.Common.Privacy;
using WorkshopBot.Common.Teams;
using WorkshopBot.Tests.Cards;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Briefings;

public sealed class BriefingCardsLimits
{
    private static readonly PersonRef Chair = new("chair-oid", "QA Chair");

    private static readonly string LongText =
        string.Join(' ', Enumerable.Repeat("Our team reflected on information sharing with GPs and health visitors.", 28));

    /// <summary>Every briefing card rendered from a maximal briefing (the large source, 900 words).</summary>
    public static IReadOnlyDictionary<string, AdaptiveCard> AllCards()
    {
        var briefing = BriefingFixtures.Composer.Compose(BriefingFixtures.Large(), BriefingFixtures.PublicationDate);
        var record = BriefingRecord.Start(briefing, Chair, BriefingFixtures.Workshop);
        Assert.True(record.Approve(1, Chair, BriefingFixtures.Workshop, new FreeTextCheck(IdentifierScanner.Default)).Succeeded);
        var publication = Publication(FileUploadState.Failed, "Microsoft Graph is throttling requests (429).");
        var discussions = Discussions(briefing, publication);
        var check = IdentifierScanner.Default.Check("Call 07700 900123");
        var channels = Enumerable.Range(1, 40)
            .Select(i => ($"19:channel-{i}@thread.tacv2", $"Locality team number {i} > Practice discussion channel")).ToList();
        var outcomes = channels.Take(10)
            .Select(c => new PublishOutcome(c.Item1, c.Item2, true, false, FileUploadState.Failed, null, "Microsoft Graph failed (500)."))
            .ToList();
        var usage = Enumerable.Range(0, 6)
            .Select(i => new ChannelUsage(publication with { ChannelId = $"c{i}" }, i % 2 == 0 ? discussions : [])).ToList();
        return new Dictionary<string, AdaptiveCard>
        {
            ["preview"] = ComposeCard.Preview(record, "Saved as version 2.", check),
            ["edit-do-now"] = ComposeCard.EditForm(briefing, 1, BriefingBoxKind.DoNow),
            ["edit-worked-well"] = ComposeCard.EditForm(briefing, 1, BriefingBoxKind.WorkedWell),
            ["posted"] = DiscussionCard.Posted(briefing, 1, new DateOnly(2026, 4, 20), publication.ChannelId,
                "https://contoso.sharepoint.com/sites/team/Shared%20Documents/briefing.docx",
                "Recorded by QA Chair: 12 attended on 20 April 2026. Thank you."),
            ["reminder"] = DiscussionCard.Reminder(briefing, 1, publication.ChannelId),
            ["discussion-form"] = DiscussionCard.Form(briefing, 1, publication.ChannelId, new DateOnly(2026, 4, 20), null, check),
            ["choose-channels"] = PublishCard.ChooseChannels(briefing.AuditId, 1, channels),
            ["publish-result"] = PublishCard.PublishResult(briefing.AuditId, 1, outcomes, ["19:gone"]),
            ["usage"] = DiscussionCard.Usage(briefing.AuditId, briefing.Title, usage),
            ["export"] = ExportCard.Export(briefing.AuditId, 1, new Uri("https://bot.example.org/api/briefings/x.docx"),
                new Uri("https://bot.example.org/api/briefings/x.md"), new DateTimeOffset(2026, 4, 20, 9, 15, 0, TimeSpan.Zero)),
            ["message"] = NoticeCard.Create("Chair only", "Only the audit chair can prepare and publish this briefing.", Tone.Error,
                BriefingReply.BackToBriefing(briefing.AuditId)),
            ["picker"] = ComposeCard.AuditPicker([]),
        };
    }

    /// <summary>A screen reader reads a button by its title alone: each box's Edit and Regenerate are named.</summary>
    [Fact]
    public void NoBriefingCardRepeatsAButtonTitle() =>
        // The use card's channels here share one name (Retry upload names the channel): not this test's subject.
        CardAccessibility.AssertActionTitlesUnique(AllCards().Where(c => c.Key != "usage"));

    [Fact]
    public void EveryCardFits28KilobytesWithMaximalData()
    {
        foreach (var (name, card) in AllCards())
        {
            CardSizeLimit.AssertFits(card, name);
        }
    }

    [Fact]
    public void EveryCardPassesTheValidator()
    {
        var results = new CardValidator(new NodeTools()).Validate(AllCards());

        Assert.All(results, r => Assert.True(r.Valid, $"{r.Name}: {string.Join("; ", r.Errors)}"));
    }

    [Fact]
    public void PostedCardHasChartWithTextFallbackQuestionsAndDiscussedAction()
    {
        var briefing = BriefingFixtures.Composer.Compose(BriefingFixtures.Lancashire(), BriefingFixtures.PublicationDate);

        var json = AdaptiveCardJson.Serialize(DiscussionCard.Posted(briefing, 1, new DateOnly(2026, 4, 20), "19:c", null));

        Assert.Contains("\"type\":\"Chart.VerticalBar\"", json, StringComparison.Ordinal);
        Assert.Contains("\"fallback\":{\"type\":\"FactSet\"", json, StringComparison.Ordinal);
        Assert.Contains("Our team discussed this", json, StringComparison.Ordinal);
        Assert.Contains(briefing.DiscussionQuestions[0], json, StringComparison.Ordinal);
    }

    [Fact]
    public void UsageCardFitsWithManyChannelsAndDiscussions()
    {
        var briefing = BriefingFixtures.Composer.Compose(BriefingFixtures.Large(), BriefingFixtures.PublicationDate);
        var publication = Publication(FileUploadState.Uploaded, null);
        var discussions = Discussions(briefing, publication);

        var usage = DiscussionCard.Usage(briefing.AuditId, briefing.Title, Enumerable.Range(0, 100)
            .Select(i => new ChannelUsage(publication with { ChannelId = $"c{i}", ChannelName = $"Practice channel {i}" },
                i % 2 == 0 ? discussions : []))
            .ToList());

        CardSizeLimit.AssertFits(usage, "usage with 100 channels");
    }

    [Fact]
    public void PublishResultFitsWhenGraphFailsForEveryChannelOfferedForChoice()
    {
        var outcomes = Enumerable.Range(1, 100).Select(i => new PublishOutcome($"19:channel-{i}@thread.tacv2",
            $"Locality team number {i} > Practice discussion channel", true, false, FileUploadState.Failed, null,
            "Microsoft Graph is throttling requests (429).")).ToList();

        CardSizeLimit.AssertFits(PublishCard.PublishResult(Guid.NewGuid(), 1, outcomes, []), "publish result with 100 failed uploads");
    }

    /// <summary>
    /// The lists of channels are kept within the limit by a budget of bytes as the card carries them, not of characters:
    /// an emoji is 12 bytes of JSON for 2 characters, a Bengali letter 3, a <c>*</c> or <c>\</c> escaped 3 or 4.
    /// </summary>
    [Theory]
    [InlineData("\U0001F44D")]
    [InlineData("\u09A6")]
    [InlineData("*")]
    [InlineData("\\")]
    public void ChannelListsFitHoweverTheirTextIsWritten(string unit)
    {
        var word = string.Concat(Enumerable.Repeat(unit, 8));
        var text = string.Join(' ', Enumerable.Repeat(word, 100));
        var forty = string.Concat(Enumerable.Repeat(unit, 40));
        string Name(int i) => $"Team {i} {forty} > Channel {forty}";
        var briefing = BriefingFixtures.Composer.Compose(BriefingFixtures.Large(), BriefingFixtures.PublicationDate);
        var publication = Publication(FileUploadState.Failed, text);
        var discussions = Enumerable.Range(0, 5).Select(_ => new TeamDiscussion(Guid.NewGuid(), briefing.AuditId, 1,
            publication.ChannelId, publication.TeamName, new DateOnly(2026, 4, 20), 12, text, text,
            new PersonRef("oid", word), BriefingFixtures.Workshop, false)).ToList();
        var usage = DiscussionCard.Usage(briefing.AuditId, briefing.Title, Enumerable.Range(0, 100)
            .Select(i => new ChannelUsage(publication with { ChannelId = $"c{i}", ChannelName = Name(i) }, i % 2 == 0 ? discussions : []))
            .ToList());
        var outcomes = Enumerable.Range(1, 100).Select(i => new PublishOutcome($"19:channel-{i}@thread.tacv2", Name(i), true, false,
            FileUploadState.Failed, null, text)).ToList();

        CardSizeLimit.AssertFits(usage, "usage with 100 channels");
        CardSizeLimit.AssertFits(PublishCard.PublishResult(Guid.NewGuid(), 1, outcomes, []), "publish result with 100 failed uploads");
    }

    private static ChannelPublication Publication(FileUploadState upload, string? error) =>
        new(1, "19:channel@thread.tacv2", "Safeguarding practice leads", "team-1", "Early Help South and West locality team",
            "https://smba.trafficmanager.net/uk/", "tenant", "post-1", BriefingFixtures.Workshop, Chair, upload, null, error);

    private static List<TeamDiscussion> Discussions(Briefing briefing, ChannelPublication publication) =>
        Enumerable.Range(0, 5).Select(_ => new TeamDiscussion(Guid.NewGuid(), briefing.AuditId, 1, publication.ChannelId,
            publication.TeamName, new DateOnly(2026, 4, 20), 12, LongText, LongText, Chair, BriefingFixtures.Workshop, false)).ToList();
}
