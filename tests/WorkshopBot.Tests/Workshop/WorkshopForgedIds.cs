using System.Net;
using WorkshopBot.Common.Teams;
using WorkshopBot.Tests.Robustness;
using WorkshopBot.Tests.Support;
using WorkshopBot.Workshop.Domain;
using WorkshopBot.Workshop.Teams;
using static WorkshopBot.Tests.Workshop.WorkshopScenario;

namespace WorkshopBot.Tests.Workshop;

/// <summary>
/// Ids in workshop card data come from whoever pressed the card. One too long or with characters no id the bot makes
/// has (the ids reach key columns, the audit log and kept answers) gets the polite "not available" answer before any
/// screen reads it, and nothing is stored.
/// </summary>
public sealed class WorkshopForgedIds
{
    private static readonly string Long = new('i', 5_000);

    [Fact]
    public async Task WorkshopCardsWithForgedIdsAreRefusedPolitelyAndStoreNothing()
    {
        await using var s = await CreateAsync();
        await s.StartAsync();
        var rep = Representative(1);
        await s.JoinAsync(rep);
        var board = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.WorkedWell));
        await s.AddIdeaAsync(rep, board, "Strategy discussions were held promptly.");
        var choice = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.Multiple, "Was it timely?", Choices: "Yes\nNo"));
        var grade = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.Grade, CaseReference: Case.Value));
        await s.PhaseAsync(board, PhaseActions.Open);
        await s.PhaseAsync(choice, PhaseActions.Open);
        await s.Host.DrainOutboxAsync();
        var id = s.WorkshopId;
        var thirteen = string.Join(',', Enumerable.Range(1, 13).Select(i => "c" + i));

        (TestUser By, string Verb, object Data)[] forged =
        [
            (rep, BallotScreen.Dot, new DotData(id, board.Id, 1, Long)),
            (rep, BallotScreen.Dot, new DotData(id, board.Id, 1, "i1' OR '1'='1")),
            (rep, BallotScreen.Dot, new DotData(id, board.Id + Long, 1, "i1")),
            (rep, BallotScreen.View, new PollRef(id, "p1;" + Long)),
            (rep, BallotScreen.Choose, new ChooseData(id, choice.Id, "c1," + Long)),
            (rep, BallotScreen.Choose, new ChooseData(id, choice.Id, thirteen)),
            (rep, IdeasScreen.AddIdea, new AddIdeaData(id, board.Id, "Another idea", AgencyId: Long)),
            (rep, JoinScreen.Join, new JoinData(id, "agency 1")),
            (s.Chair, ModerationScreen.Moderate, new ModerateData(id, board.Id, ModerateActions.Hide, "i1", Long)),
            (s.Chair, PollsScreen.Phase, new PhaseData(id, board.Id, "close" + Long)),
            (s.Chair, PollsScreen.CreatePoll, new CreatePollData(id, PollTypes.Grade, CaseReference: Case.Value + " " + Long)),
            (s.Chair, RatifyScreen.Ratify, new RatifyData(id, grade.Id, "good/" + Long, "Prompt multi-agency action.")),
            (s.Chair, RecommendationsScreen.Add, new AddRecommendationData(id, "Share CP medical outcomes with the GP.",
                Long, "2022-06-30", "Audit of ten cases shows sharing within five days.")),
            (s.Chair, RecommendationsScreen.Remove, new RemoveRecommendationData(id, "r1" + Long)),
        ];

        foreach (var (by, verb, data) in forged)
        {
            var before = Stored(await StoreFingerprint.ReadAsync(s.Host));
            var answer = await s.Host.ExecuteAsync(by, s.Channel, verb, data);

            Assert.Equal(HttpStatusCode.OK, answer.Status);
            var text = CardText(answer);
            Assert.True(text.Contains(Reply.NotAvailableTitle, StringComparison.Ordinal), $"{verb}: {text[..Math.Min(300, text.Length)]}");
            Assert.DoesNotContain(Long, text, StringComparison.Ordinal);
            Assert.Equal(before, Stored(await StoreFingerprint.ReadAsync(s.Host)));
        }

        Assert.Equal(PollPhase.Voting, (await s.SessionAsync()).FindPoll(board.Id)!.Phase);
    }

    /// <summary>A hide names one idea: the second idea field, whatever the card carried there, is not logged.</summary>
    [Fact]
    public async Task HidingAnIdeaLogsNoSecondIdeaFromTheCard()
    {
        await using var s = await CreateAsync();
        await s.StartAsync();
        var rep = Representative(1);
        await s.JoinAsync(rep);
        var board = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.WorkedWell));
        await s.AddIdeaAsync(rep, board, "Strategy discussions were held promptly.");

        var hidden = await s.ModerateAsync(board, ModerateActions.Hide, "i1", intoItemId: "9434765919");

        Assert.Contains("Done (logged).", CardText(hidden), StringComparison.Ordinal);
        var logged = Assert.Single(await s.LogAsync("workshop-poll", board.Id), e => e.Action == "workshop.idea.hide");
        Assert.DoesNotContain("9434765919", logged.DetailJson ?? "", StringComparison.Ordinal);
    }

    // Everything but the processed marks: a refused press is still marked handled, with its answer.
    private static string Stored(string fingerprint) =>
        string.Join("; ", fingerprint.Split("; ").Where(p => !p.StartsWith("processed_activities", StringComparison.Ordinal)));
}
