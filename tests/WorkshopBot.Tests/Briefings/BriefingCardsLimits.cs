using WorkshopBot.Audits;
using WorkshopBot.Briefings;
using WorkshopBot.Briefings.Domain;
using WorkshopBot.Briefings.Teams;
using WorkshopBot.Cards;
using WorkshopBot.Common;
using WorkshopBot.Common.Privacy;
using WorkshopBot.Tests.Cards;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Briefings;

public sealed class BriefingCardsLimits
{
    private static readonly PersonRef Chair = new("chair-oid", "QA Chair");

    /// <summary>Every briefing card rendered from a maximal briefing (the large source, 900 words).</summary>
    public static IReadOnlyDictionary<string, AdaptiveCard> AllCards()
    {
        var briefing = BriefingFixtures.Composer.Compose(BriefingFixtures.Large(), BriefingFixtures.PublicationDate);
        var record = BriefingRecord.Start(briefing, Chair, BriefingFixtures.Workshop);
        Assert.True(record.Approve(1, Chair, BriefingFixtures.Workshop, IdentifierScanner.Default).Succeeded);
        var longText = string.Join(' ', Enumerable.Repeat("Our team reflected on information sharing with GPs and health visitors.", 28));
        var publication = new ChannelPublication(1, "19:channel@thread.tacv2", "Safeguarding practice leads", "team-1", "Early Help South and West locality team", "https://smba.trafficmanager.net/uk/", "tenant", 1, BriefingFixtures.Workshop, Chair, FileUploadState.Failed, null, "Microsoft Graph is throttling requests (429).");
        var discussions = Enumerable.Range(0, 5).Select(i => new TeamDiscussion(Guid.NewGuid(), briefing.AuditId, 1, publication.ChannelId, publication.TeamName, new DateOnly(2026, 4, 20), 12, longText, longText, Chair, BriefingFixtures.Workshop, false)).ToList();
        var check = IdentifierScanner.Default.Check("Call 07700 900123");
        var channels = Enumerable.Range(1, 40).Select(i => ($"19:channel-{i}@thread.tacv2", $"Locality team number {i} > Practice discussion channel")).ToList();
        return new Dictionary<string, AdaptiveCard>
        {
            ["preview"] = BriefingCards.Preview(record, "Saved as version 2.", check),
            ["edit-do-now"] = BriefingCards.EditForm(briefing, 1, BriefingBoxKind.DoNow),
            ["edit-worked-well"] = BriefingCards.EditForm(briefing, 1, BriefingBoxKind.WorkedWell),
            ["posted"] = BriefingCards.Posted(briefing, 1, publication.ChannelId, "https://contoso.sharepoint.com/sites/team/Shared%20Documents/briefing.docx", "Recorded by QA Chair: 12 attended on 20 April 2026. Thank you."),
            ["reminder"] = BriefingCards.Reminder(briefing, 1, publication.ChannelId),
            ["discussion-form"] = BriefingCards.DiscussionForm(briefing, 1, publication.ChannelId, new DateOnly(2026, 4, 20), null, check),
            ["choose-channels"] = BriefingCards.ChooseChannels(briefing.AuditId, 1, channels),
            ["publish-result"] = BriefingCards.PublishResult(briefing.AuditId, 1, channels.Take(10).Select(c => new PublishOutcome(c.Item1, c.Item2, true, false, FileUploadState.Failed, null, "Microsoft Graph failed (500).")).ToList(), ["19:gone"]),
            ["usage"] = BriefingCards.Usage(briefing.AuditId, briefing.Title, Enumerable.Range(0, 6).Select(i => new ChannelUsage(publication with { ChannelId = $"c{i}" }, i % 2 == 0 ? discussions : [])).ToList()),
            ["export"] = BriefingCards.Export(briefing.AuditId, 1, new Uri("https://bot.example.org/api/briefings/x.docx"), new Uri("https://bot.example.org/api/briefings/x.md")),
            ["message"] = BriefingCards.Message("Chair only", "Only the audit chair can prepare and publish this briefing.", briefing.AuditId),
            ["picker"] = BriefingCards.AuditPicker([]),
        };
    }

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

        var json = AdaptiveCardJson.Serialize(BriefingCards.Posted(briefing, 1, "19:c", null));

        Assert.Contains("\"type\":\"Chart.VerticalBar\"", json, StringComparison.Ordinal);
        Assert.Contains("\"fallback\":{\"type\":\"FactSet\"", json, StringComparison.Ordinal);
        Assert.Contains("Our team discussed this", json, StringComparison.Ordinal);
        Assert.Contains(briefing.DiscussionQuestions[0], json, StringComparison.Ordinal);
    }
}
