using WorkshopBot.Common.Storage;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Storage;
using WorkshopBot.Tests.Support;
using WorkshopBot.Workshop.Domain;
using WorkshopBot.Workshop.Storage;
using WorkshopBot.Workshop.Teams;

namespace WorkshopBot.Tests.Workshop;

/// <summary>
/// A voter this instance has just read or counted votes again without a read (Workshop:KnownVoterCountsAge), on the real
/// bot over HTTP: the vote is decided on what was remembered and counts only if the voter's ballot, the poll's status and
/// the workshop are still as remembered; otherwise the turn runs again from fresh reads. Counted once when redelivered;
/// the ballot's own dots always exact; the poll's counts on it at most that age old.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class KnownVoterVotes(PostgresServerFixture server)
{
    [Fact]
    public Task OnSqliteAKnownVotersVotesReadNothingAndStillSeeEveryChange() => RunAsync(postgres: false);

    [Fact]
    public Task OnPostgresAKnownVotersVotesReadNothingAndStillSeeEveryChange() => RunAsync(postgres: true);

    [Fact]
    public async Task OnceThePollsCountsAreOlderThanTheSettingAKnownVoterReadsAgainAndSeesOthersVotes()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var s = await BoardAsync(null, clock);
        var (rep, other, board) = (WorkshopScenario.Representative(1), WorkshopScenario.Representative(2), s.Board);
        var storage = s.Scenario.Host.Get<StorageDatabase>();
        await s.Scenario.DotAsync(rep, board, "i1");
        await s.Scenario.DotAsync(other, board, "i2");
        // A read of the counts after both votes committed (the other voter opens their ballot), for rep's next vote to use.
        await s.Scenario.ViewAsync(other, board);
        var before = storage.ReaderQueries;
        Assert.Contains("1 dot left", WorkshopScenario.CardText(await s.Scenario.DotAsync(rep, board, "i1")), StringComparison.Ordinal);
        Assert.Equal(0, storage.ReaderQueries - before);

        // The other voter's second dot is read after rep's vote committed; a second and a bit later rep's vote reads again
        // (without the clock moved it would not), and the ballot has both of the other voter's dots.
        await s.Scenario.DotAsync(other, board, "i2");
        clock.Advance(TimeSpan.FromMilliseconds(1_100));
        before = storage.ReaderQueries;
        var read = WorkshopScenario.CardText(await s.Scenario.DotAsync(rep, board, "i1", -1));
        Assert.Equal(1, storage.ReaderQueries - before);
        Assert.Contains("2 dots left", read, StringComparison.Ordinal);
        Assert.Contains("#1 · 2 dots", read, StringComparison.Ordinal);
        Assert.Equal(new Dictionary<string, int> { ["i1"] = 1, ["i2"] = 2 }, await s.Scenario.TallyAsync(board));
    }

    [Fact]
    public async Task AVoterRememberedAtOpeningReadsWhenTheWorkshopChangedSinceOrWhenTheyJoinedAfter()
    {
        await using var s = await BoardAsync(null, new ManualTimeProvider(DateTimeOffset.UtcNow));
        var (scenario, board) = (s.Scenario, s.Board);
        var (rep, other, late) = (WorkshopScenario.Representative(1), WorkshopScenario.Representative(2),
            WorkshopScenario.Representative(3));
        var storage = scenario.Host.Get<StorageDatabase>();
        Assert.Equal(2, scenario.Host.Get<KnownVoters>().Count);

        // The counts are read (a ballot opened), then the chair rewords an idea: rep, remembered at opening on the workshop
        // as it was, is decided without a read, but the commit finds the workshop changed and the turn runs again, reading.
        await scenario.ViewAsync(other, board);
        await scenario.ModerateAsync(board, ModerateActions.Edit, "i1", text: "Reworded after opening");
        var before = storage.ReaderQueries;
        var answer = WorkshopScenario.CardText(await scenario.DotAsync(rep, board, "i1"));
        Assert.Equal(1, storage.ReaderQueries - before);
        Assert.Contains("Reworded after opening", answer, StringComparison.Ordinal);
        Assert.Contains("2 dots left", answer, StringComparison.Ordinal);

        // Someone who joins after voting opened was not remembered: their first vote reads.
        await scenario.JoinAsync(late);
        await scenario.ViewAsync(other, board);
        before = storage.ReaderQueries;
        await scenario.DotAsync(late, board, "i2");
        Assert.Equal(1, storage.ReaderQueries - before);
        Assert.Equal(new Dictionary<string, int> { ["i1"] = 1, ["i2"] = 1 }, await scenario.TallyAsync(board));
    }

    /// <summary>
    /// Nobody votes on a closed poll, so what this instance remembers of its voters is let go as it closes, and a ballot
    /// opened on it afterwards remembers nobody again: entries of closed polls would otherwise stay until the bound lets
    /// every voter go, and fill it so that a large workshop's next opening remembers nobody.
    /// </summary>
    [Fact]
    public async Task AClosedPollsVotersAreLetGoAndABallotOfItRemembersNobody()
    {
        await using var s = await BoardAsync(null, new ManualTimeProvider(DateTimeOffset.UtcNow));
        var (scenario, board) = (s.Scenario, s.Board);
        var known = scenario.Host.Get<KnownVoters>();
        await scenario.DotAsync(WorkshopScenario.Representative(1), board, "i1");
        Assert.Equal(2, known.Count);

        await scenario.PhaseAsync(board, PhaseActions.Close);
        Assert.Equal(0, known.Count);
        await scenario.ViewAsync(WorkshopScenario.Representative(2), board);
        Assert.Contains("Voting has closed", WorkshopScenario.CardText(await scenario.DotAsync(WorkshopScenario.Representative(1), board,
            "i2")), StringComparison.Ordinal);
        Assert.Equal(0, known.Count);
    }

    /// <summary>
    /// Two instances on one PostgreSQL store: this one remembers a voter's ballot, the voter's next votes go through the
    /// other and spend the rest of the budget, then this one takes another. The remembered ballot no longer holds, so the
    /// vote is decided again from fresh reads and refused: the budget holds and the counts are right.
    /// </summary>
    [Fact]
    public async Task AVoterWhoVotedThroughAnotherInstanceIsHeldToTheBudgetByThisOne()
    {
        var database = await server.CreateDatabaseAsync();
        try
        {
            var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
            await using var s = await BoardAsync(database, clock);
            var (scenario, board) = (s.Scenario, s.Board);
            var (rep, other) = (WorkshopScenario.Representative(1), WorkshopScenario.Representative(2));
            await using var second = await WorkshopBot.Tests.Foundation.JobsOnTwoInstances.SecondInstanceAsync(database, clock);
            Task<InvokeResult> There(string option) => second.ExecuteAsync(rep, scenario.Channel, BallotScreen.Dot,
                new DotData(scenario.WorkshopId, board.Id, 1, option));

            await scenario.DotAsync(rep, board, "i1");
            Assert.Contains("1 dot left", WorkshopScenario.CardText(await There("i1")), StringComparison.Ordinal);
            Assert.Contains("0 dots left", WorkshopScenario.CardText(await There("i2")), StringComparison.Ordinal);
            await scenario.ViewAsync(other, board);

            var storage = scenario.Host.Get<StorageDatabase>();
            var before = storage.ReaderQueries;
            var here = WorkshopScenario.CardText(await scenario.DotAsync(rep, board, "i2"));
            Assert.Equal(1, storage.ReaderQueries - before);
            Assert.Contains("You have used all 3 of your dots", here, StringComparison.Ordinal);
            Assert.Equal(new Dictionary<string, int> { ["i1"] = 2, ["i2"] = 1 }, await scenario.TallyAsync(board));
            Assert.Equal(new Dictionary<string, int> { ["i1"] = 2, ["i2"] = 1 },
                new Dictionary<string, int>(await scenario.Votes.BallotAsync(board.Id, rep.AadObjectId, default)));
        }
        finally
        {
            await server.DropDatabaseAsync(database);
        }
    }

    [Fact]
    public async Task WithTheSettingAtZeroEveryVoteReads()
    {
        await using var s = await BoardAsync(null, new ManualTimeProvider(DateTimeOffset.UtcNow), age: "00:00:00");
        var rep = WorkshopScenario.Representative(1);
        var storage = s.Scenario.Host.Get<StorageDatabase>();
        var reads = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            var before = storage.ReaderQueries;
            await s.Scenario.DotAsync(rep, s.Board, "i1");
            reads.Add(storage.ReaderQueries - before);
        }

        Assert.Equal([1L, 1L, 1L], reads);
        Assert.Equal(0, s.Scenario.Host.Get<KnownVoters>().Count);
    }

    [Fact]
    public void KnownVotersAreLetGoWithTheWorkshopViews()
    {
        var views = new DocumentViews();
        var known = new KnownVoters(views);
        var state = new VoterState(null, true, 1, new Dictionary<string, int>(), [new OptionTally("i1", 1, 1)], 1, 2);
        var session = Session();
        known.Remember("p1", "t/u1", new KnownVoter(session, 3, state, 0));
        known.Remember("p1", "t/u2", new KnownVoter(session, 3, state, 0));
        Assert.True(known.TryTake("p1", "t/u1", out var taken));
        Assert.Empty(taken.State.Tally);
        Assert.False(known.TryTake("p1", "t/u1", out _));

        views.Clear();
        Assert.Equal(0, known.Count);
        Assert.False(known.TryTake("p1", "t/u2", out _));
    }

    [Fact]
    public void EveryoneIsRememberedAtOnceOrNobodyWhenTheyWouldNotFit()
    {
        var known = new KnownVoters();
        var state = new VoterState(null, true, 0, new Dictionary<string, int>(), [], 0, 3);
        var session = Session();
        var everyone = new KnownVoter(session, 2, state, 0);
        known.Remember("p1", "t/u1", new KnownVoter(session, 1, state with { Version = 4 }, 0));
        known.RememberAll("p1", ["t/u1", "t/u2", "t/u3"], everyone);
        Assert.Equal(3, known.Count);
        Assert.True(known.TryTake("p1", "t/u1", out var first));
        Assert.Same(everyone, first);

        // Past the bound, nobody of a new poll is remembered, and those already remembered stay.
        var crowd = Enumerable.Range(0, KnownVoters.Capacity).Select(i => $"t/v{i}").ToList();
        known.RememberAll("p2", crowd, everyone);
        Assert.Equal(2, known.Count);
        Assert.False(known.TryTake("p2", "t/v0", out _));
        Assert.True(known.TryTake("p1", "t/u2", out _));
    }

    /// <summary>A workshop that was never stored, for what KnownVoters keeps.</summary>
    private static WorkshopSession Session()
    {
        var chair = new global::WorkshopBot.Common.PersonRef("c", "Chair");
        return WorkshopSession.Start(Guid.NewGuid(),
            global::WorkshopBot.Audits.Domain.Audit.Create(Guid.NewGuid(), "Audit", "nai", chair, DateTimeOffset.UtcNow).ValueOrThrow(),
            new WorkshopConversation("https://smba.trafficmanager.net/uk/", "19:c@thread.tacv2", "t"), DateTimeOffset.UtcNow);
    }

    private async Task RunAsync(bool postgres)
    {
        var database = postgres ? await server.CreateDatabaseAsync() : null;
        try
        {
            await using var s = await BoardAsync(database, new ManualTimeProvider(DateTimeOffset.UtcNow));
            var (scenario, board) = (s.Scenario, s.Board);
            var (rep, other) = (WorkshopScenario.Representative(1), WorkshopScenario.Representative(2));
            var storage = scenario.Host.Get<StorageDatabase>();

            // Everyone who had joined was remembered as voting opened. rep's first vote still reads once, for the poll's counts
            // (no copy of them is recent yet); the other voter's, a moment later, reads nothing at all.
            var before = storage.ReaderQueries;
            await scenario.DotAsync(rep, board, "i1");
            Assert.Equal(1, storage.ReaderQueries - before);
            before = storage.ReaderQueries;
            await scenario.DotAsync(other, board, "i2");
            Assert.Equal(0, storage.ReaderQueries - before);

            // The other voter opens their ballot (a read, after both votes committed). rep's next vote reads nothing, and
            // counts; its ballot has the counts of that read with rep's new dot.
            await scenario.ViewAsync(other, board);
            before = storage.ReaderQueries;
            var second = scenario.Host.CardAction(rep, scenario.Channel, BallotScreen.Dot,
                new DotData(scenario.WorkshopId, board.Id, 1, "i2"));
            var answer = WorkshopScenario.CardText(await scenario.Host.InvokeAsync(second));
            Assert.Equal(0, storage.ReaderQueries - before);
            Assert.Contains("1 dot left", answer, StringComparison.Ordinal);
            Assert.Contains("● · #1 · 2 dots", answer, StringComparison.Ordinal);
            Assert.Contains("● · #2 · 1 dot\"", answer, StringComparison.Ordinal);
            Assert.Equal(new Dictionary<string, int> { ["i1"] = 1, ["i2"] = 2 }, await scenario.TallyAsync(board));

            // Redelivered (same activity id): the commit's processed mark finds it, and it runs again as a redelivery, from a
            // read: the ballot as it now stands, counted once.
            before = storage.ReaderQueries;
            var again = WorkshopScenario.CardText(await scenario.Host.InvokeAsync(second));
            Assert.Equal(1, storage.ReaderQueries - before);
            Assert.Contains("1 dot left", again, StringComparison.Ordinal);
            Assert.Contains("● · #1 · 2 dots", again, StringComparison.Ordinal);
            Assert.Equal(new Dictionary<string, int> { ["i1"] = 1, ["i2"] = 2 }, await scenario.TallyAsync(board));

            // A refusal is never given from what was remembered: out of dots, rep's press is read and refused.
            await scenario.DotAsync(rep, board, "i1");
            await scenario.DotAsync(other, board, "i1");
            before = storage.ReaderQueries;
            var over = WorkshopScenario.CardText(await scenario.DotAsync(rep, board, "i1"));
            Assert.Equal(1, storage.ReaderQueries - before);
            Assert.Contains("You have used all 3 of your dots", over, StringComparison.Ordinal);

            // The chair rewords an idea while voting is open (the workshop is stored anew): the remembered workshop no longer
            // holds, so rep's vote runs again from fresh reads and the ballot shows the new wording.
            Assert.Contains("Reworded while voting",
                WorkshopScenario.CardText(await scenario.ModerateAsync(board, ModerateActions.Edit, "i2", text: "Reworded while voting")),
                StringComparison.Ordinal);
            before = storage.ReaderQueries;
            var reworded = WorkshopScenario.CardText(await scenario.DotAsync(rep, board, "i2", -1));
            Assert.Equal(1, storage.ReaderQueries - before);
            Assert.Contains("Reworded while voting", reworded, StringComparison.Ordinal);
            Assert.Equal(new Dictionary<string, int> { ["i1"] = 3, ["i2"] = 1 }, await scenario.TallyAsync(board));

            // The chair closes voting: a remembered voter's vote is refused and not counted.
            await scenario.DotAsync(other, board, "i2");
            await scenario.PhaseAsync(board, PhaseActions.Close);
            var late = WorkshopScenario.CardText(await scenario.DotAsync(rep, board, "i2"));
            Assert.Contains("Voting has closed", late, StringComparison.Ordinal);
            Assert.Equal(new Dictionary<string, int> { ["i1"] = 3, ["i2"] = 2 }, await scenario.TallyAsync(board));
        }
        finally
        {
            if (database is not null)
            {
                await server.DropDatabaseAsync(database);
            }
        }
    }

    [Fact]
    public Task OnSqliteARememberedVoterSeesTheResultsAsSoonAsTheChairRevealsThem() => RevealAsync(postgres: false);

    [Fact]
    public Task OnPostgresARememberedVoterSeesTheResultsAsSoonAsTheChairRevealsThem() => RevealAsync(postgres: true);

    /// <summary>
    /// The chair reveals a board's hidden results on another instance, which cannot let go of what this one remembers: the
    /// reveal moves the poll's basis, so the remembered voter's next vote here fails its commit check and is decided again
    /// from fresh reads, and its ballot shows the results at once (the clock does not move).
    /// </summary>
    [Fact]
    public async Task ARememberedVoterSeesResultsRevealedThroughAnotherInstanceAtOnce()
    {
        var (shown, reads, tally) = await AfterChairPressesOnAnotherInstanceAsync(async (scenario, board, there) =>
        {
            await there(scenario.Chair, PollsScreen.Phase, new PhaseData(scenario.WorkshopId, board.Id, PhaseActions.Reveal));
            Assert.True((await scenario.SessionAsync()).FindPoll(board.Id)!.Revealed);
        }, "i2");
        Assert.DoesNotContain("Results are hidden", shown, StringComparison.Ordinal);
        Assert.Contains("● · #1 · 3 dots", shown, StringComparison.Ordinal);
        Assert.Contains("#2 · 1 dot\"", shown, StringComparison.Ordinal);
        Assert.Equal(new Dictionary<string, int> { ["i1"] = 1, ["i2"] = 3 }, tally);
        // What was remembered no longer held: the vote was decided again from a fresh read.
        Assert.Equal(1, reads);
    }

    /// <summary>
    /// The other way: results go back to hidden only when a poll hidden until close (never revealed) is closed and reopened;
    /// a reveal is never undone and a poll's visibility is fixed when it is made. A voter remembered here before the chair
    /// closed and reopened voting on another instance is held to the new opening by the commit check and reads again: their
    /// ballot shows the results hidden, not the counts the closed poll showed, and the vote counts once.
    /// </summary>
    [Fact]
    public async Task ARememberedVoterSeesNoCountsOnceAReopeningHidesThemAgain()
    {
        var (hidden, reads, tally) = await AfterChairPressesOnAnotherInstanceAsync(async (scenario, board, there) =>
        {
            await there(scenario.Chair, PollsScreen.Phase, new PhaseData(scenario.WorkshopId, board.Id, PhaseActions.Close));
            Assert.Contains("#1 · 2 dots", WorkshopScenario.CardText(await there(WorkshopScenario.Representative(2), BallotScreen.View,
                new PollRef(scenario.WorkshopId, board.Id))), StringComparison.Ordinal);
            await there(scenario.Chair, PollsScreen.Phase, new PhaseData(scenario.WorkshopId, board.Id, PhaseActions.Reopen));
            Assert.False((await scenario.SessionAsync()).FindPoll(board.Id)!.ResultsVisible);
        }, "i1");
        Assert.Contains("Results are hidden until voting closes. 2 people have voted.", hidden, StringComparison.Ordinal);
        Assert.DoesNotContain(" · #", hidden, StringComparison.Ordinal);
        Assert.Contains("0 dots left", hidden, StringComparison.Ordinal);
        Assert.Equal(new Dictionary<string, int> { ["i1"] = 2, ["i2"] = 2 }, tally);
        Assert.Equal(1, reads);
    }

    /// <summary>
    /// Two instances on one PostgreSQL store, rep remembered on this one behind hidden results
    /// (<see cref="RememberedBehindHiddenResultsAsync"/>); the chair presses on the other (<paramref name="presses"/>, given
    /// a way to send there). Then the other voter opens their ballot here (a read of the counts) and rep votes on
    /// <paramref name="option"/> here. Its answer, the reads it made, and the tally.
    /// </summary>
    private async Task<(string Answer, long Reads, Dictionary<string, int> Tally)> AfterChairPressesOnAnotherInstanceAsync(
        Func<WorkshopScenario, Poll, Func<TestUser, string, object, Task<InvokeResult>>, Task> presses, string option)
    {
        var database = await server.CreateDatabaseAsync();
        try
        {
            var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
            await using var s = await BoardAsync(database, clock, hidden: true);
            var (scenario, board) = (s.Scenario, s.Board);
            await using var second = await WorkshopBot.Tests.Foundation.JobsOnTwoInstances.SecondInstanceAsync(database, clock);
            var storage = scenario.Host.Get<StorageDatabase>();
            await RememberedBehindHiddenResultsAsync(scenario, board);

            await presses(scenario, board, (user, verb, data) => second.ExecuteAsync(user, scenario.Channel, verb, data));
            await scenario.ViewAsync(WorkshopScenario.Representative(2), board);
            var before = storage.ReaderQueries;
            var answer = WorkshopScenario.CardText(await scenario.DotAsync(WorkshopScenario.Representative(1), board, option));
            return (answer, storage.ReaderQueries - before, await scenario.TallyAsync(board));
        }
        finally
        {
            await server.DropDatabaseAsync(database);
        }
    }

    /// <summary>
    /// The other thing a ballot shows that changes while voting stays open: a grade poll's single-agency grades, which the
    /// chair's next action on the poll reads once the returns are released. A voter remembered before sees them at once.
    /// </summary>
    [Fact]
    public async Task ARememberedVoterSeesGradesReleasedSinceAtOnce()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var s = await WorkshopScenario.CreateAsync(o =>
        {
            o.Time = clock;
            o.Settings["Workshop:CardUpdateInterval"] = "01:00:00";
            o.Settings["Workshop:KnownVoterCountsAge"] = "00:00:01";
        }, releaseReturns: false);
        await s.StartAsync();
        var (rep, other) = (WorkshopScenario.Representative(1), WorkshopScenario.Representative(2));
        await s.JoinAsync(rep);
        await s.JoinAsync(other);
        var grade = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.Grade, CaseReference: WorkshopScenario.Case.Value));
        await s.PhaseAsync(grade, PhaseActions.Open);
        var storage = s.Host.Get<StorageDatabase>();
        await s.ChooseAsync(rep, grade, "good");
        await s.ChooseAsync(other, grade, "good");
        await s.ViewAsync(other, grade);
        var before = storage.ReaderQueries;
        var unreleased = WorkshopScenario.CardText(await s.ChooseAsync(rep, grade, "requires-improvement"));
        Assert.Contains(WorkshopCardKit.GradesNotReleased, unreleased, StringComparison.Ordinal);
        Assert.Equal(0, storage.ReaderQueries - before);

        await s.ReleaseReturnsAsync();
        Assert.Contains("Kingston Hospital", WorkshopScenario.CardText(await s.ManageAsync(grade)), StringComparison.Ordinal);
        await s.ViewAsync(other, grade);
        var released = WorkshopScenario.CardText(await s.ChooseAsync(rep, grade, "good"));
        Assert.Contains("Kingston Hospital", released, StringComparison.Ordinal);
        Assert.DoesNotContain(WorkshopCardKit.GradesNotReleased, released, StringComparison.Ordinal);
        Assert.Equal(new Dictionary<string, int> { ["good"] = 2 }, await s.TallyAsync(grade));
    }

    /// <summary>
    /// On a hidden board: both representatives vote, and rep's second vote is decided on what this instance remembers
    /// (no read) and shows the results hidden. Leaves i1 with 1 dot (rep's), i2 with 2 (one each).
    /// </summary>
    private static async Task RememberedBehindHiddenResultsAsync(WorkshopScenario scenario, Poll board)
    {
        var (rep, other) = (WorkshopScenario.Representative(1), WorkshopScenario.Representative(2));
        var storage = scenario.Host.Get<StorageDatabase>();
        await scenario.DotAsync(rep, board, "i1");
        await scenario.DotAsync(other, board, "i2");
        await scenario.ViewAsync(other, board);
        var before = storage.ReaderQueries;
        var hidden = WorkshopScenario.CardText(await scenario.DotAsync(rep, board, "i2"));
        Assert.Equal(0, storage.ReaderQueries - before);
        Assert.Contains("Results are hidden until voting closes. 2 people have voted.", hidden, StringComparison.Ordinal);
        Assert.DoesNotContain(" · #", hidden, StringComparison.Ordinal);
    }

    /// <summary>
    /// The chair reveals a board's hidden results while voting stays open: a voter this instance remembers sees them on their
    /// very next vote (the clock does not move), which reads once; the vote after that is decided without a read again.
    /// </summary>
    private async Task RevealAsync(bool postgres)
    {
        var database = postgres ? await server.CreateDatabaseAsync() : null;
        try
        {
            await using var s = await BoardAsync(database, new ManualTimeProvider(DateTimeOffset.UtcNow), hidden: true);
            var (scenario, board) = (s.Scenario, s.Board);
            var (rep, other) = (WorkshopScenario.Representative(1), WorkshopScenario.Representative(2));
            var storage = scenario.Host.Get<StorageDatabase>();
            await RememberedBehindHiddenResultsAsync(scenario, board);

            await scenario.PhaseAsync(board, PhaseActions.Reveal);
            Assert.True((await scenario.SessionAsync()).FindPoll(board.Id)!.Revealed);
            var rememberedAfterReveal = scenario.Host.Get<KnownVoters>().Count;
            await scenario.ViewAsync(other, board);
            var before = storage.ReaderQueries;
            var shown = WorkshopScenario.CardText(await scenario.DotAsync(rep, board, "i2"));
            Assert.DoesNotContain("Results are hidden", shown, StringComparison.Ordinal);
            Assert.Contains("● · #1 · 3 dots", shown, StringComparison.Ordinal);
            Assert.Contains("#2 · 1 dot\"", shown, StringComparison.Ordinal);
            // This instance let go of the poll's remembered voters as it revealed, so the vote read instead of failing its check.
            Assert.Equal(0, rememberedAfterReveal);
            Assert.Equal(1, storage.ReaderQueries - before);

            // Remembered again on the revealed poll: the next vote reads nothing and still shows the results.
            await scenario.ViewAsync(other, board);
            before = storage.ReaderQueries;
            var next = WorkshopScenario.CardText(await scenario.DotAsync(rep, board, "i1", -1));
            Assert.Equal(0, storage.ReaderQueries - before);
            Assert.DoesNotContain("Results are hidden", next, StringComparison.Ordinal);
            Assert.Contains("#1 · 3 dots", next, StringComparison.Ordinal);
            Assert.Equal(new Dictionary<string, int> { ["i2"] = 3 }, await scenario.TallyAsync(board));
        }
        finally
        {
            if (database is not null)
            {
                await server.DropDatabaseAsync(database);
            }
        }
    }

    /// <summary>
    /// Two representatives joined, a board of two ideas (3 dots each, at most 2 on one) open for voting, its results live or
    /// (<paramref name="hidden"/>) hidden until voting closes.
    /// </summary>
    private static async Task<OpenBoard> BoardAsync(string? database, ManualTimeProvider clock, string age = "00:00:01",
        bool hidden = false)
    {
        var s = await WorkshopScenario.CreateAsync(o =>
        {
            o.PostgresConnectionString = database;
            o.Time = clock;
            o.Settings["Workshop:CardUpdateInterval"] = "01:00:00";
            o.Settings["Workshop:KnownVoterCountsAge"] = age;
        });
        await s.StartAsync();
        var rep = WorkshopScenario.Representative(1);
        var other = WorkshopScenario.Representative(2);
        await s.JoinAsync(rep);
        await s.JoinAsync(other);
        var board = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.WorkedWell, Dots: "3", MaxPerItem: "2",
            Visibility: hidden ? nameof(ResultsVisibility.HiddenUntilClose) : null));
        await s.AddIdeaAsync(rep, board, "Agencies acted promptly.");
        await s.AddIdeaAsync(rep, board, "Father was involved.");
        await s.PhaseAsync(board, PhaseActions.Open);
        return new OpenBoard(s, (await s.SessionAsync()).FindPoll(board.Id)!);
    }

    private sealed record OpenBoard(WorkshopScenario Scenario, Poll Board) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Scenario.DisposeAsync();
    }
}
