using WorkshopBot.Tests.Support;
using WorkshopBot.Workshop.Domain;
using WorkshopBot.Workshop.Teams;

namespace WorkshopBot.Tests.Workshop;

/// <summary>
/// The default idea board gives each person 5 dots, at most 1 on an idea: on a board of fewer than 5 ideas some dots cannot
/// be placed. The chair pressing Open voting there is told so first, and chooses to open anyway or to go back and add ideas.
/// </summary>
public sealed class OpenVotingOnASmallBoard
{
    [Fact]
    public async Task OpenVotingAsksTheChairFirstAndOpensOnlyWhenTheyOpenAnyway()
    {
        await using var s = await WorkshopScenario.CreateAsync();
        await s.StartAsync();
        var rep = WorkshopScenario.Representative(1);
        await s.JoinAsync(rep);
        var board = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.WorkedWell));
        foreach (var idea in new[] { "Prompt strategy discussion.", "Clear chronology.", "Good use of the interpreter." })
        {
            await s.AddIdeaAsync(rep, board, idea);
        }

        await s.Host.DrainOutboxAsync();
        var sentBefore = s.Host.Sent().Count;
        var asked = await s.ExecuteAsync(s.Chair, PollsScreen.Phase, new PhaseData(s.WorkshopId, board.Id, PhaseActions.Open));
        var askedText = WorkshopScenario.CardText(asked);
        var stillCollecting = (await s.SessionAsync()).FindPoll(board.Id)!;
        await s.Host.DrainOutboxAsync();
        var sentAfterQuestion = s.Host.Sent().Count;

        Assert.Contains("Each person has 5 dots, at most 1 dot on an idea, and the board has 3 ideas.", askedText,
            StringComparison.Ordinal);
        Assert.Contains("each person can place only 3 of their 5 dots; the other 2 cannot be placed.", askedText,
            StringComparison.Ordinal);
        Assert.Contains(PollsScreen.OpenAnyway, askedText, StringComparison.Ordinal);
        Assert.Contains(PollsScreen.Manage, askedText, StringComparison.Ordinal);
        Assert.Contains(IdeasScreen.AddIdea, askedText, StringComparison.Ordinal);
        Assert.Equal(PollPhase.Collecting, stillCollecting.Phase);
        Assert.Equal(sentBefore, sentAfterQuestion);
        Assert.DoesNotContain(await s.LogAsync("workshop-poll", board.Id), e => e.Action == "workshop.poll.open");

        // Back to the poll: its controls, voting still to be opened.
        var back = await s.ExecuteAsync(s.Chair, PollsScreen.Manage, new PollRef(s.WorkshopId, board.Id));
        Assert.Contains("Open voting", WorkshopScenario.CardText(back), StringComparison.Ordinal);

        var opened = await s.ExecuteAsync(s.Chair, PollsScreen.OpenAnyway, new OpenAnywayData(s.WorkshopId, board.Id));
        Assert.Contains("Voting is open.", WorkshopScenario.CardText(opened), StringComparison.Ordinal);
        Assert.Equal(PollPhase.Voting, (await s.SessionAsync()).FindPoll(board.Id)!.Phase);
        Assert.Single(await s.LogAsync("workshop-poll", board.Id), e => e.Action == "workshop.poll.open");
        var ballot = await s.ViewAsync(rep, board);
        Assert.Contains("3 dots left that you can place", WorkshopScenario.CardText(ballot), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABoardWhoseIdeasTakeEveryDotOpensAtOnce()
    {
        await using var s = await WorkshopScenario.CreateAsync();
        await s.StartAsync();
        var rep = WorkshopScenario.Representative(1);
        await s.JoinAsync(rep);
        var full = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.CouldImprove));
        var twoOnEach = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.WorkedWell, Dots: "4", MaxPerItem: "2"));
        for (var i = 1; i <= 5; i++)
        {
            await s.AddIdeaAsync(rep, full, $"Area for development {i}.");
        }

        await s.AddIdeaAsync(rep, twoOnEach, "Prompt strategy discussion.");
        await s.AddIdeaAsync(rep, twoOnEach, "Clear chronology.");

        var fullOpened = await s.ExecuteAsync(s.Chair, PollsScreen.Phase, new PhaseData(s.WorkshopId, full.Id, PhaseActions.Open));
        var twoOpened = await s.ExecuteAsync(s.Chair, PollsScreen.Phase, new PhaseData(s.WorkshopId, twoOnEach.Id, PhaseActions.Open));

        Assert.Contains("Voting is open.", WorkshopScenario.CardText(fullOpened), StringComparison.Ordinal);
        Assert.Contains("Voting is open.", WorkshopScenario.CardText(twoOpened), StringComparison.Ordinal);
        var session = await s.SessionAsync();
        Assert.Equal((PollPhase.Voting, PollPhase.Voting), (session.FindPoll(full.Id)!.Phase, session.FindPoll(twoOnEach.Id)!.Phase));
    }
}
