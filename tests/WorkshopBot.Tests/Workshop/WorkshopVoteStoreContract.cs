using WorkshopBot.Cards;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Storage;
using WorkshopBot.Workshop.Domain;
using WorkshopBot.Workshop.Storage;

namespace WorkshopBot.Tests.Workshop;

/// <summary>
/// The vote store's exact-once rules, on each provider: votes within budget, counted once, only while open; running
/// counts that always agree with the votes; and a vote decided on a ballot or poll that changed since is a conflict.
/// </summary>
public abstract class WorkshopVoteStoreContract : StorageContract
{
    private static readonly Guid WorkshopId = Guid.Parse("00000000-0000-0000-0000-00000000a001");

    private IWorkshopVoteStore Store => new SqlWorkshopVoteStore(Storage.Get<StorageDatabase>(), Storage.Get<IStoreCommitter>());

    [Fact]
    public async Task RejectsSecondVoteOverBudgetAndAnotherWorkshopsPoll()
    {
        var store = Store;
        await OpenPollAsync(store, "p1", dots: 2, maxPerOption: 2);
        await JoinAsync(store, "alex");

        Assert.Equal(VoteOutcome.Accepted, (await store.MoveDotAsync(WorkshopId, "p1", "alex", "a", 1, "r1", T0, default)).Outcome);
        var second = await store.MoveDotAsync(WorkshopId, "p1", "alex", "b", 1, "r2", T0, default);
        Assert.Equal((VoteOutcome.Accepted, 0), (second.Outcome, second.DotsLeft));
        Assert.Equal(VoteOutcome.OverBudget, (await store.MoveDotAsync(WorkshopId, "p1", "alex", "a", 1, "r3", T0, default)).Outcome);
        var elsewhere = await store.MoveDotAsync(Guid.NewGuid(), "p1", "alex", "a", 1, "r4", T0, default);
        Assert.Equal(VoteOutcome.OtherWorkshop, elsewhere.Outcome);
        Assert.Equal(VoteOutcome.UnknownPoll, (await store.MoveDotAsync(WorkshopId, "nope", "alex", "a", 1, "r5", T0, default)).Outcome);
        Assert.Equal(VoteOutcome.NotParticipant, (await store.MoveDotAsync(WorkshopId, "p1", "sam", "a", 1, "r6", T0, default)).Outcome);
        Assert.Equal(2, (await store.TallyAsync("p1", default)).Sum(t => t.Dots));
    }

    [Fact]
    public async Task CountsARepeatedRequestOnce()
    {
        var store = Store;
        await OpenPollAsync(store, "p1", dots: 5, maxPerOption: 5);
        await JoinAsync(store, "alex");

        var first = await store.MoveDotAsync(WorkshopId, "p1", "alex", "a", 1, "same-activity", T0, default);
        var again = await store.MoveDotAsync(WorkshopId, "p1", "alex", "a", 1, "same-activity", T0, default);

        Assert.Equal(VoteOutcome.Accepted, first.Outcome);
        Assert.Equal((VoteOutcome.Duplicate, 1), (again.Outcome, again.DotsUsed));
        Assert.Equal(1, Assert.Single(await store.TallyAsync("p1", default)).Dots);
    }

