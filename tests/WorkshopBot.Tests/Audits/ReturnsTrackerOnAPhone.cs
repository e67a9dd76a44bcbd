using System.Text.Json;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Cards;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.Audits.AuditFixtures;

namespace WorkshopBot.Tests.Audits;

/// <summary>
/// The returns tracker keeps its grid for a few cases; with more, each agency's returns are a line of words ("C1 Late · C2
/// Done"), as a grid of many cases leaves columns too narrow for their words on a phone. A status is always a word, never
/// a colour alone.
/// </summary>
public sealed class ReturnsTrackerOnAPhone
{
    /// <summary>Children's Social Care returns on every case (one draft on case 1); the school on case 1 only.</summary>
    private static JsonElement TrackerOf(int cases, DateTimeOffset now)
    {
        var audit = DraftAudit();
        for (var i = 1; i <= cases; i++)
        {
            Ok(audit.AddCase(Ref($"NAI-2026-03-C{i}"), AgeBand.Under1));
        }

        audit.AddAgency(AgencyType.ChildrensSocialCare, "Children's Social Care", SocialCareRep, SocialCareLead).ValueOrThrow();
        audit.AddAgency(AgencyType.School, "Primary school", SchoolRep).ValueOrThrow();
        Ok(audit.AssignCases("agency-2", [Case1]));
        Ok(audit.ScheduleReturnsDue(DueAt, Now));
        Ok(audit.Issue(Now));
        var draft = NewReturn(audit);
        var section = draft.Sections[0];
        draft.SaveSection(section.Id, [new AnswerInput(section.Questions[0].Id, AnswerValue.Yes, "Seen in records.")], draft.Version,
            SocialCareRep, Now).ValueOrThrow();
        var view = ReturnsTracker.Build(audit, [draft], new ManualTimeProvider(now));
        return AdaptiveCardJson.ToJsonElement(TrackerCard.Tracker(audit, view, new DeliverySummary(2, 0, []), now));
    }

    private static IEnumerable<JsonElement> Tables(JsonElement card) =>
        card.GetProperty("body").EnumerateArray().Where(e => e.GetProperty("type").GetString() == "Table");

    private static IEnumerable<string> Texts(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => e.EnumerateObject().SelectMany<JsonProperty, string>(p =>
            p.Name == "text" && p.Value.ValueKind == JsonValueKind.String ? [p.Value.GetString()!] : Texts(p.Value)),
        JsonValueKind.Array => e.EnumerateArray().SelectMany(Texts),
        _ => [],
    };

    [Fact]
    public void MoreThanFourCasesAreListedAsWordsForEachAgency()
    {
        var card = TrackerOf(6, Now);
        var texts = Texts(card).ToList();

        Assert.Empty(Tables(card));
        Assert.Contains("C1 Draft · C2 To do · C3 To do · C4 To do · C5 To do · C6 To do", texts);
        Assert.Contains("C1 To do", texts);
        Assert.Contains("Cases are shown without the start their references share, \"NAI-2026-03-\".", texts);
    }

    [Fact]
    public void AFewCasesKeepTheGridWithWordsThatWrap()
    {
        var card = TrackerOf(4, Now);

        var table = Assert.Single(Tables(card));
        var cells = table.GetProperty("rows").EnumerateArray().Skip(1)
            .SelectMany(r => r.GetProperty("cells").EnumerateArray().Skip(1)).Select(c => c.GetProperty("items")[0]).ToList();
        Assert.Equal(8, cells.Count);
        Assert.All(cells, c => Assert.True(c.GetProperty("wrap").GetBoolean(), c.GetRawText()));
        Assert.Equal(["Draft", "To do", "To do", "To do", "To do", "-", "-", "-"], cells.Select(c => c.GetProperty("text").GetString()));
    }
}
