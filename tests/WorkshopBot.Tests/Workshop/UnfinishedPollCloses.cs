using WorkshopBot.Common.Storage;
using WorkshopBot.Tests.Support;
using WorkshopBot.Workshop.Domain;
using WorkshopBot.Workshop.Jobs;
using WorkshopBot.Workshop.Storage;
using WorkshopBot.Workshop.Teams;

namespace WorkshopBot.Tests.Workshop;

/// <summary>
/// A close reaches the vote store before its turn saves the poll, so that the card's final tally comes after the last vote.
/// When that turn never commits (given up after conflicts here; a crash does the same), votes are refused while the saved
/// poll and its card say voting is open: the phase timer finishes the close.
/// </summary>
public sealed class UnfinishedPollCloses
{
    [Fact]
    public async Task AChairsCloseWhoseTurnWasGivenUpIsFinishedByThePhaseTimer()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        var contested = new ContestedCommits(WorkshopRepository.Collection);
        var (s, a, poll) = await OpenPollAsync(clock, contested);
        await using var scenario = s;

        contested.Times = int.MaxValue;
        var close = await s.PhaseAsync(poll, PhaseActions.Close);
        contested.Times = 0;
        Assert.Contains(DocumentChanges.ChangedElsewhere, WorkshopScenario.CardText(close), StringComparison.Ordinal);
        Assert.Equal(PollPhase.Voting, (await s.SessionAsync()).FindPoll(poll.Id)!.Phase);
        Assert.Contains("Voting has closed", WorkshopScenario.CardText(await s.ChooseAsync(a, poll, "c2")), StringComparison.Ordinal);

        // Not while a turn could still be at work on it; then once, as the timer's close, with the card updated.
        var timer = s.Host.Get<WorkshopPhaseTimer>();
        Assert.Equal(0, await timer.RunOnceAsync(default));
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await timer.RunOnceAsync(default));
        Assert.Equal(0, await timer.RunOnceAsync(default));

        var saved = (await s.SessionAsync()).FindPoll(poll.Id)!;
        Assert.Equal(PollPhase.Closed, saved.Phase);
        Assert.Single(await s.LogAsync("workshop-poll", poll.Id),
            e => e.Action == "workshop.poll.close" && e.ActorId == WorkshopPhaseTimer.TimerActor.UserId);
        Assert.Equal(new Dictionary<string, int> { ["c1"] = 1 }, await s.TallyAsync(poll));
        Assert.Empty(await s.Votes.ListUnfinishedClosesAsync(clock.GetUtcNow(), default));
        await s.Host.DrainOutboxAsync();
        Assert.Contains(s.UpdatesOf(saved), u => u.AllText.Contains("Closed", StringComparison.Ordinal));

        // The chair can reopen it as any closed poll.
        await s.PhaseAsync(poll, PhaseActions.Reopen);
        Assert.DoesNotContain("Voting has closed", WorkshopScenario.CardText(await s.ChooseAsync(a, poll, "c2")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACloseGivenUpAndPressedAgainLeavesTheTimerNothingToFinish()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        var contested = new ContestedCommits(WorkshopRepository.Collection);
        var (s, a, poll) = await OpenPollAsync(clock, contested);
        await using var scenario = s;

        contested.Times = int.MaxValue;
        await s.PhaseAsync(poll, PhaseActions.Close);
        contested.Times = 0;
        await s.PhaseAsync(poll, PhaseActions.Close);
        await s.PhaseAsync(poll, PhaseActions.Reopen);
        clock.Advance(TimeSpan.FromMinutes(2));

        Assert.Equal(0, await s.Host.Get<WorkshopPhaseTimer>().RunOnceAsync(default));
        Assert.Equal(PollPhase.Voting, (await s.SessionAsync()).FindPoll(poll.Id)!.Phase);
        Assert.Single(await s.LogAsync("workshop-poll", poll.Id), e => e.Action == "workshop.poll.close");
        Assert.DoesNotContain("Voting has closed", WorkshopScenario.CardText(await s.ChooseAsync(a, poll, "c2")), StringComparison.Ordinal);
        Assert.Equal(new Dictionary<string, int> { ["c2"] = 1 }, await s.TallyAsync(poll));
    }

    [Fact]
    public async Task ARatificationWhoseTurnWasGivenUpLeavesTheGradePollClosedNotStuckOpen()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        var contested = new ContestedCommits(WorkshopRepository.Collection);
        await using var s = await WorkshopScenario.CreateAsync(o =>
        {
            o.Time = clock;
            o.Services = contested.Register;
        });
        await s.StartAsync();
        var poll = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.Grade, CaseReference: WorkshopScenario.Case.Value));
        await s.PhaseAsync(poll, PhaseActions.Open);

        contested.Times = int.MaxValue;
        await s.RatifyAsync(poll, "good", "Agencies shared information promptly.");
        contested.Times = 0;
        Assert.Equal(PollPhase.Voting, (await s.SessionAsync()).FindPoll(poll.Id)!.Phase);

        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await s.Host.Get<WorkshopPhaseTimer>().RunOnceAsync(default));
        var saved = await s.SessionAsync();
        Assert.Equal(PollPhase.Closed, saved.FindPoll(poll.Id)!.Phase);
        Assert.Empty(saved.Judgements);
    }

    /// <summary>A workshop with one joined representative who has voted in an open single-choice poll.</summary>
    private static async Task<(WorkshopScenario S, TestUser A, Poll Poll)> OpenPollAsync(ManualTimeProvider clock,
        ContestedCommits contested)
    {
        var s = await WorkshopScenario.CreateAsync(o =>
        {
            o.Time = clock;
            o.Services = contested.Register;
        });
        await s.StartAsync();
        var a = WorkshopScenario.Representative(1);
        await s.JoinAsync(a);
        var poll = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.Single, "Best next step?",
            Choices: "Training\nAudit again"));
        await s.PhaseAsync(poll, PhaseActions.Open);
        await s.ChooseAsync(a, poll, "c1");
        return (s, a, poll);
    }
}