    [Fact]
    public async Task RefusesVotesBeforeOpeningAndAfterClosingAndResetRemovesAll()
    {
        var store = Store;
        await store.RegisterPollAsync(new PollVotingRules("p1", WorkshopId, PollVotingStatus.NotOpen, 1, 1, null), T0, default);
        await JoinAsync(store, "alex");
        Assert.Equal(VoteOutcome.NotOpen, (await store.SetChoicesAsync(WorkshopId, "p1", "alex", ["a"], "r1", T0, default)).Outcome);

        await store.SetStatusAsync("p1", PollVotingStatus.Open, T0.AddMinutes(5), T0, default);
        Assert.Equal(VoteOutcome.Accepted, (await store.SetChoicesAsync(WorkshopId, "p1", "alex", ["a"], "r2", T0, default)).Outcome);
        var twoChoices = await store.SetChoicesAsync(WorkshopId, "p1", "alex", ["a", "b"], "r3", T0, default);
        Assert.Equal(VoteOutcome.TooManyChoices, twoChoices.Outcome);
        Assert.Equal(VoteOutcome.Accepted, (await store.SetChoicesAsync(WorkshopId, "p1", "alex", ["b"], "r4", T0, default)).Outcome);
        Assert.Equal("b", Assert.Single(await store.TallyAsync("p1", default)).OptionId);
        Assert.Empty(await store.ListDueToCloseAsync(T0.AddMinutes(4), default));
        Assert.Equal("p1", Assert.Single(await store.ListDueToCloseAsync(T0.AddMinutes(5), default)).PollId);

        await store.SetStatusAsync("p1", PollVotingStatus.Closed, null, T0, default);
        Assert.Equal(VoteOutcome.Closed, (await store.SetChoicesAsync(WorkshopId, "p1", "alex", ["a"], "r5", T0, default)).Outcome);
        Assert.Equal(1, await store.ResetAsync("p1", T0, default));
        Assert.Empty(await store.TallyAsync("p1", default));
    }

    /// <summary>
    /// A close made ahead of its turn refuses votes at once and stays listed as unfinished until settled; a later change of
    /// status clears the mark, and settling an earlier close leaves a later close's mark alone.
    /// </summary>
    [Fact]
    public async Task ACloseMadeAheadIsListedUntilItsTurnSettlesIt()
    {
        var store = Store;
        await OpenPollAsync(store, "p1", dots: 1, maxPerOption: 1);
        await OpenPollAsync(store, "p2", dots: 1, maxPerOption: 1);
        await JoinAsync(store, "alex");

        await store.CloseAheadAsync("p1", 1, T0, default);
        Assert.Equal(VoteOutcome.Closed, (await store.SetChoicesAsync(WorkshopId, "p1", "alex", ["a"], "r1", T0, default)).Outcome);
        Assert.Empty(await store.ListUnfinishedClosesAsync(T0.AddSeconds(-1), default));
        Assert.Equal(new UnfinishedClose(WorkshopId, "p1", 1, T0), Assert.Single(await store.ListUnfinishedClosesAsync(T0, default)));

        // Reopened (a turn's status change) and closed ahead again: the first close's mark is gone, the second's stays.
        await store.SetStatusAsync("p1", PollVotingStatus.Open, null, T0.AddSeconds(1), default);
        Assert.Empty(await store.ListUnfinishedClosesAsync(T0.AddMinutes(5), default));
        await store.CloseAheadAsync("p1", 2, T0.AddSeconds(2), default);
        await store.SettleCloseAsync("p1", T0, default);
        Assert.Equal(2, Assert.Single(await store.ListUnfinishedClosesAsync(T0.AddMinutes(5), default)).Opening);
        await store.SettleCloseAsync("p1", T0.AddSeconds(2), default);
        Assert.Empty(await store.ListUnfinishedClosesAsync(T0.AddMinutes(5), default));
        Assert.Equal(PollVotingStatus.Closed, (await store.GetRulesAsync("p1", default))!.Status);

        // A timer's close that finds the deadline changed closes nothing and marks nothing.
        await store.CloseAheadAsync("p2", 1, T0, default, onlyIfClosesAt: T0.AddHours(1));
        Assert.Equal(PollVotingStatus.Open, (await store.GetRulesAsync("p2", default))!.Status);
        Assert.Empty(await store.ListUnfinishedClosesAsync(T0.AddMinutes(5), default));
    }

