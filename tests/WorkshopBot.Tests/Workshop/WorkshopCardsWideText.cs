using System.Globalization;
using System.Text;
using System.Text.Json;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Cards;
using WorkshopBot.Common;
using WorkshopBot.Common.Privacy;
using WorkshopBot.Tests.Cards;
using WorkshopBot.Workshop.Domain;
using WorkshopBot.Workshop.Teams;

namespace WorkshopBot.Tests.Workshop;

/// <summary>
/// The poll cards whose size grows with what people typed stay within 28 KB however it is written, measured on the bytes
/// the bot sends: an emoji is 12 bytes of JSON for 2 characters, a Bengali letter 3 bytes, a <c>*</c> or <c>\</c> doubled
/// by the Markdown escape. Every idea stays on the card, shortened (a readable start and "…") when the card needs it.
/// </summary>
public sealed class WorkshopCardsWideText
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("\U0001F44D")]
    [InlineData("\u09A6")]
    [InlineData("*")]
    [InlineData("\\")]
    [InlineData("w")]
    public void EveryPollCardFitsWithEveryIdeaOnIt(string unit)
    {
        var (session, board, choice, grade) = Workshop(unit);
        var refresh = Enumerable.Range(0, CardRefresh.MaxUserIds).Select(i => $"29:1{new string('x', 60)}{i}").ToList();
        var collecting = Snapshot(board, 60);
        var cards = new Dictionary<string, AdaptiveCard>
        {
            ["board-collecting"] = PollsCard.Posted(session, collecting, refresh),
            ["manage-collecting"] = PollsCard.Manage(session, collecting, "Done (logged)."),
        };
        Assert.True(board.OpenForTest().Succeeded);
        var voting = Snapshot(board, 500);
        var mine = new Dictionary<string, int> { [board.VotableOptions[0].Id] = Poll.MaxDots };
        cards["board-voting"] = PollsCard.Posted(session, voting, refresh);
        cards["ballot-board"] = BallotCard.Ballot(session, voting, mine, "You have used all 20 of your dots.", refresh);
        cards["ballot-board-alone"] = BallotCard.Ballot(session, voting, mine, null, []);
        cards["manage-board"] = PollsCard.Manage(session, voting, "Done (logged).");
        var chosen = choice.Options.ToDictionary(o => o.Id, _ => 1);
        cards["ballot-choice"] = BallotCard.Ballot(session, Snapshot(choice, 500), chosen, null, refresh);
        cards["choice-card"] = PollsCard.Posted(session, Snapshot(choice, 500), refresh);
        cards["grade-card"] = PollsCard.Posted(session, Snapshot(grade, 500), refresh);
        cards["manage-grade"] = PollsCard.Manage(session, Snapshot(grade, 500));

        foreach (var (name, card) in cards)
        {
            CardSizeLimit.AssertFits(card, $"{name} written with {Uri.EscapeDataString(unit)}");
            var texts = Strings(AdaptiveCardJson.Serialize(card));
            Assert.All(texts, t => Assert.True(IsWholeText(t), $"{name}: a text was cut inside a surrogate pair"));
            var ideas = name.Contains("choice", StringComparison.Ordinal) ? choice.Options.Select(o => o.Label[..4])
                : name.Contains("grade", StringComparison.Ordinal) ? []
                : board.Items.Select(i => i.Text[..8]);
            Assert.All(ideas, start => Assert.Contains(texts, t => t.StartsWith(start, StringComparison.Ordinal)));
        }

        // The bytes a lone voter's ballot is answered with, written from the poll's template, fit as the typed card does.
        var written = new BallotAnswers().Ballot(session, voting, mine, null, []);
        Assert.True(written.Length <= CardSizeLimit.MaxBytes, $"the written ballot is {written.Length} bytes");
        Assert.Equal(AdaptiveCardJson.SerializeToUtf8Bytes(cards["ballot-board-alone"]), written);
    }

    [Fact]
    public void AnIdeaCutToFitKeepsAReadableStartAndSaysItWasCut()
    {
        var (session, board, _, _) = Workshop("\U0001F44D");
        Assert.True(board.OpenForTest().Succeeded);
        var ballot = BallotCard.Ballot(session, Snapshot(board, 500), new Dictionary<string, int>(), null, []);

        var facts = ballot.Body.OfType<FactSet>().Single().Facts;
        Assert.Equal(Poll.MaxItems, facts.Count);
        Assert.All(facts, f => Assert.EndsWith("…", f.Value, StringComparison.Ordinal));
        // Each idea is cut alike, to far more than its number: a start of the idea someone can read.
        Assert.All(facts, f => Assert.True(new StringInfo(f.Value).LengthInTextElements >= 20, f.Value));
    }

    private static (WorkshopSession Session, Poll Board, Poll Choice, Poll Grade) Workshop(string unit)
    {
        string Fill(string start, int chars)
        {
            var text = new StringBuilder(start);
            while (text.Length + unit.Length <= chars)
            {
                text.Append(unit);
            }

            return text.ToString();
        }

        var chair = new PersonRef("chair", new string('C', 200));
        var audit = Audit.Create(Guid.NewGuid(), Fill("T", Audit.MaxTitleLength), "nai", chair, Now).ValueOrThrow();
        for (var c = 1; c <= 15; c++)
        {
            Assert.True(audit.AddCase(CaseReference.Create($"NAI-2026-03-C{c}").ValueOrThrow(), AgeBand.Under1).Succeeded);
        }

        for (var a = 1; a <= Audit.MaxAgencies; a++)
        {
            var name = Fill($"Agency {a} ", AuditAgency.MaxNameLength);
            audit.AddAgency(AgencyType.Other, name, new PersonRef($"rep-{a}", $"Rep {a}")).ValueOrThrow();
        }

        var conversation = new WorkshopConversation("https://smba.trafficmanager.net/uk/", "19:c@thread.tacv2", "tenant");
        var session = WorkshopSession.Start(Guid.NewGuid(), audit, conversation, Now);
        var privacy = new FreeTextCheck(IdentifierScanner.Default);
        var board = session.AddPoll(new PollDefinition(PollKind.IdeaBoard, Fill("P", Poll.MaxPromptLength), IdeaBoardKind.Custom,
            DotsPerVoter: 20, MaxDotsPerItem: 20, TimerMinutes: 120), [], privacy, Now).ValueOrThrow();
        for (var i = 0; i < Poll.MaxItems; i++)
        {
            var text = Fill($"Idea {i.ToString("00", CultureInfo.InvariantCulture)} ", Poll.MaxItemLength);
            var agency = Fill("Agency ", AuditAgency.MaxNameLength);
            Assert.True(board.AddItemFullForTest(text, agency, Themes.All[i % Themes.All.Count].Key, "NAI-2026-03-C15").Succeeded);
        }

        var choices = Enumerable.Range(1, Poll.MaxChoices)
            .Select(i => Fill($"C{i.ToString("00", CultureInfo.InvariantCulture)} ", Poll.MaxPromptLength)).ToList();
        var multiple = new PollDefinition(PollKind.MultipleChoice, Fill("Q", Poll.MaxPromptLength), Choices: choices);
        var choice = session.AddPoll(multiple, [], privacy, Now).ValueOrThrow();
        var grades = Enumerable.Range(1, 15)
            .Select(i => new AgencyGrade(Fill($"Agency {i} ", AuditAgency.MaxNameLength), "Requires improvement")).ToList();
        var grade = session.AddPoll(new PollDefinition(PollKind.GradeRatification, "", CaseReference: "NAI-2026-03-C1"), grades, privacy,
            Now).ValueOrThrow();
        return (session, board, choice, grade);
    }

    private static List<string> Strings(string json)
    {
        var found = new List<string>();
        void Walk(JsonElement element)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.String:
                    found.Add(element.GetString()!);
                    break;
                case JsonValueKind.Object:
                    foreach (var property in element.EnumerateObject())
                    {
                        Walk(property.Value);
                    }

                    break;
                case JsonValueKind.Array:
                    foreach (var item in element.EnumerateArray())
                    {
                        Walk(item);
                    }

                    break;
            }
        }

        using var document = JsonDocument.Parse(json);
        Walk(document.RootElement);
        return found;
    }

    private static bool IsWholeText(string text)
    {
        try
        {
            _ = new UTF8Encoding(false, throwOnInvalidBytes: true).GetByteCount(text);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static PollSnapshot Snapshot(Poll poll, int participants) =>
        PollSnapshot.Of(poll, poll.VotableOptions.Select((o, i) => new OptionTally(o.Id, 1000 - i, 300)).ToList(), participants,
            participants);
}
