using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Cards;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Support;
using WorkshopBot.Workshop;
using WorkshopBot.Workshop.Domain;
using WorkshopBot.Workshop.Jobs;
using WorkshopBot.Workshop.Storage;
using WorkshopBot.Workshop.Teams;

namespace WorkshopBot.Tests.Workshop;

/// <summary>Defects found in review: each test failed before its fix.</summary>
public sealed class WorkshopReviewDefects
{
    [Fact]
    public async Task HidingAnIdeaOnceVotingOpenedIsRefusedSoNoDotsAreStranded()
    {
        await using var s = await WorkshopScenario.CreateAsync();
        await s.StartAsync();
        var rep = WorkshopScenario.Representative(1);
        await s.JoinAsync(rep);
        var board = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.WorkedWell, Dots: "2", MaxPerItem: "2"));
        await s.AddIdeaAsync(rep, board, "Agencies acted promptly.");
        await s.AddIdeaAsync(rep, board, "Father was involved.");
        await s.PhaseAsync(board, PhaseActions.Open);
        await s.DotAsync(rep, board, "i1");
        await s.DotAsync(rep, board, "i1");

        var hide = await s.Host.ExecuteAsync(s.Chair, s.Channel, ModerationScreen.Moderate, new ModerateData(s.WorkshopId, board.Id, ModerateActions.Hide, "i1"));

        // Had the idea been hidden, the two dots on it could neither be taken back nor spent elsewhere.
        Assert.Contains("before voting opens", WorkshopScenario.CardText(hide));
        Assert.True((await s.SessionAsync()).FindPoll(board.Id)!.FindItem("i1")!.IsVisible);
        await s.DotAsync(rep, board, "i1", -1);
        await s.DotAsync(rep, board, "i2");
        Assert.Equal(new Dictionary<string, int> { ["i1"] = 1, ["i2"] = 1 }, await s.TallyAsync(board));
    }

    [Fact]
    public async Task PhaseTimerDoesNotCloseAPollReopenedAfterItWasFoundDue()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        var stale = new StaleDueList();
        await using var s = await WorkshopScenario.CreateAsync(o =>
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
    public async Task ReRatifyingAGradeUpdatesTheChannelCardToTheNewGrade()
    {
        await using var s = await WorkshopScenario.CreateAsync();
        await s.StartAsync();
        var grade = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.Grade, CaseReference: WorkshopScenario.Case.Value));
        await s.PhaseAsync(grade, PhaseActions.Open);
        await s.Host.ExecuteAsync(s.Chair, s.Channel, RatifyScreen.Ratify, new RatifyData(s.WorkshopId, grade.Id, "good", "Prompt multi-agency action."));
        await s.Host.DrainOutboxAsync();

        // The chair corrects the grade: the card everyone sees must say so, not keep the first grade.
        var corrected = await s.Host.ExecuteAsync(s.Chair, s.Channel, RatifyScreen.Ratify,
            new RatifyData(s.WorkshopId, grade.Id, "requires-improvement", "On reflection information sharing was slow."));
        Assert.Contains("Ratified: Requires improvement", WorkshopScenario.CardText(corrected));
        await s.Host.DrainOutboxAsync();

        var last = s.UpdatesOf((await s.SessionAsync()).FindPoll(grade.Id)!)[^1];
        Assert.Contains("Ratified multi-agency grade: **Requires improvement**", last.AllText);
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

    [Fact]
    public async Task PersonalBallotsSentOnReopenShowTheDotsAlreadyPlaced()
    {
        await using var s = await WorkshopScenario.CreateAsync(o => o.Settings["Workshop:MaxRefreshUsers"] = "1");
        await s.StartAsync();
        var first = BotTestHost.User("Voter 1");
        await s.JoinAsync(first, "other");
        await s.JoinAsync(BotTestHost.User("Voter 2"), "other");
        var board = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.WorkedWell, Dots: "3", MaxPerItem: "3"));
        await s.AddIdeaAsync(first, board, "Agencies acted promptly.");
        await s.PhaseAsync(board, PhaseActions.Open);
        await s.DotAsync(first, board, "i1");
        await s.DotAsync(first, board, "i1");
        await s.PhaseAsync(board, PhaseActions.Close);
        await s.Host.DrainOutboxAsync();
        var before = s.Host.Sent().Count;

        await s.PhaseAsync(board, PhaseActions.Reopen);
        await s.Host.DrainOutboxAsync();

        // A ballot saying "0 of 3 used" would tell the voter they had three dots to spend when they have one.
        var ballots = s.Host.Sent().Skip(before).Where(a => a.Method == "POST" && a.AllText.Contains("your view", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, ballots.Count);
        Assert.Single(ballots, b => b.AllText.Contains("You have used 2 of 3 dots", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnUnknownPollKindIsRefusedNotTurnedIntoAnIdeaBoard()
    {
        await using var s = await WorkshopScenario.CreateAsync();
        await s.StartAsync();

        var result = await s.Host.ExecuteAsync(s.Chair, s.Channel, PollsScreen.CreatePoll, new CreatePollData(s.WorkshopId, "ranking", "Which matters most?"));

        Assert.Equal(System.Net.HttpStatusCode.OK, result.Status);
        Assert.Contains("Poll not created", WorkshopScenario.CardText(result));
        Assert.Empty((await s.SessionAsync()).Polls);
    }

    /// <summary>Hands the timer a due list read earlier, to replay the race between its read and its close.</summary>
    private sealed class StaleDueList
    {
        public IReadOnlyList<PollVotingRules>? Frozen { get; set; }
    }

    private sealed class StaleDueStore(IWorkshopVoteStore inner, StaleDueList stale) : IWorkshopVoteStore
    {
        public Task<bool> JoinAsync(Guid workshopId, WorkshopParticipant participant, CancellationToken cancellationToken) => inner.JoinAsync(workshopId, participant, cancellationToken);

        public Task<WorkshopParticipant?> GetParticipantAsync(Guid workshopId, string userKey, CancellationToken cancellationToken) => inner.GetParticipantAsync(workshopId, userKey, cancellationToken);

        public Task<IReadOnlyList<WorkshopParticipant>> ListParticipantsAsync(Guid workshopId, CancellationToken cancellationToken, int? limit = null) =>
            inner.ListParticipantsAsync(workshopId, cancellationToken, limit);

        public Task<int> CountParticipantsAsync(Guid workshopId, CancellationToken cancellationToken) => inner.CountParticipantsAsync(workshopId, cancellationToken);

        public Task RegisterPollAsync(PollVotingRules rules, DateTimeOffset now, CancellationToken cancellationToken) => inner.RegisterPollAsync(rules, now, cancellationToken);

        public Task<PollVotingRules?> GetRulesAsync(string pollId, CancellationToken cancellationToken) => inner.GetRulesAsync(pollId, cancellationToken);

        public Task SetStatusAsync(string pollId, PollVotingStatus status, DateTimeOffset? closesAt, DateTimeOffset now, CancellationToken cancellationToken) =>
            inner.SetStatusAsync(pollId, status, closesAt, now, cancellationToken);

        public Task<VoteResult> MoveDotAsync(Guid workshopId, string pollId, string voterKey, string optionId, int delta, string requestId, DateTimeOffset now,
            CancellationToken cancellationToken) => inner.MoveDotAsync(workshopId, pollId, voterKey, optionId, delta, requestId, now, cancellationToken);

        public Task<VoteResult> SetChoicesAsync(Guid workshopId, string pollId, string voterKey, IReadOnlyCollection<string> optionIds, string requestId,
            DateTimeOffset now, CancellationToken cancellationToken) => inner.SetChoicesAsync(workshopId, pollId, voterKey, optionIds, requestId, now, cancellationToken);

        public Task<int> ResetAsync(string pollId, DateTimeOffset now, CancellationToken cancellationToken) => inner.ResetAsync(pollId, now, cancellationToken);

        public Task<IReadOnlyList<OptionTally>> TallyAsync(string pollId, CancellationToken cancellationToken) => inner.TallyAsync(pollId, cancellationToken);

        public Task<IReadOnlyDictionary<string, int>> BallotAsync(string pollId, string voterKey, CancellationToken cancellationToken) => inner.BallotAsync(pollId, voterKey, cancellationToken);

        public Task<int> CountVotersAsync(string pollId, CancellationToken cancellationToken) => inner.CountVotersAsync(pollId, cancellationToken);

        public Task<IReadOnlyList<StoredVote>> ListVotesAsync(string pollId, CancellationToken cancellationToken) => inner.ListVotesAsync(pollId, cancellationToken);

        public Task<IReadOnlyList<PollVotingRules>> ListDueToCloseAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
            stale.Frozen is { } frozen ? Task.FromResult(frozen) : inner.ListDueToCloseAsync(now, cancellationToken);
    }

    private static void Decorate(IServiceCollection services, StaleDueList stale)
    {
        services.TryAddSingleton<SqlWorkshopVoteStore>();
        services.Replace(ServiceDescriptor.Singleton<IWorkshopVoteStore>(sp => new StaleDueStore(sp.GetRequiredService<SqlWorkshopVoteStore>(), stale)));
    }
}
