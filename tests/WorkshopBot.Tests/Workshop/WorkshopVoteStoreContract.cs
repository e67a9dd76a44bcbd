using WorkshopBot.Cards;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Storage;
using WorkshopBot.Workshop.Domain;
using WorkshopBot.Workshop.Storage;

namespace WorkshopBot.Tests.Workshop;

/// <summary>The vote store's exact-once rules, on each provider.</summary>
public abstract class WorkshopVoteStoreContract : StorageContract
{
    private static readonly Guid WorkshopId = Guid.Parse("00000000-0000-0000-0000-00000000a001");

    private IWorkshopVoteStore Store => new SqlWorkshopVoteStore(Storage.Get<StorageDatabase>());

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