    [Fact]
    public async Task TakingBackADotFreesItAndNothingToRemoveIsRefused()
    {
        var store = Store;
        await OpenPollAsync(store, "p1", dots: 1, maxPerOption: 1);
        await JoinAsync(store, "alex");
        Assert.Equal(VoteOutcome.NothingToRemove, (await store.MoveDotAsync(WorkshopId, "p1", "alex", "a", -1, "r0", T0, default)).Outcome);
        await store.MoveDotAsync(WorkshopId, "p1", "alex", "a", 1, "r1", T0, default);
        await store.MoveDotAsync(WorkshopId, "p1", "alex", "a", -1, "r2", T0, default);
        Assert.Equal(VoteOutcome.Accepted, (await store.MoveDotAsync(WorkshopId, "p1", "alex", "b", 1, "r3", T0, default)).Outcome);
        Assert.Equal(new Dictionary<string, int> { ["b"] = 1 }, await store.BallotAsync("p1", "alex", default));
    }

    [Fact]
    public async Task ConcurrentVotesOfOnePersonNeverExceedTheBudgetAndEveryAcceptedVoteIsStored()
    {
        var store = Store;
        await OpenPollAsync(store, "p1", dots: 5, maxPerOption: 5);
        var voters = Enumerable.Range(0, 20).Select(i => $"voter-{i}").ToList();
        foreach (var voter in voters)
        {
            await JoinAsync(store, voter);
        }

        // Each voter fires 8 clicks at once against a budget of 5.
        var results = await Task.WhenAll(voters.SelectMany(v => Enumerable.Range(0, 8).Select(n =>
            store.MoveDotAsync(WorkshopId, "p1", v, "opt-" + (n % 3), 1, $"{v}-{n}", T0, default))));

        Assert.Equal(100, results.Count(r => r.Outcome == VoteOutcome.Accepted));
        Assert.Equal(60, results.Count(r => r.Outcome == VoteOutcome.OverBudget));
        Assert.Equal(100, (await store.TallyAsync("p1", default)).Sum(t => t.Dots));
        Assert.Equal(20, await store.CountVotersAsync("p1", default));
        Assert.All(voters, v => Assert.Equal(5, store.BallotAsync("p1", v, default).Result.Values.Sum()));
    }

    [Fact]
    public async Task ThePollsLastChangeIsItsLatestVoteOrStatusChangeWhicheverBatchCarriedIt()
    {
        var store = Store;
        await OpenPollAsync(store, "p1", dots: 2, maxPerOption: 2);
        Assert.Null(await store.LastChangedAsync("nope", default));
        var voters = Enumerable.Range(0, 12).Select(i => $"voter-{i}").ToList();
        foreach (var voter in voters)
        {
            await JoinAsync(store, voter);
        }

        // Votes decided at different times, committed together in batches in no particular order.
        var results = await Task.WhenAll(voters.Select((v, i) =>
            store.MoveDotAsync(WorkshopId, "p1", v, "a", 1, $"r-{v}", T0.AddMilliseconds(100 + (i * 37 % 12)), default)));
        Assert.All(results, r => Assert.Equal(VoteOutcome.Accepted, r.Outcome));
        Assert.Equal(T0.AddMilliseconds(111), await store.LastChangedAsync("p1", default));

        // A vote refused changes nothing; one decided on an older clock does not move the time back.
        var second = await store.MoveDotAsync(WorkshopId, "p1", "voter-0", "a", 1, "r-x", T0.AddSeconds(1), default);
        var third = await store.MoveDotAsync(WorkshopId, "p1", "voter-0", "a", 1, "r-y", T0.AddSeconds(2), default);
        Assert.Equal((VoteOutcome.Accepted, VoteOutcome.OverBudget), (second.Outcome, third.Outcome));
        Assert.Equal(T0.AddSeconds(1), await store.LastChangedAsync("p1", default));
        await store.MoveDotAsync(WorkshopId, "p1", "voter-1", "a", 1, "r-z", T0.AddMilliseconds(500), default);
        Assert.Equal(T0.AddSeconds(1), await store.LastChangedAsync("p1", default));
        await store.SetStatusAsync("p1", PollVotingStatus.Closed, null, T0.AddSeconds(3), default);
        Assert.Equal(T0.AddSeconds(3), await store.LastChangedAsync("p1", default));
    }

