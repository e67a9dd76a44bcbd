using System.Net;
using WorkshopBot.Tests.Support;
using WorkshopBot.Workshop.Domain;
using WorkshopBot.Workshop.Jobs;
using WorkshopBot.Workshop.Teams;

namespace WorkshopBot.Tests.Workshop;

/// <summary>
/// Poll cards follow the votes without flooding the conversation, and each person sees their own ballot: by card
/// refresh in small groups, as the answer to their own Vote press in large ones (whose shared card keeps still while
/// people vote, so it does not replace their ballots).
/// </summary>
public sealed class WorkshopLiveCards
{
    [Fact]
    public async Task ABurstOfVotesYieldsBoundedCardUpdatesAndTheFinalTally()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var s = await WorkshopScenario.CreateAsync(o => o.Time = clock);
        await s.StartAsync();
        var voters = Enumerable.Range(1, 20).Select(i => BotTestHost.User($"Participant {i}")).ToList();
        foreach (var voter in voters)
        {
            await s.JoinAsync(voter, JoinScreen.OtherAgency);
        }

        var board = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.WorkedWell, Dots: "2", MaxPerItem: "2"));
        await s.AddIdeaAsync(voters[0], board, "Prompt safeguarding action.");
        await s.AddIdeaAsync(voters[0], board, "Good information sharing.");
        await s.PhaseAsync(board, PhaseActions.Open);
        board = (await s.SessionAsync()).FindPoll(board.Id)!;
        var coalescer = s.Host.Get<LiveCardCoalescer>();

        // Joins and ideas queued card updates; let them all out, then leave the slot free.
        await s.LetCardUpdatesOutAsync(clock);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(0, coalescer.PendingFor(s.Channel.Id));
        var sentBefore = coalescer.UpdatesSent;

        await Task.WhenAll(voters.Select(async v =>
        {
            await s.DotAsync(v, board, "i1");
            await s.DotAsync(v, board, "i2");
        }));
        await WorkshopScenario.WaitForAsync(() => coalescer.UpdatesSent >= sentBefore + 1);
        var duringBurst = coalescer.UpdatesSent - sentBefore;

        // The clock has not moved: only the first change of the burst went out at once; the rest wait for the slot.
        Assert.Equal(1, duringBurst);
        clock.Advance(TimeSpan.FromSeconds(1));
        await WorkshopScenario.WaitForAsync(() => coalescer.UpdatesSent >= sentBefore + 2);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(2, coalescer.UpdatesSent - sentBefore);

        var last = s.UpdatesOf(board)[^1];
        Assert.Contains("20 dots", last.AllText, StringComparison.Ordinal);
        Assert.Contains("20 of 20 participants voted", last.AllText, StringComparison.Ordinal);
        Assert.Equal(0, s.Host.Connector.ThrottledCount);
    }

    [Fact]
    public async Task PersonalViewUsesRefreshForSmallGroupsAndTheVoteAnswerForLargeOnes()
    {
        await using var s = await WorkshopScenario.CreateAsync(o => o.Settings["Workshop:MaxRefreshUsers"] = "3");
        await s.StartAsync();
        var voters = Enumerable.Range(1, 3).Select(i => BotTestHost.User($"Voter {i}")).ToList();
        foreach (var v in voters)
        {
            await s.JoinAsync(v, JoinScreen.OtherAgency);
        }

        var small = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.RatingFive, "Small group?"));
        await s.PhaseAsync(small, PhaseActions.Open);
        await s.Host.DrainOutboxAsync();
        var refreshed = s.UpdatesOf((await s.SessionAsync()).FindPoll(small.Id)!)[^1].AllText;
        Assert.Contains("\"refresh\"", refreshed, StringComparison.Ordinal);
        Assert.All(voters, v => Assert.Contains(v.Id, refreshed, StringComparison.Ordinal));

        var fourth = BotTestHost.User("Voter 4");
        await s.JoinAsync(fourth, JoinScreen.OtherAgency);
        var large = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.RatingFive, "Large group?"));
        var before = s.Host.Sent().Count;
        await s.PhaseAsync(large, PhaseActions.Open);
        await s.Host.DrainOutboxAsync();

        // Nothing goes to each participant: pressing Vote on the shared card answers with that person's own ballot.
        Assert.DoesNotContain(s.Host.Sent().Skip(before), a => a.AllText.Contains("your view", StringComparison.Ordinal));
        var largeCard = s.UpdatesOf((await s.SessionAsync()).FindPoll(large.Id)!)[^1].AllText;
        Assert.DoesNotContain("\"refresh\"", largeCard, StringComparison.Ordinal);
        Assert.Contains(BallotScreen.View, largeCard, StringComparison.Ordinal);
        var ballot = WorkshopScenario.CardText(await s.ViewAsync(fourth, large));
        Assert.Contains("your view", ballot, StringComparison.Ordinal);
        Assert.DoesNotContain("\"refresh\"", ballot, StringComparison.Ordinal);
        Assert.Contains("You have not voted yet", WorkshopScenario.CardText(await s.ViewAsync(voters[0], large)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABallotAfterAReopenShowsTheDotsAlreadyPlaced()
    {
        await using var s = await WorkshopScenario.CreateAsync(o => o.Settings["Workshop:MaxRefreshUsers"] = "1");
        await s.StartAsync();
        var first = BotTestHost.User("Voter 1");
        await s.JoinAsync(first, JoinScreen.OtherAgency);
        await s.JoinAsync(BotTestHost.User("Voter 2"), JoinScreen.OtherAgency);
        var board = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.WorkedWell, Dots: "3", MaxPerItem: "3"));
        await s.AddIdeaAsync(first, board, "Agencies acted promptly.");
        await s.PhaseAsync(board, PhaseActions.Open);
        await s.DotAsync(first, board, "i1");
        await s.DotAsync(first, board, "i1");
        await s.PhaseAsync(board, PhaseActions.Close);

        await s.PhaseAsync(board, PhaseActions.Reopen);

        // A ballot saying "0 of 3 used" would tell the voter they had three dots to spend when they have one.
        Assert.Contains("You have used 2 of 3 dots", WorkshopScenario.CardText(await s.ViewAsync(first, board)), StringComparison.Ordinal);
        Assert.Contains("0 dots left", WorkshopScenario.CardText(await s.DotAsync(first, board, "i1")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALargeGroupsCardKeepsStillWhileVotesComeAndShowsTheFinalTallyOnceQuiet()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        var (s, voters, board) = await LargeGroupVotingAsync(clock);
        await using var _ = s;
        var coalescer = s.Host.Get<LiveCardCoalescer>();
        await s.LetCardUpdatesOutAsync(clock);
        clock.Advance(TimeSpan.FromSeconds(2));
        var sentBefore = coalescer.UpdatesSent;

        // Votes keep coming, each less than an interval after the one before: the shared card stays as it is.
        foreach (var voter in voters)
        {
            await s.DotAsync(voter, board, "i1");
            clock.Advance(TimeSpan.FromMilliseconds(600));
            await s.DotAsync(voter, board, "i1");
            clock.Advance(TimeSpan.FromMilliseconds(600));
        }

        Assert.Equal(sentBefore, coalescer.UpdatesSent);
        Assert.Equal(1, coalescer.PendingFor(s.Channel.Id));

        // Quiet for an interval: the final tally goes out once.
        clock.Advance(TimeSpan.FromMilliseconds(400));
        await WorkshopScenario.WaitForAsync(() => coalescer.UpdatesSent > sentBefore);
        Assert.Equal(sentBefore + 1, coalescer.UpdatesSent);
        Assert.Contains("10 dots", s.UpdatesOf((await s.SessionAsync()).FindPoll(board.Id)!)[^1].AllText, StringComparison.Ordinal);
    }

    /// <summary>
    /// Someone joins while a large group votes: the open poll's card, which counts who may vote, waits for quiet as a vote's
    /// change does, instead of going out at the next slot and putting the shared card back over everyone's ballot.
    /// </summary>
    [Fact]
    public async Task AJoinWhileALargeGroupVotesLeavesTheSharedCardStillUntilQuiet()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        var (s, voters, board) = await LargeGroupVotingAsync(clock);
        await using var _ = s;
        await s.LetCardUpdatesOutAsync(clock);
        clock.Advance(TimeSpan.FromSeconds(2));
        var poll = (await s.SessionAsync()).FindPoll(board.Id)!;
        var boardUpdates = s.UpdatesOf(poll).Count;

        foreach (var voter in voters)
        {
            await s.DotAsync(voter, board, "i1");
            clock.Advance(TimeSpan.FromMilliseconds(600));
            if (voter == voters[2])
            {
                await s.JoinAsync(BotTestHost.User("Late joiner"), JoinScreen.OtherAgency);
            }
        }

        // Slots pass while votes are still recent: the poll's card does not go out (the workshop card, which counts who
        // joined, may: nobody's ballot is on it).
        await s.DotAsync(voters[0], board, "i1");
        await Task.Delay(200);
        Assert.Equal(boardUpdates, s.UpdatesOf(poll).Count);

        clock.Advance(TimeSpan.FromMilliseconds(1000));
        await WorkshopScenario.WaitForAsync(() => s.UpdatesOf(poll).Count > boardUpdates);
        Assert.Contains("6 dots", s.UpdatesOf(poll)[^1].AllText, StringComparison.Ordinal);
    }

    /// <summary>
    /// Someone not yet in the workshop presses Vote on an open poll: they choose their agency, and the card that says they
    /// have joined offers Vote on that poll, which answers with their ballot.
    /// </summary>
    [Fact]
    public async Task JoiningFromAPollsVoteButtonOffersToVoteOnThatPoll()
    {
        await using var s = await WorkshopScenario.CreateAsync();
        await s.StartAsync();
        var first = BotTestHost.User("Participant 1");
        await s.JoinAsync(first, JoinScreen.OtherAgency);
        var board = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.WorkedWell, Dots: "2", MaxPerItem: "2"));
        await s.AddIdeaAsync(first, board, "Prompt safeguarding action.");
        await s.PhaseAsync(board, PhaseActions.Open);
        var newcomer = BotTestHost.User("Newcomer");

        var choose = WorkshopScenario.CardText(await s.ViewAsync(newcomer, board));
        Assert.Contains("Which agency are you here for?", choose, StringComparison.Ordinal);
        Assert.Contains($"\"pollId\":\"{board.Id}\"", choose, StringComparison.Ordinal);

        var joined = WorkshopScenario.CardText(await s.ExecuteAsync(newcomer, JoinScreen.Join,
            new JoinData(s.WorkshopId, JoinScreen.OtherAgency, board.Id)));
        Assert.Contains("You have joined", joined, StringComparison.Ordinal);
        Assert.Contains("Press Vote to vote now.", joined, StringComparison.Ordinal);
        Assert.Contains(BallotScreen.View, joined, StringComparison.Ordinal);
        Assert.Contains("your view", WorkshopScenario.CardText(await s.ViewAsync(newcomer, board)), StringComparison.Ordinal);

        // Joined from a closed poll's button: no Vote on the answer.
        await s.PhaseAsync(board, PhaseActions.Close);
        var late = BotTestHost.User("Latecomer");
        var closed = WorkshopScenario.CardText(await s.ExecuteAsync(late, JoinScreen.Join,
            new JoinData(s.WorkshopId, JoinScreen.OtherAgency, board.Id)));
        Assert.Contains("press Vote on a poll to take part", closed, StringComparison.Ordinal);
        Assert.DoesNotContain(BallotScreen.View, closed, StringComparison.Ordinal);
    }

    /// <summary>
    /// The group grows past what card refresh serves after voting opened. Those who had joined by then are remembered with
    /// the group as it was (KnownVoters), and vote without a read; their votes still count the group as it is now, so the
    /// shared card keeps still for them too, and nobody's ballot is replaced by a live update while people vote.
    /// </summary>
    [Fact]
    public async Task AGroupThatGrowsPastRefreshAfterOpeningKeepsItsCardStillForVotersRememberedAtOpening()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var s = await WorkshopScenario.CreateAsync(o =>
        {
            o.Time = clock;
            o.Settings["Workshop:MaxRefreshUsers"] = "2";
        });
        await s.StartAsync();
        var voters = Enumerable.Range(1, 5).Select(i => BotTestHost.User($"Participant {i}")).ToList();
        await s.JoinAsync(voters[0], JoinScreen.OtherAgency);
        await s.JoinAsync(voters[1], JoinScreen.OtherAgency);
        var board = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.WorkedWell, Dots: "2", MaxPerItem: "2"));
        await s.AddIdeaAsync(voters[0], board, "Prompt safeguarding action.");
        await s.PhaseAsync(board, PhaseActions.Open);
        foreach (var late in voters.Skip(2))
        {
            await s.JoinAsync(late, JoinScreen.OtherAgency);
        }

        var coalescer = s.Host.Get<LiveCardCoalescer>();
        await s.Host.DrainOutboxAsync();
        await s.LetCardUpdatesOutAsync(clock);
        clock.Advance(TimeSpan.FromSeconds(2));
        var sentBefore = coalescer.UpdatesSent;

        // Votes keep coming, each less than an interval after the one before; the first two voters' are decided on what was
        // remembered at opening (a late joiner's vote just before reads the poll's counts).
        for (var round = 0; round < 2; round++)
        {
            foreach (var (late, early) in new[] { (voters[2], voters[0]), (voters[3], voters[1]) })
            {
                await s.DotAsync(late, board, "i1");
                clock.Advance(TimeSpan.FromMilliseconds(300));
                await s.DotAsync(early, board, "i1");
                clock.Advance(TimeSpan.FromMilliseconds(300));
            }
        }

        await Task.Delay(300);
        Assert.Equal(sentBefore, coalescer.UpdatesSent);
        Assert.Equal(8, (await s.TallyAsync(board))["i1"]);
    }

    /// <summary>
    /// Issue 10: a phase change queues the card as it now stands; a live update waiting for its slot when the phase changed
    /// renders that same card and must not send it a second time.
    /// </summary>
    [Fact]
    public async Task OpeningClosingAndRatifyingUpdateThePollsCardOnceEach()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var s = await WorkshopScenario.CreateAsync(o => o.Time = clock);
        // Teams' limits count on the bot's clock, as the bot's own limiter does.
        s.Host.Connector.LimitClock = clock;
        await s.StartAsync();
        var rep = WorkshopScenario.Representative(1);
        await s.JoinAsync(rep);
        var coalescer = s.Host.Get<LiveCardCoalescer>();
        var board = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.WorkedWell, Dots: "2"));
        var grade = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.Grade, CaseReference: WorkshopScenario.Case.Value));
        await s.AddIdeaAsync(rep, board, "Strategy meetings were prompt.", agencyId: "agency-1");
        await s.PhaseAsync(grade, PhaseActions.Open);
        await SettleAsync(s, clock, coalescer);

        // Open: an idea's update goes out at once, the next one waits for its slot when the chair opens voting.
        var opened = await PhaseUpdatesAsync(s, clock, coalescer, board,
            () => s.AddIdeaAsync(rep, board, "Good information sharing.", agencyId: "agency-1"),
            async () =>
            {
                await s.AddIdeaAsync(rep, board, "Clear plans.", agencyId: "agency-1");
                AssertAnsweredWithACard(await s.PhaseAsync(board, PhaseActions.Open));
            }, "Voting open");
        AssertOnce(opened, "Voting open");

        // Close: a vote's update goes out at once, the next one waits for its slot when the chair closes voting.
        var closed = await PhaseUpdatesAsync(s, clock, coalescer, board, () => s.DotAsync(rep, board, "i1"), async () =>
        {
            await s.DotAsync(rep, board, "i2");
            AssertAnsweredWithACard(await s.PhaseAsync(board, PhaseActions.Close));
        }, "Closed");
        AssertOnce(closed, "Closed");

        // Ratify: someone joining updates the workshop's card at once and marks the open grade poll's card changed.
        var ratified = await PhaseUpdatesAsync(s, clock, coalescer, grade, () => s.JoinAsync(WorkshopScenario.Representative(2)),
            () => s.RatifyAsync(grade, "good", "Prompt multi-agency action."), "Ratified multi-agency grade");
        AssertOnce(ratified, "Ratified multi-agency grade");
    }

    private static void AssertAnsweredWithACard(InvokeResult answer) =>
        Assert.True(answer.Status == HttpStatusCode.OK && answer.Card is not null, $"{answer.Status} {answer.Body}");

    /// <summary>
    /// The card as the phase change left it went out once, and no update repeated another. (An update queued before the
    /// change may still arrive after it on a loaded machine: it shows the card before the change and is not a repeat.)
    /// </summary>
    private static void AssertOnce(List<SentActivity> updates, string phaseText)
    {
        Assert.Single(updates, u => u.AllText.Contains(phaseText, StringComparison.Ordinal));
        Assert.Equal(updates.Count, updates.Select(u => u.AllText).Distinct(StringComparer.Ordinal).Count());
    }

    /// <summary>
    /// Updates of the poll's card sent after <paramref name="change"/> (its outbox drained, every live update out), with
    /// <paramref name="first"/> taking the live updates' slot just before it, so that the change's own update waits.
    /// </summary>
    private static async Task<List<SentActivity>> PhaseUpdatesAsync(WorkshopScenario s, ManualTimeProvider clock,
        LiveCardCoalescer coalescer, Poll poll, Func<Task> first, Func<Task> change, string phaseText)
    {
        // An hour on: the connector's per-conversation windows are empty, so the next update goes out without waiting.
        clock.Advance(TimeSpan.FromHours(1));
        var sent = coalescer.UpdatesSent;
        await first();
        for (var i = 0; i < 300 && !(coalescer.UpdatesSent > sent && coalescer.PendingFor(s.Channel.Id) <= 1); i++)
        {
            await Task.Delay(100);
        }

        Assert.True(coalescer.UpdatesSent > sent, "the first change's live update should have gone out at once");
        var posted = (await s.SessionAsync()).FindPoll(poll.Id)!;
        var before = s.UpdatesOf(posted).Count;
        await change();
        Assert.True(coalescer.PendingFor(s.Channel.Id) > 0, "a live update should be waiting for its slot");

        // The connector's per-conversation limiter waits on the test's clock, and a postponed message is due later on it:
        // move the clock while the outbox drains, a few rounds.
        // At least eight rounds; on a loaded machine more, until the phase change's card has gone out (or a generous cap).
        for (var round = 0; round < 8 || (round < 60
            && !s.UpdatesOf(posted).Skip(before).Any(u => u.AllText.Contains(phaseText, StringComparison.Ordinal))); round++)
        {
            var drained = s.Host.DrainOutboxAsync();
            for (var i = 0; i < 100 && !drained.IsCompleted; i++)
            {
                clock.Advance(TimeSpan.FromSeconds(1));
                await Task.WhenAny(drained, Task.Delay(20));
            }

            await drained;
            clock.Advance(TimeSpan.FromSeconds(5));
        }

        await SettleAsync(s, clock, coalescer);
        return s.UpdatesOf(posted).Skip(before).ToList();
    }

    /// <summary>Lets every waiting live update out, one slot at a time, and leaves the next slot free.</summary>
    private static async Task SettleAsync(WorkshopScenario s, ManualTimeProvider clock, LiveCardCoalescer coalescer)
    {
        for (var i = 0; i < 20 && coalescer.PendingFor(s.Channel.Id) > 0; i++)
        {
            var sent = coalescer.UpdatesSent;
            clock.Advance(TimeSpan.FromSeconds(1));
            await WorkshopScenario.WaitForAsync(() => coalescer.UpdatesSent > sent);
        }

        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(0, coalescer.PendingFor(s.Channel.Id));
    }
    /// <summary>
    /// Five participants, more than card refresh serves (MaxRefreshUsers 2), and an idea board of one idea open for voting
    /// with 2 dots each.
    /// </summary>
    private static async Task<(WorkshopScenario S, List<TestUser> Voters, Poll Board)> LargeGroupVotingAsync(ManualTimeProvider clock)
    {
        var s = await WorkshopScenario.CreateAsync(o =>
        {
            o.Time = clock;
            o.Settings["Workshop:MaxRefreshUsers"] = "2";
        });
        await s.StartAsync();
        var voters = Enumerable.Range(1, 5).Select(i => BotTestHost.User($"Participant {i}")).ToList();
        foreach (var voter in voters)
        {
            await s.JoinAsync(voter, JoinScreen.OtherAgency);
        }

        var board = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.WorkedWell, Dots: "2", MaxPerItem: "2"));
        await s.AddIdeaAsync(voters[0], board, "Prompt safeguarding action.");
        await s.PhaseAsync(board, PhaseActions.Open);
        return (s, voters, board);
    }
}
