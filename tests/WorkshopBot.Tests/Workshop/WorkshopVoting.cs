using System.Net;
using WorkshopBot.Tests.Support;
using WorkshopBot.Workshop.Domain;
using WorkshopBot.Workshop.Teams;

namespace WorkshopBot.Tests.Workshop;

/// <summary>Dots and choices are counted exactly once, within each person's budget, and only while voting is open.</summary>
public sealed class WorkshopVoting
{
    [Fact]
    public async Task DotVotingKeepsTheBudgetLetsDotsMoveAndRanksResults()
    {
        await using var s = await WorkshopScenario.CreateAsync();
        await s.StartAsync();
        var rep = WorkshopScenario.Representative(1);
        var other = WorkshopScenario.Representative(2);
        await s.JoinAsync(rep);
        await s.JoinAsync(other);
        var board = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.WorkedWell, Dots: "3", MaxPerItem: "2"));
        foreach (var idea in new[] { "Agencies acted promptly.", "Father was involved.", "Enhanced support offer." })
        {
            await s.AddIdeaAsync(rep, board, idea);
        }

        var early = await s.DotAsync(rep, board, "i1");
        Assert.Contains("Voting has not opened yet", WorkshopScenario.CardText(early));
        await s.PhaseAsync(board, PhaseActions.Open);

        await s.DotAsync(rep, board, "i1");
        await s.DotAsync(rep, board, "i1");
        var perItem = await s.DotAsync(rep, board, "i1");
        Assert.Contains("at most 2 of your dots on one idea", WorkshopScenario.CardText(perItem));
        var third = await s.DotAsync(rep, board, "i2");
        Assert.Contains("0 dots left", WorkshopScenario.CardText(third));
        var over = await s.DotAsync(rep, board, "i3");
        Assert.Contains("used all 3 of your dots", WorkshopScenario.CardText(over));

        // Move a dot: take it back from i2, put it on i3.
        await s.DotAsync(rep, board, "i2", -1);
        await s.DotAsync(rep, board, "i3");
        await s.DotAsync(other, board, "i3");

        Assert.Equal(new Dictionary<string, int> { ["i1"] = 2, ["i3"] = 2 }, await s.TallyAsync(board));
        var outcome = await s.OutcomeAsync();
        Assert.Equal(3, outcome!.Ideas.Count);
        Assert.Equal([1, 1, 3], outcome.Ideas.Select(i => i.Rank));
        Assert.Equal(0, outcome.Ideas.Single(i => i.Text == "Father was involved.").Dots);
    }

    /// <summary>
    /// 3 ideas, 5 dots and at most 1 on each: the ballot never offers dots that cannot be placed. It counts the 3 that can be,
    /// says the other 2 cannot, and once every idea has its dot says none is left to place.
    /// </summary>
    [Fact]
    public async Task BoardWithFewerPlacesThanDotsOffersOnlyTheDotsThatCanBePlaced()
    {
        await using var s = await WorkshopScenario.CreateAsync();
        await s.StartAsync();
        var rep = WorkshopScenario.Representative(1);
        await s.JoinAsync(rep);
        var board = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.WorkedWell, Dots: "5", MaxPerItem: "1"));
        foreach (var idea in new[] { "Agencies acted promptly.", "Father was involved.", "Enhanced support offer." })
        {
            await s.AddIdeaAsync(rep, board, idea);
        }

        await s.PhaseAsync(board, PhaseActions.Open);

        var view = WorkshopScenario.CardText(await s.ViewAsync(rep, board));
        Assert.Contains("You have used 0 of 5 dots; 3 dots left that you can place.", view, StringComparison.Ordinal);
        Assert.Contains("Each idea takes at most 1 dot, so 2 of your dots cannot be placed.", view, StringComparison.Ordinal);
        Assert.DoesNotContain("5 dots left", view, StringComparison.Ordinal);
        Assert.Contains("You have used 1 of 5 dots; 2 dots left that you can place.",
            WorkshopScenario.CardText(await s.DotAsync(rep, board, "i1")), StringComparison.Ordinal);
        await s.DotAsync(rep, board, "i2");
        var full = WorkshopScenario.CardText(await s.DotAsync(rep, board, "i3"));
        Assert.Contains("You have used 3 of 5 dots; 0 dots left that you can place.", full, StringComparison.Ordinal);
        Assert.DoesNotContain("2 dots left", full, StringComparison.Ordinal);
        Assert.Equal(new Dictionary<string, int> { ["i1"] = 1, ["i2"] = 1, ["i3"] = 1 }, await s.TallyAsync(board));
    }

    [Fact]
    public async Task ChoicePollsCountSingleMultipleAndRatingVotes()
    {
        await using var s = await WorkshopScenario.CreateAsync();
        await s.StartAsync();
        var a = WorkshopScenario.Representative(1);
        var b = WorkshopScenario.Representative(2);
        await s.JoinAsync(a);
        await s.JoinAsync(b);
        var single = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.Single, "Was the threshold applied well?",
            Choices: "Yes\nPartly\nNo"));
        var multiple = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.Multiple, "Which themes recur?",
            Choices: "Information sharing\nOut of hours cover\nDisguised compliance"));
        var rating = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.RatingFive,
            "How well did agencies work together?"));
        var agree = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.RatingAgree,
            "The family's voice is reflected in records."));
        foreach (var poll in new[] { single, multiple, rating, agree })
        {
            await s.PhaseAsync(poll, PhaseActions.Open);
        }

        await s.ChooseAsync(a, single, "c1");
        await s.ChooseAsync(a, single, "c2");
        var twoAtOnce = await s.ChooseAsync(b, single, "c1,c2");
        Assert.Contains("Choose one of the options", WorkshopScenario.CardText(twoAtOnce));
        await s.ChooseAsync(b, single, "c2");
        await s.ChooseAsync(a, multiple, "c1,c3");
        await s.ChooseAsync(b, multiple, "c1");
        await s.ChooseAsync(a, rating, "4");
        await s.ChooseAsync(b, rating, "5");
        await s.ChooseAsync(a, agree, "agree");
        var unknown = await s.ChooseAsync(b, agree, "maybe");
        Assert.Contains("Choose one of the options", WorkshopScenario.CardText(unknown));

        Assert.Equal(new Dictionary<string, int> { ["c2"] = 2 }, await s.TallyAsync(single));
        Assert.Equal(new Dictionary<string, int> { ["c1"] = 2, ["c3"] = 1 }, await s.TallyAsync(multiple));
        Assert.Equal(new Dictionary<string, int> { ["4"] = 1, ["5"] = 1 }, await s.TallyAsync(rating));
        Assert.Equal(new Dictionary<string, int> { ["agree"] = 1 }, await s.TallyAsync(agree));
    }

    [Fact]
    public async Task ForgedAndRepeatedVotesAreRefusedPolitelyAndCountOnce()
    {
        await using var s = await WorkshopScenario.CreateAsync();
        await s.StartAsync();
        var a = WorkshopScenario.Representative(1);
        var outsider = BotTestHost.User("Not Joined");
        await s.JoinAsync(a);
        var board = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.WorkedWell, Dots: "1"));
        await s.AddIdeaAsync(a, board, "Prompt action.");
        await s.PhaseAsync(board, PhaseActions.Open);

        // A redelivered activity (same id) is counted once.
        var vote = s.Host.CardAction(a, s.Channel, BallotScreen.Dot, new DotData(s.WorkshopId, board.Id, 1, "i1"));
        Assert.Equal(HttpStatusCode.OK, (await s.Host.InvokeAsync(vote)).Status);
        Assert.Equal(HttpStatusCode.OK, (await s.Host.InvokeAsync(vote)).Status);
        // The same click under a new id (e.g. a retry past the endpoint) is over budget, not a second dot.
        Assert.Contains("used all 1 of your dots", WorkshopScenario.CardText(await s.DotAsync(a, board, "i1")));

        // Card data that names someone else changes nothing: identity comes from the activity.
        var naming = new DotDataNamingSomeone(s.WorkshopId, board.Id, 1, "i1", a.AadObjectId, a.Id);
        var forgedIdentity = await s.Host.ExecuteAsync(outsider, s.Channel, BallotScreen.Dot, naming);
        Assert.Contains("Join the workshop to vote", WorkshopScenario.CardText(forgedIdentity));

        // Another workshop's poll, an unknown option, a nonsense delta, a workshop that does not exist.
        await using var other = await WorkshopScenario.CreateAsync();
        var otherPoll = $"{Guid.NewGuid():N}-p1";
        var elsewhere = await s.ExecuteAsync(a, BallotScreen.Dot, new DotData(s.WorkshopId, otherPoll, 1, "i1"));
        Assert.Contains("not part of this workshop", WorkshopScenario.CardText(elsewhere));
        Assert.Contains("not on this board", WorkshopScenario.CardText(await s.DotAsync(a, board, "i99")));
        Assert.Contains("not on this board", WorkshopScenario.CardText(await s.DotAsync(a, board, "i1", 5)));
        var gone = await s.ExecuteAsync(a, BallotScreen.Dot, new DotData(Guid.NewGuid(), board.Id, 1, "i1"));
        Assert.Contains(WorkshopBot.Common.Teams.Reply.NotAvailableTitle, WorkshopScenario.CardText(gone));

        // Closed poll.
        await s.PhaseAsync(board, PhaseActions.Close);
        Assert.Contains("Voting has closed", WorkshopScenario.CardText(await s.DotAsync(a, board, "i1", -1)));

        // Chair-only actions by a participant.
        const string refused = WorkshopBot.Common.Teams.Reply.NotAvailableTitle;
        Assert.Contains(refused, WorkshopScenario.CardText(await s.PhaseAsync(board, PhaseActions.Reset, a)));
        Assert.Contains(refused, WorkshopScenario.CardText(await s.ExportAsync(a)));
        Assert.Contains(refused, WorkshopScenario.CardText(await s.TryCreatePollAsync(new CreatePollData(s.WorkshopId,
            PollTypes.WorkedWell), a)));

        Assert.Equal(new Dictionary<string, int> { ["i1"] = 1 }, await s.TallyAsync(board));
    }

    [Fact]
    public async Task AVotesPollOfAnotherWorkshopIsRefusedByTheStore()
    {
        await using var s = await WorkshopScenario.CreateAsync();
        await s.StartAsync();
        var a = WorkshopScenario.Representative(1);
        await s.JoinAsync(a);
        var board = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.WorkedWell));
        await s.AddIdeaAsync(a, board, "Prompt action.");
        await s.PhaseAsync(board, PhaseActions.Open);

        var result = await s.Votes.MoveDotAsync(Guid.NewGuid(), board.Id, a.AadObjectId, "i1", 1, "r1", DateTimeOffset.UtcNow, default);

        Assert.Equal(VoteOutcome.OtherWorkshop, result.Outcome);
        Assert.Empty(await s.TallyAsync(board));
    }

    [Fact]
    public async Task VotesSurviveARestartInTheMiddleOfVoting()
    {
        await using var s = await WorkshopScenario.CreateAsync();
        await s.StartAsync();
        var voters = Enumerable.Range(1, 6).Select(i => BotTestHost.User($"Voter {i}")).ToList();
        foreach (var v in voters)
        {
            await s.JoinAsync(v, JoinScreen.OtherAgency);
        }

        var board = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.CouldImprove, Dots: "2", MaxPerItem: "2"));
        await s.AddIdeaAsync(voters[0], board, "Out of hours senior cover.");
        await s.PhaseAsync(board, PhaseActions.Open);
        foreach (var v in voters.Take(3))
        {
            await s.DotAsync(v, board, "i1");
        }

        await s.Host.RestartAsync();
        foreach (var v in voters)
        {
            await s.DotAsync(v, board, "i1");
        }

        Assert.Equal(new Dictionary<string, int> { ["i1"] = 9 }, await s.TallyAsync(board));
        Assert.Contains("used all 2 of your dots", WorkshopScenario.CardText(await s.DotAsync(voters[0], board, "i1")));
    }

    [Fact]
    public async Task AClosedPollRefusesVotesEvenWhenTheVoteStoreMissedTheClose()
    {
        await using var s = await WorkshopScenario.CreateAsync();
        await s.StartAsync();
        var a = WorkshopScenario.Representative(1);
        await s.JoinAsync(a);
        var poll = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.RatingFive, "Confidence in the plan?"));
        await s.PhaseAsync(poll, PhaseActions.Open);
        await s.PhaseAsync(poll, PhaseActions.Close);

        // As after a failure between saving the closed poll and closing it in the vote store.
        await s.Votes.SetStatusAsync(poll.Id, PollVotingStatus.Open, null, DateTimeOffset.UtcNow, default);

        Assert.Contains("Voting has closed", WorkshopScenario.CardText(await s.ChooseAsync(a, poll, "5")));
        Assert.Empty(await s.TallyAsync(poll));
    }

    /// <summary>A Dot button's data with a person's identity added, as a forged card would carry it.</summary>
    private sealed record DotDataNamingSomeone(Guid WorkshopId, string PollId, int Delta, string OptionId, string UserKey, string From);
}