    [Fact]
    public async Task JoiningTwiceKeepsOneParticipantAndUpdatesTheAgency()
    {
        var store = Store;
        Assert.True(await store.JoinAsync(WorkshopId, new WorkshopParticipant("alex", "29:alex", "Alex", null, null, T0), default));
        Assert.False(await store.JoinAsync(WorkshopId, new WorkshopParticipant("alex", "29:alex", "Alex", null, null, T0), default));
        var police = new WorkshopParticipant("alex", "29:alex", "Alex", "agency-2", "Police", T0);
        Assert.True(await store.JoinAsync(WorkshopId, police, default));
        var participant = Assert.Single(await store.ListParticipantsAsync(WorkshopId, default));
        Assert.Equal("Police", participant.AgencyName);
    }

    [Fact]
    public async Task RunningCountsAgreeWithTheVotesThroughMovesChoicesAndAReset()
    {
        var store = Store;
        await OpenPollAsync(store, "p1", dots: 3, maxPerOption: 2);
        foreach (var voter in new[] { "alex", "sam", "kim" })
        {
            await JoinAsync(store, voter);
        }

        await store.MoveDotAsync(WorkshopId, "p1", "alex", "a", 1, "r1", T0, default);
        await store.MoveDotAsync(WorkshopId, "p1", "alex", "a", 1, "r2", T0, default);
        await store.MoveDotAsync(WorkshopId, "p1", "alex", "b", 1, "r3", T0, default);
        await store.MoveDotAsync(WorkshopId, "p1", "sam", "b", 1, "r4", T0, default);
        await store.MoveDotAsync(WorkshopId, "p1", "sam", "b", -1, "r5", T0, default);
        await store.MoveDotAsync(WorkshopId, "p1", "kim", "c", 1, "r6", T0, default);
        await AssertCountsMatchVotesAsync(store, "p1");
        var counts = await store.CountsAsync(WorkshopId, "p1", default);
        Assert.Equal((2, 3), (counts.Voters, counts.Participants));
        Assert.Equal([("a", 2, 1), ("b", 1, 1), ("c", 1, 1)],
            counts.Tally.OrderBy(t => t.OptionId).Select(t => (t.OptionId, t.Dots, t.Voters)));

        var alex = await store.ReadVoterAsync(WorkshopId, "p1", "alex", default);
        Assert.Equal(new Dictionary<string, int> { ["a"] = 2, ["b"] = 1 }, alex.Ballot);
        Assert.Equal((true, 3), (alex.Joined, (int)alex.Version));

        await store.RegisterPollAsync(new PollVotingRules("p2", WorkshopId, PollVotingStatus.Open, 2, 1, null), T0, default);
        await store.SetChoicesAsync(WorkshopId, "p2", "alex", ["x", "y"], "r7", T0, default);
        await store.SetChoicesAsync(WorkshopId, "p2", "alex", ["y"], "r8", T0, default);
        await store.SetChoicesAsync(WorkshopId, "p2", "sam", ["y"], "r9", T0, default);
        await AssertCountsMatchVotesAsync(store, "p2");
        Assert.Equal(("y", 2, 2), Assert.Single((await store.CountsAsync(WorkshopId, "p2", default)).Tally) is var t
            ? (t.OptionId, t.Dots, t.Voters) : default);

        Assert.Equal(3, await store.ResetAsync("p1", T0, default)); // vote rows: alex a, alex b, kim c
        var reset = await store.CountsAsync(WorkshopId, "p1", default);
        Assert.Equal((0, 0), (reset.Tally.Count, reset.Voters));
        Assert.Empty(await store.BallotAsync("p1", "alex", default));
        Assert.Equal(VoteOutcome.Accepted, (await store.MoveDotAsync(WorkshopId, "p1", "alex", "c", 1, "r10", T0, default)).Outcome);
        await AssertCountsMatchVotesAsync(store, "p1");
    }

