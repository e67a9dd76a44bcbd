using System.Globalization;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Cards;
using WorkshopBot.Common;
using WorkshopBot.Common.Privacy;
using WorkshopBot.Common.Teams;
using WorkshopBot.Tests.Cards;
using WorkshopBot.Tests.Support;
using WorkshopBot.Workshop.Domain;
using WorkshopBot.Workshop.Teams;

namespace WorkshopBot.Tests.Workshop;

/// <summary>Every card the workshop sends, with the most data it can hold, is valid Adaptive Card 1.5 and at most 28 KB.</summary>
[Collection(NodeToolsCollection.Name)]
public sealed class WorkshopCardsValid(NodeTools tools)
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void EveryWorkshopCardIsValidAndSmallWithMaximalData()
    {
        var chair = new PersonRef("chair", new string('C', 200));
        var audit = Audit.Create(Guid.NewGuid(), new string('T', Audit.MaxTitleLength), "nai", chair, Now).ValueOrThrow();
        for (var c = 1; c <= 15; c++)
        {
            Assert.True(audit.AddCase(CaseReference.Create($"NAI-2026-03-C{c}").ValueOrThrow(), AgeBand.Under1).Succeeded);
        }

        for (var a = 1; a <= Audit.MaxAgencies; a++)
        {
            audit.AddAgency(AgencyType.Other, $"Agency {a} " + new string('n', 130), new PersonRef($"rep-{a}", $"Rep {a}")).ValueOrThrow();
        }

        var conversation = new WorkshopConversation("https://smba.trafficmanager.net/uk/", "19:c@thread.tacv2", "tenant");
        var session = WorkshopSession.Start(Guid.NewGuid(), audit, conversation, Now);
        var privacy = new FreeTextCheck(IdentifierScanner.Default);
        var board = session.AddPoll(new PollDefinition(PollKind.IdeaBoard, new string('P', Poll.MaxPromptLength), IdeaBoardKind.Custom,
            DotsPerVoter: 20, MaxDotsPerItem: 20, TimerMinutes: 120), [], privacy, Now).ValueOrThrow();
        for (var i = 0; i < Poll.MaxItems; i++)
        {
            var theme = Themes.All[i % Themes.All.Count].Key;
            var agency = "agency name " + new string('a', 130);
            // Each idea as long as allowed, and different: the same words twice are one idea on the board.
            var text = new string('w', Poll.MaxItemLength - 2) + i.ToString("00", CultureInfo.InvariantCulture);
            Assert.True(board.AddItemFullForTest(text, agency, theme, "NAI-2026-03-C15").Succeeded);
        }

        var choices = Enumerable.Range(1, Poll.MaxChoices).Select(i => $"{i} " + new string('x', 290)).ToList();
        var multiple = new PollDefinition(PollKind.MultipleChoice, new string('Q', Poll.MaxPromptLength), Choices: choices);
        var choice = session.AddPoll(multiple, [], privacy, Now).ValueOrThrow();
        var grades = Enumerable.Range(1, 15)
            .Select(i => new AgencyGrade($"Agency {i} " + new string('n', 130), "Requires improvement")).ToList();
        var ratification = new PollDefinition(PollKind.GradeRatification, "", CaseReference: "NAI-2026-03-C1");
        var grade = session.AddPoll(ratification, grades, privacy, Now).ValueOrThrow();
        var rationale = new string('r', WorkshopSession.MaxRationaleLength);
        Assert.True(session.Ratify(grade, "good", rationale, new PersonRef("chair", "Chair"), Now).Succeeded);
        var refresh = Enumerable.Range(0, CardRefresh.MaxUserIds).Select(i => $"29:1{new string('x', 60)}{i}").ToList();
        var collecting = Snapshot(board, 60);
        Assert.True(board.OpenForTest().Succeeded);
        var voting = Snapshot(board, 500);
        var mine = board.VotableOptions.Take(20).ToDictionary(o => o.Id, _ => 1);
        var idea = new AddIdeaData(session.Id, board.Id, new string('w', Poll.MaxItemLength), "NAI-2026-03-C1", "agency-1", Themes.Neglect);
        var findings = privacy.Scan(("Your idea", "Call 07700 900123 about NHS 943 476 5919."));

        var cards = new Dictionary<string, AdaptiveCard>
        {
            ["choose-audit"] = StartCard.ChooseAudit(Enumerable.Repeat(audit, 30).ToList()),
            ["workshop"] = StartCard.Workshop(session, 500),
            ["choose-agency"] = JoinCard.ChooseAgency(session),
            ["joined"] = JoinCard.Joined(session, new WorkshopParticipant("u", "29:u", "Name", "agency-1", new string('n', 150), Now)),
            ["chair-panel"] = PollsCard.ChairPanel(session),
            ["board-collecting"] = PollsCard.Posted(session, collecting, refresh),
            ["board-voting"] = PollsCard.Posted(session, voting, refresh),
            ["ballot-board"] = BallotCard.Ballot(session, voting, mine, "You have used all 20 of your dots. Take one back to move it.",
                refresh),
            ["ballot-choice"] = BallotCard.Ballot(session, Snapshot(choice, 500), new Dictionary<string, int> { ["c1"] = 1 }, null,
                refresh),
            ["grade-card"] = PollsCard.Posted(session, Snapshot(grade, 500), refresh),
            ["manage-board"] = PollsCard.Manage(session, voting, "Done (logged)."),
            ["manage-grade"] = PollsCard.Manage(session, Snapshot(grade, 500)),
            ["identifier-warning"] = IdeasCard.IdentifierWarning(idea, findings),
            ["export"] = ExportCard.Preview(session, [("workshop.csv", new string('c', 100_000))]),
            ["export-markup"] = ExportCard.Preview(session, [("workshop.csv", string.Concat(Enumerable.Repeat("*_[", 40_000)))]),
            ["joined-vote"] = JoinCard.Joined(session, new WorkshopParticipant("u", "29:u", "Name", null, null, Now), board.Id),
            ["notice"] = NoticeCard.Create("Not this workshop", new string('m', 500), Tone.Error),
        };

        var results = new CardValidator(tools).Validate(cards);

        Assert.All(results, r => Assert.True(r.Valid, r.ToString()));
        Assert.All(cards, c => CardSizeLimit.AssertFits(c.Value, c.Key));
    }

    private static PollSnapshot Snapshot(Poll poll, int participants) =>
        PollSnapshot.Of(poll, poll.VotableOptions.Select((o, i) => new OptionTally(o.Id, 1000 - i, 300)).ToList(), participants,
            participants);
}

internal static class PollFullAccess
{
    public static DomainResult<IdeaItem> AddItemFullForTest(this Poll poll, string text, string agency, string theme,
        string caseReference) =>
        poll.AddItem(text, "author", agency, theme, caseReference, new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
}
