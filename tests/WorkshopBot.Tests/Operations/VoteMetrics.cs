using WorkshopBot.Tests.Support;
using WorkshopBot.Tests.Workshop;
using WorkshopBot.Workshop.Domain;
using WorkshopBot.Workshop.Teams;

namespace WorkshopBot.Tests.Operations;

/// <summary>Votes are counted by operation and outcome, whatever the vote store registered.</summary>
public sealed class VoteMetrics
{
    [Fact]
    public async Task CountedAndRefusedDotsAreCountedByOutcome()
    {
        using var listener = new MetricListener("workshopbot.votes", "workshopbot.vote.operation", "workshopbot.outcome");
        var (s, rep, poll) = await OpenBoardAsync();
        await using (s)
        {
            await s.DotAsync(rep, poll, "i1");
            await s.DotAsync(rep, poll, "i1");
        }

        Assert.Contains(("MoveDot", "Accepted"), listener.Seen);
        Assert.Contains(listener.Seen, m => m.First == "MoveDot" && m.Second != "Accepted");
    }

    [Fact]
    public async Task ARedeliveredVoteIsCountedAsAReplayNotAsATurnHandled()
    {
        // The replay check rides along with the vote's first read, inside the handler's run: still a replay.
        using var listener = new MetricListener("workshopbot.activities", "workshopbot.route", "workshopbot.outcome");
        var (s, rep, poll) = await OpenBoardAsync();
        await using (s)
        {
            var vote = s.Host.CardAction(rep, s.Channel, BallotScreen.Choose, new ChooseData(s.WorkshopId, poll.Id, "i1"));
            await s.Host.InvokeAsync(vote);
            await s.Host.InvokeAsync(vote);
        }

        Assert.Contains((BallotScreen.Choose, "handled"), listener.Seen);
        Assert.Contains((BallotScreen.Choose, "replayed"), listener.Seen);
    }

    /// <summary>A one-dot idea board with one idea, open for voting, and a representative who joined.</summary>
    private static async Task<(WorkshopScenario Scenario, TestUser Rep, Poll Poll)> OpenBoardAsync()
    {
        var s = await WorkshopScenario.CreateAsync();
        await s.StartAsync();
        var rep = WorkshopScenario.Representative(1);
        await s.JoinAsync(rep);
        var poll = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.WorkedWell, Dots: "1"));
        await s.AddIdeaAsync(rep, poll, "Strategy meetings were prompt.", agencyId: "agency-1");
        await s.PhaseAsync(poll, PhaseActions.Open);
        return (s, rep, poll);
    }
}