    [Fact]
    public async Task AVoteDecidedOnABallotThatChangedSinceIsAConflictAndWritesNothing()
    {
        var store = Store;
        await OpenPollAsync(store, "p1", dots: 2, maxPerOption: 2);
        await JoinAsync(store, "alex");
        var stale = await store.ReadVoterAsync(WorkshopId, "p1", "alex", default);
        await store.MoveDotAsync(WorkshopId, "p1", "alex", "a", 1, "r1", T0, default);
        await store.MoveDotAsync(WorkshopId, "p1", "alex", "a", 1, "r2", T0, default);

        // Decided on the empty ballot, it would be a third dot over a budget of two.
        var late = stale.MoveDot(WorkshopId, "alex", "b", 1, T0).Change!;
        Assert.Equal(CommitOutcome.Conflict, (await CommitAsync(late)).Outcome);

        Assert.Equal(2, (await store.CountsAsync(WorkshopId, "p1", default)).Tally.Sum(t => t.Dots));
        Assert.Equal(new Dictionary<string, int> { ["a"] = 2 }, await store.BallotAsync("p1", "alex", default));
    }

    [Fact]
    public async Task AVoteDecidedWhileOpenIsAConflictOnceThePollClosedAndAfterAReset()
    {
        var store = Store;
        await OpenPollAsync(store, "p1", dots: 5, maxPerOption: 5);
        await JoinAsync(store, "alex");
        await store.MoveDotAsync(WorkshopId, "p1", "alex", "a", 1, "r1", T0, default);
        var read = await store.ReadVoterAsync(WorkshopId, "p1", "alex", default);
        var vote = read.MoveDot(WorkshopId, "alex", "a", 1, T0).Change!;

        await store.SetStatusAsync("p1", PollVotingStatus.Closed, null, T0, default);
        Assert.Equal(CommitOutcome.Conflict, (await CommitAsync(vote)).Outcome);
        await store.SetStatusAsync("p1", PollVotingStatus.Open, null, T0, default);
        await store.ResetAsync("p1", T0, default);
        Assert.Equal(CommitOutcome.Conflict, (await CommitAsync(vote)).Outcome);

        Assert.Empty((await store.CountsAsync(WorkshopId, "p1", default)).Tally);
        var fresh = await store.ReadVoterAsync(WorkshopId, "p1", "alex", default);
        Assert.Equal(CommitOutcome.Committed, (await CommitAsync(fresh.MoveDot(WorkshopId, "alex", "a", 1, T0).Change!)).Outcome);
        Assert.Equal(1, Assert.Single(await store.TallyAsync("p1", default)).Dots);
    }

    [Fact]
    public async Task AVoteCommitsWithItsProcessedMarkOrNotAtAll()
    {
        var store = Store;
        await OpenPollAsync(store, "p1", dots: 5, maxPerOption: 5);
        await JoinAsync(store, "alex");
        var vote = (await store.ReadVoterAsync(WorkshopId, "p1", "alex", default)).MoveDot(WorkshopId, "alex", "a", 1, T0).Change!;

        // The same activity already handled: nothing of the vote is stored.
        Assert.True(await Storage.Get<IProcessedActivityStore>().TryMarkProcessedAsync("a:1", "act-1", T0));
        Assert.Equal(CommitOutcome.AlreadyProcessed, (await CommitAsync(vote, "act-1")).Outcome);
        Assert.Empty(await store.TallyAsync("p1", default));

        // A later step of the same work fails: the vote is rolled back with it, and so is the mark.
        var failing = Work(vote, "act-2");
        failing.Update("things", "missing", 7, "{}", null, null, null);
        Assert.Equal(CommitOutcome.Conflict, (await Storage.Get<IStoreCommitter>().CommitAsync(failing, default)).Outcome);
        Assert.Empty(await store.TallyAsync("p1", default));
        Assert.Equal(0, (await store.ReadVoterAsync(WorkshopId, "p1", "alex", default)).Version);
        Assert.True(await Storage.Get<IProcessedActivityStore>().TryMarkProcessedAsync("a:1", "act-2", T0));
    }

