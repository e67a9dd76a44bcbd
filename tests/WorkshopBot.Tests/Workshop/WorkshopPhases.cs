using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WorkshopBot.Common.Storage;
using WorkshopBot.Tests.Support;
using WorkshopBot.Workshop.Domain;
using WorkshopBot.Workshop.Jobs;
using WorkshopBot.Workshop.Storage;
using WorkshopBot.Workshop.Teams;

namespace WorkshopBot.Tests.Workshop;

/// <summary>Voting opens, closes, reopens, resets and reveals at the chair's word or the phase timer's; each change is logged.</summary>
public sealed class WorkshopPhases
{
    [Fact]
    public async Task HiddenResultsStayHiddenUntilRevealedOrClosedAndPhasesAreLogged()
    {
        await using var s = await WorkshopScenario.CreateAsync();
        await s.StartAsync();
        var a = WorkshopScenario.Representative(1);
        await s.JoinAsync(a);
        var poll = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.Single, "Best next step?",
            Visibility: nameof(ResultsVisibility.HiddenUntilClose), Choices: "Training\nAudit again"));
        await s.PhaseAsync(poll, PhaseActions.Open);

        var ballot = await s.ChooseAsync(a, poll, "c1");
        Assert.Contains("Results are hidden until voting closes", WorkshopScenario.CardText(ballot));
        var notChair = await s.PhaseAsync(poll, PhaseActions.Reveal, a);
        Assert.Contains(WorkshopBot.Common.Teams.Reply.NotAvailableTitle, WorkshopScenario.CardText(notChair));
        await s.PhaseAsync(poll, PhaseActions.Reveal);
        var revealed = await s.ViewAsync(a, poll);
        Assert.DoesNotContain("Results are hidden", WorkshopScenario.CardText(revealed));
        Assert.Contains("1 vote", WorkshopScenario.CardText(revealed));

        await s.PhaseAsync(poll, PhaseActions.Close);
        await s.Host.DrainOutboxAsync();
        Assert.Contains("Closed", s.UpdatesOf((await s.SessionAsync()).FindPoll(poll.Id)!)[^1].AllText, StringComparison.Ordinal);
        var late = await s.ChooseAsync(a, poll, "c2");
        Assert.Contains("Voting has closed", WorkshopScenario.CardText(late));
        await s.PhaseAsync(poll, PhaseActions.Reset);
        Assert.Empty(await s.TallyAsync(poll));
        await s.PhaseAsync(poll, PhaseActions.Reopen);
        await s.ChooseAsync(a, poll, "c2");
        Assert.Equal(new Dictionary<string, int> { ["c2"] = 1 }, await s.TallyAsync(poll));

        var actions = (await s.LogAsync("workshop-poll", poll.Id)).Select(e => e.Action).ToList();
        Assert.Equal(
            [
                "workshop.poll.create", "workshop.poll.open", "workshop.vote", "workshop.poll.reveal", "workshop.poll.close",
                "workshop.poll.reset", "workshop.poll.reopen", "workshop.vote",
            ],
            actions);
        // Reset and reopen queue a card each: the newer (open again) is the one the card ends on, the older is not sent after it.
        await s.Host.DrainOutboxAsync();
        Assert.Contains("Voting open", s.UpdatesOf((await s.SessionAsync()).FindPoll(poll.Id)!)[^1].AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PhaseTimerClosesVotingWhenItRunsOut()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var s = await WorkshopScenario.CreateAsync(o => o.Time = clock);
        await s.StartAsync();
        var a = WorkshopScenario.Representative(1);
        await s.JoinAsync(a);
        var poll = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.RatingFive, "Confidence in the plan?", Timer: "3"));
        await s.PhaseAsync(poll, PhaseActions.Open);
        var timer = s.Host.Get<WorkshopPhaseTimer>();

        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(0, await timer.RunOnceAsync(default));
        await s.ChooseAsync(a, poll, "3");
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await timer.RunOnceAsync(default));

        Assert.Equal(PollPhase.Closed, (await s.SessionAsync()).FindPoll(poll.Id)!.Phase);
        Assert.Contains("Voting has closed", WorkshopScenario.CardText(await s.ChooseAsync(a, poll, "5")));
        Assert.Equal(new Dictionary<string, int> { ["3"] = 1 }, await s.TallyAsync(poll));
        Assert.Contains(await s.LogAsync("workshop-poll", poll.Id),
            e => e.Action == "workshop.poll.close" && e.ActorId == WorkshopPhaseTimer.TimerActor.UserId);
    }

    /// <summary>The card says when voting closes: a vote after that is not counted, though the timer has not run yet.</summary>
    [Fact]
    public async Task AVoteAfterThePollsTimerRanOutIsNotCountedBeforeTheTimerCloses()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var s = await WorkshopScenario.CreateAsync(o => o.Time = clock);
        await s.StartAsync();
        var a = WorkshopScenario.Representative(1);
        await s.JoinAsync(a);
        var poll = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.RatingFive, "Confidence in the plan?", Timer: "3"));
        await s.PhaseAsync(poll, PhaseActions.Open);
        await s.ChooseAsync(a, poll, "3");

        clock.Advance(TimeSpan.FromMinutes(3));
        var late = WorkshopScenario.CardText(await s.ChooseAsync(a, poll, "5"));

        Assert.Contains("Voting has closed; your vote was not counted.", late, StringComparison.Ordinal);
        Assert.Equal(new Dictionary<string, int> { ["3"] = 1 }, await s.TallyAsync(poll));
    }

    [Fact]
    public async Task PhaseTimerDoesNotCloseAPollReopenedAfterItWasFoundDue()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        var stale = new StaleDueList();
        var (s, a, poll) = await DueTimedPollAsync(clock, stale);
        await using var scenario = s;

        // The timer read the due list, then the chair closed and reopened (a fresh 3 minutes) before it acted.
        stale.Frozen = await s.Votes.ListDueToCloseAsync(clock.GetUtcNow(), default);
        Assert.Single(stale.Frozen);
        await s.PhaseAsync(poll, PhaseActions.Close);
        await s.PhaseAsync(poll, PhaseActions.Reopen);

        Assert.Equal(0, await s.Host.Get<WorkshopPhaseTimer>().RunOnceAsync(default));
        Assert.Equal(PollPhase.Voting, (await s.SessionAsync()).FindPoll(poll.Id)!.Phase);
        Assert.Equal(PollVotingStatus.Open, (await s.Votes.GetRulesAsync(poll.Id, default))!.Status);
        Assert.DoesNotContain("Voting has closed", WorkshopScenario.CardText(await s.ChooseAsync(a, poll, "4")));
        Assert.Equal(new Dictionary<string, int> { ["4"] = 1 }, await s.TallyAsync(poll));
    }

    [Fact]
    public async Task PhaseTimerDoesNotCloseTheVoteStoreOfAPollReopenedWhileItWasClosingIt()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        var stale = new StaleDueList();
        var (s, a, poll) = await DueTimedPollAsync(clock, stale);
        await using var scenario = s;

        // The timer has read the poll as due; the chair closes and reopens it (a fresh 3 minutes) just before the timer's
        // close reaches the vote store. The timer's own save then loses, and on its second run the poll is not due.
        stale.BeforeTimerCloses = async () =>
        {
            await s.PhaseAsync(poll, PhaseActions.Close);
            await s.PhaseAsync(poll, PhaseActions.Reopen);
        };
        Assert.Equal(0, await s.Host.Get<WorkshopPhaseTimer>().RunOnceAsync(default));

        Assert.Null(stale.BeforeTimerCloses);
        Assert.Equal(PollPhase.Voting, (await s.SessionAsync()).FindPoll(poll.Id)!.Phase);
        Assert.Equal(PollVotingStatus.Open, (await s.Votes.GetRulesAsync(poll.Id, default))!.Status);
        Assert.DoesNotContain("Voting has closed", WorkshopScenario.CardText(await s.ChooseAsync(a, poll, "4")));
        Assert.Equal(new Dictionary<string, int> { ["4"] = 1 }, await s.TallyAsync(poll));
    }

    [Fact]
    public async Task AResetTheChairIsToldWasNotSavedRemovesNoVote()
    {
        var contested = new ContestedCommits(WorkshopRepository.Collection);
        await using var s = await WorkshopScenario.CreateAsync(o => o.Services = contested.Register);
        await s.StartAsync();
        var a = WorkshopScenario.Representative(1);
        await s.JoinAsync(a);
        var poll = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.Single, "Best next step?",
            Choices: "Training\nAudit again"));
        await s.PhaseAsync(poll, PhaseActions.Open);
        await s.ChooseAsync(a, poll, "c1");

        // Another writer saves the workshop first every time: the reset is given up, and so must its effect on the votes.
        contested.Times = int.MaxValue;
        var reset = await s.PhaseAsync(poll, PhaseActions.Reset);
        contested.Times = 0;

        Assert.Contains(DocumentChanges.ChangedElsewhere, WorkshopScenario.CardText(reset), StringComparison.Ordinal);
        Assert.Equal(new Dictionary<string, int> { ["c1"] = 1 }, await s.TallyAsync(poll));
        Assert.Equal(0, (await s.SessionAsync()).FindPoll(poll.Id)!.Resets);
        Assert.DoesNotContain(await s.LogAsync("workshop-poll", poll.Id), e => e.Action == "workshop.poll.reset");

        // Pressed again, it goes through once: the votes go, with the saved reset and its audit entry.
        await s.PhaseAsync(poll, PhaseActions.Reset);
        Assert.Empty(await s.TallyAsync(poll));
        Assert.Equal(1, (await s.SessionAsync()).FindPoll(poll.Id)!.Resets);
        Assert.Single(await s.LogAsync("workshop-poll", poll.Id), e => e.Action == "workshop.poll.reset");
    }

    /// <summary>
    /// The chair's controls answering a reset show the poll with no votes, as its card does: not the tally just removed,
    /// which invites a second reset.
    /// </summary>
    [Fact]
    public async Task TheChairsControlsAfterAResetShowNoVotes()
    {
        await using var s = await WorkshopScenario.CreateAsync();
        await s.StartAsync();
        var a = WorkshopScenario.Representative(1);
        await s.JoinAsync(a);
        var poll = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.Single, "Best next step?",
            Choices: "Training\nAudit again"));
        await s.PhaseAsync(poll, PhaseActions.Open);
        await s.ChooseAsync(a, poll, "c1");
        await s.PhaseAsync(poll, PhaseActions.Close);
        Assert.Contains("Closed · 1 person voted", WorkshopScenario.CardText(await s.ManageAsync(poll)), StringComparison.Ordinal);

        var reset = WorkshopScenario.CardText(await s.PhaseAsync(poll, PhaseActions.Reset));

        Assert.Contains("Closed · 0 people voted", reset, StringComparison.Ordinal);
        Assert.DoesNotContain("1 vote", reset, StringComparison.Ordinal);
        Assert.Contains("Closed · 0 people voted", WorkshopScenario.CardText(await s.ManageAsync(poll)), StringComparison.Ordinal);
    }

    /// <summary>
    /// Controls offer only what can be done: no "Reset votes" on a poll never opened (refused, and nothing logged), and on an
    /// idea board no Merge or Hide once voting has opened, only the wording.
    /// </summary>
    [Fact]
    public async Task TheChairsControlsOfferOnlyWhatThePollsPhaseAllows()
    {
        await using var s = await WorkshopScenario.CreateAsync();
        await s.StartAsync();
        var a = WorkshopScenario.Representative(1);
        await s.JoinAsync(a);
        var board = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.WorkedWell));
        await s.AddIdeaAsync(a, board, "Prompt strategy discussion.");
        await s.AddIdeaAsync(a, board, "Good information sharing.");

        var collecting = WorkshopScenario.CardText(await s.ManageAsync(board));
        Assert.DoesNotContain("Reset votes", collecting, StringComparison.Ordinal);
        Assert.Contains("\"Merge\"", collecting, StringComparison.Ordinal);
        Assert.Contains("\"Hide\"", collecting, StringComparison.Ordinal);
        var refused = WorkshopScenario.CardText(await s.PhaseAsync(board, PhaseActions.Reset));
        Assert.Contains("voting has not been opened", refused, StringComparison.Ordinal);
        Assert.DoesNotContain(await s.LogAsync("workshop-poll", board.Id), e => e.Action == "workshop.poll.reset");
        Assert.Equal(0, (await s.SessionAsync()).FindPoll(board.Id)!.Resets);

        await s.PhaseAsync(board, PhaseActions.Open);
        var voting = WorkshopScenario.CardText(await s.ManageAsync(board));
        Assert.Contains("Reset votes", voting, StringComparison.Ordinal);
        Assert.DoesNotContain("\"Merge\"", voting, StringComparison.Ordinal);
        Assert.DoesNotContain("\"Hide\"", voting, StringComparison.Ordinal);
        Assert.Contains("Edit wording", voting, StringComparison.Ordinal);
    }

    /// <summary>A workshop with one joined representative and a rating poll opened with a 3-minute timer that has run out.</summary>
    private static async Task<(WorkshopScenario S, TestUser A, Poll Poll)> DueTimedPollAsync(ManualTimeProvider clock, StaleDueList stale)
    {
        var s = await WorkshopScenario.CreateAsync(o =>
        {
            o.Time = clock;
            o.Services = services => Decorate(services, stale);
        });
        await s.StartAsync();
        var a = WorkshopScenario.Representative(1);
        await s.JoinAsync(a);
        var poll = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.RatingFive, "Confidence in the plan?", Timer: "3"));
        await s.PhaseAsync(poll, PhaseActions.Open);
        clock.Advance(TimeSpan.FromMinutes(3));
        return (s, a, poll);
    }

    private static void Decorate(IServiceCollection services, StaleDueList stale)
    {
        services.TryAddSingleton<SqlWorkshopVoteStore>();
        services.Replace(ServiceDescriptor.Singleton<IWorkshopVoteStore>(
            sp => new StaleDueStore(sp.GetRequiredService<SqlWorkshopVoteStore>(), stale)));
    }

    /// <summary>Hands the timer a due list read earlier, to replay the race between its read and its close.</summary>
    private sealed class StaleDueList
    {
        public IReadOnlyList<PollVotingRules>? Frozen { get; set; }

        /// <summary>Runs once, just before the next close reaches the vote store (the chair's presses in between).</summary>
        public Func<Task>? BeforeTimerCloses { get; set; }
    }

    /// <summary>The real vote store, except that the due list is the frozen one while it is set.</summary>
    private sealed class StaleDueStore(IWorkshopVoteStore inner, StaleDueList stale) : IWorkshopVoteStore
    {
        public Task<bool> JoinAsync(Guid workshopId, WorkshopParticipant participant, CancellationToken cancellationToken) =>
            inner.JoinAsync(workshopId, participant, cancellationToken);

        public Task<WorkshopParticipant?> GetParticipantAsync(Guid workshopId, string userKey, CancellationToken cancellationToken) =>
            inner.GetParticipantAsync(workshopId, userKey, cancellationToken);

        public Task<IReadOnlyList<WorkshopParticipant>> ListParticipantsAsync(Guid workshopId, CancellationToken cancellationToken,
            int? limit = null) =>
            inner.ListParticipantsAsync(workshopId, cancellationToken, limit);

        public Task<int> CountParticipantsAsync(Guid workshopId, CancellationToken cancellationToken) =>
            inner.CountParticipantsAsync(workshopId, cancellationToken);

        public Task RegisterPollAsync(PollVotingRules rules, DateTimeOffset now, CancellationToken cancellationToken) =>
            inner.RegisterPollAsync(rules, now, cancellationToken);

        public Task<PollVotingRules?> GetRulesAsync(string pollId, CancellationToken cancellationToken) =>
            inner.GetRulesAsync(pollId, cancellationToken);

        public Task<DateTimeOffset?> LastChangedAsync(string pollId, CancellationToken cancellationToken) =>
            inner.LastChangedAsync(pollId, cancellationToken);

        public async Task SetStatusAsync(string pollId, PollVotingStatus status, DateTimeOffset? closesAt, DateTimeOffset now,
            CancellationToken cancellationToken, DateTimeOffset? onlyIfClosesAt = null)
        {
            if (status == PollVotingStatus.Closed && stale.BeforeTimerCloses is { } before)
            {
                stale.BeforeTimerCloses = null;
                await before();
            }

            await inner.SetStatusAsync(pollId, status, closesAt, now, cancellationToken, onlyIfClosesAt);
        }

        public async Task CloseAheadAsync(string pollId, int opening, DateTimeOffset now, CancellationToken cancellationToken,
            DateTimeOffset? onlyIfClosesAt = null)
        {
            if (stale.BeforeTimerCloses is { } before)
            {
                stale.BeforeTimerCloses = null;
                await before();
            }

            await inner.CloseAheadAsync(pollId, opening, now, cancellationToken, onlyIfClosesAt);
        }

        public Task<IReadOnlyList<UnfinishedClose>> ListUnfinishedClosesAsync(DateTimeOffset madeBefore,
            CancellationToken cancellationToken) =>
            inner.ListUnfinishedClosesAsync(madeBefore, cancellationToken);

        public Task SettleCloseAsync(string pollId, DateTimeOffset closingAt, CancellationToken cancellationToken) =>
            inner.SettleCloseAsync(pollId, closingAt, cancellationToken);

        public Task<VoterState> ReadVoterAsync(Guid workshopId, string pollId, string voterKey, CancellationToken cancellationToken) =>
            inner.ReadVoterAsync(workshopId, pollId, voterKey, cancellationToken);

        public Task<PollCounts> CountsAsync(Guid workshopId, string pollId, CancellationToken cancellationToken) =>
            inner.CountsAsync(workshopId, pollId, cancellationToken);

        public Task<VoteResult> MoveDotAsync(Guid workshopId, string pollId, string voterKey, string optionId, int delta, string requestId,
            DateTimeOffset now, CancellationToken cancellationToken) =>
            inner.MoveDotAsync(workshopId, pollId, voterKey, optionId, delta, requestId, now, cancellationToken);

        public Task<VoteResult> SetChoicesAsync(Guid workshopId, string pollId, string voterKey, IReadOnlyCollection<string> optionIds,
            string requestId, DateTimeOffset now, CancellationToken cancellationToken) =>
            inner.SetChoicesAsync(workshopId, pollId, voterKey, optionIds, requestId, now, cancellationToken);

        public Task<int> ResetAsync(string pollId, DateTimeOffset now, CancellationToken cancellationToken) =>
            inner.ResetAsync(pollId, now, cancellationToken);

        public Task<IReadOnlyList<OptionTally>> TallyAsync(string pollId, CancellationToken cancellationToken) =>
            inner.TallyAsync(pollId, cancellationToken);

        public Task<IReadOnlyDictionary<string, int>> BallotAsync(string pollId, string voterKey, CancellationToken cancellationToken) =>
            inner.BallotAsync(pollId, voterKey, cancellationToken);

        public Task<int> CountVotersAsync(string pollId, CancellationToken cancellationToken) =>
            inner.CountVotersAsync(pollId, cancellationToken);

        public Task<IReadOnlyList<StoredVote>> ListVotesAsync(string pollId, CancellationToken cancellationToken) =>
            inner.ListVotesAsync(pollId, cancellationToken);

        public Task<IReadOnlyList<PollVotingRules>> ListDueToCloseAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
            stale.Frozen is { } frozen ? Task.FromResult(frozen) : inner.ListDueToCloseAsync(now, cancellationToken);
    }
}