    [Fact]
    public async Task ConcurrentVotersAreGroupCommittedAndCountedExactly()
    {
        var store = Store;
        await OpenPollAsync(store, "p1", dots: 3, maxPerOption: 3);
        var voters = Enumerable.Range(0, 200).Select(i => $"voter-{i}").ToList();
        await Task.WhenAll(voters.Select(v => JoinAsync(store, v)));

        var results = await Task.WhenAll(voters.SelectMany(v => Enumerable.Range(0, 3).Select(n => (v, n))).Select(x =>
            store.MoveDotAsync(WorkshopId, "p1", x.v, "opt-" + (x.n % 4), 1, $"{x.v}-{x.n}", T0, default)));

        Assert.All(results, r => Assert.Equal(VoteOutcome.Accepted, r.Outcome));
        Assert.Equal(200, (await store.CountsAsync(WorkshopId, "p1", default)).Participants);
        await AssertCountsMatchVotesAsync(store, "p1");
        Assert.Equal(600, (await store.TallyAsync("p1", default)).Sum(t => t.Dots));

        // The store read the counts while the batches were committing; each batch moved their version.
        Assert.Equal([("opt-0", 200, 200), ("opt-1", 200, 200), ("opt-2", 200, 200)], await TallyReadAsync(store, "voter-0"));
    }

    private async Task AssertCountsMatchVotesAsync(IWorkshopVoteStore store, string pollId)
    {
        var votes = await store.ListVotesAsync(pollId, default);
        var expected = votes.GroupBy(v => v.OptionId).Select(g => (g.Key, g.Sum(v => v.Dots), g.Count())).Order().ToList();
        var counts = await store.CountsAsync(WorkshopId, pollId, default);
        Assert.Equal(expected, counts.Tally.Select(t => (t.OptionId, t.Dots, t.Voters)).Order().ToList());
        Assert.Equal(votes.Select(v => v.VoterKey).Distinct().Count(), counts.Voters);
        Assert.Equal(counts.Voters, await store.CountVotersAsync(pollId, default));
    }

    private Task<CommitResult> CommitAsync(VoteChange change, string? activityId = null) =>
        Storage.Get<IStoreCommitter>().CommitAsync(Work(change, activityId ?? Guid.NewGuid().ToString("N")), default);

    private static StoreWork Work(VoteChange change, string activityId)
    {
        var work = new StoreWork();
        work.MarkProcessed("a:1", activityId, T0, 200, null);
        work.Execute("vote", provider => VoteSteps.Statements(change, provider));
        return work;
    }

    [Fact]
    public async Task AVotersOneReadHasTheirDotsAndThePollsCountsWhateverTheOptionIds()
    {
        // The voter's read brings their dots and the counts as texts: ids with hyphens, digits only or a letter and a number
        // (grade levels, ratings, ideas), counts of more than one digit, and no dots at all must all come back as stored.
        var store = Store;
        await OpenPollAsync(store, "p1", dots: 40, maxPerOption: 20);
        var empty = await store.ReadVoterAsync(WorkshopId, "p1", "alex", default);
        Assert.Equal((0, 0, false), (empty.Ballot.Count, empty.Tally.Count, empty.Joined));
        string[] voters = ["alex", "sam", "kim"];
        string[] options = ["requires-improvement", "3", "i40"];
        var request = 0;
        foreach (var voter in voters)
        {
            await JoinAsync(store, voter);
            foreach (var (option, times) in options.Zip([12, 1, voter == "alex" ? 0 : 2]))
            {
                for (var i = 0; i < times; i++)
                {
                    Assert.Equal(VoteOutcome.Accepted,
                        (await store.MoveDotAsync(WorkshopId, "p1", voter, option, 1, $"r{++request}", T0, default)).Outcome);
                }
            }
        }

        var alex = await store.ReadVoterAsync(WorkshopId, "p1", "alex", default);
        Assert.Equal(new Dictionary<string, int> { ["requires-improvement"] = 12, ["3"] = 1 }, alex.Ballot);
        Assert.Equal([("3", 3, 3), ("i40", 4, 2), ("requires-improvement", 36, 3)],
            alex.Tally.OrderBy(t => t.OptionId, StringComparer.Ordinal).Select(t => (t.OptionId, t.Dots, t.Voters)));
        Assert.Equal((3, 3, true), (alex.Voters, alex.Participants, alex.Joined));
        Assert.Equal(alex.Tally.OrderBy(t => t.OptionId, StringComparer.Ordinal),
            (await store.CountsAsync(WorkshopId, "p1", default)).Tally.OrderBy(t => t.OptionId, StringComparer.Ordinal));
    }

    [Fact]
    public async Task AVotersReadKeepsThePollsCountsWhileTheirVersionStandsAndSeesAnotherInstancesVotes()
    {
        // Two stores on one database are two instances of the bot, each with its own copy of the counts.
        var here = Store;
        var there = Store;
        await OpenPollAsync(here, "p1", dots: 5, maxPerOption: 5);
        await JoinAsync(here, "alex");
        await JoinAsync(here, "sam");
        Assert.Empty((await here.ReadVoterAsync(WorkshopId, "p1", "alex", default)).Tally);

        Assert.Equal(VoteOutcome.Accepted, (await there.MoveDotAsync(WorkshopId, "p1", "sam", "a", 1, "r1", T0, default)).Outcome);
        Assert.Equal([("a", 1, 1)], await TallyReadAsync(here, "alex"));
        Assert.Equal(VoteOutcome.Accepted, (await there.MoveDotAsync(WorkshopId, "p1", "sam", "a", -1, "r2", T0, default)).Outcome);
        Assert.Equal(VoteOutcome.Accepted, (await there.MoveDotAsync(WorkshopId, "p1", "sam", "b", 1, "r3", T0, default)).Outcome);
        Assert.Equal([("b", 1, 1)], await TallyReadAsync(here, "alex"));

        // A count changed without its version is not read again (the copy stands) until the version moves.
        await Storage.ExecuteRawAsync("UPDATE workshop_poll_counts SET dots = 99 WHERE poll_id = 'p1' AND option_id = 'b'");
        Assert.Equal([("b", 1, 1)], await TallyReadAsync(here, "alex"));
        Assert.Equal([("b", 99, 1)], await TallyReadAsync(Store, "alex"));
        await Storage.ExecuteRawAsync("UPDATE workshop_polls SET counts_version = counts_version + 1 WHERE poll_id = 'p1'");
        Assert.Equal([("b", 99, 1)], await TallyReadAsync(here, "alex"));

        Assert.Equal(1, await there.ResetAsync("p1", T0, default));
        Assert.Empty(await TallyReadAsync(here, "alex"));
        var unknown = await here.ReadVoterAsync(WorkshopId, "nope", "alex", default);
        Assert.Equal((null, 0), (unknown.Rules, unknown.Tally.Count));
        Assert.Null((await here.ReadVoterAsync(WorkshopId, null!, "alex", default)).Rules); // a card without its poll's id
    }

    private static async Task<List<(string, int, int)>> TallyReadAsync(IWorkshopVoteStore store, string voter) =>
        [.. (await store.ReadVoterAsync(WorkshopId, "p1", voter, default)).Tally
            .OrderBy(t => t.OptionId, StringComparer.Ordinal).Select(t => (t.OptionId, t.Dots, t.Voters))];

    private static Task OpenPollAsync(IWorkshopVoteStore store, string pollId, int dots, int maxPerOption) =>
        store.RegisterPollAsync(new PollVotingRules(pollId, WorkshopId, PollVotingStatus.Open, dots, maxPerOption, null), T0, default);

    private static Task JoinAsync(IWorkshopVoteStore store, string user) =>
        store.JoinAsync(WorkshopId, new WorkshopParticipant(user, "29:" + user, user, null, null, T0), default);
}

public sealed class SqliteWorkshopVoteStore : WorkshopVoteStoreContract
{
    protected override Task<TestStorage> CreateStorageAsync(bool migrate) => TestStorage.CreateSqliteAsync(migrate);
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresWorkshopVoteStore(PostgresServerFixture server) : WorkshopVoteStoreContract
{
    protected override Task<TestStorage> CreateStorageAsync(bool migrate) => TestStorage.CreatePostgresAsync(server, migrate);
}
