using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using WorkshopBot.Protocol.Connector;
using WorkshopBot.Tests.Foundation;
using WorkshopBot.Tests.Storage;
using WorkshopBot.Tests.Support;
using WorkshopBot.Workshop;
using WorkshopBot.Workshop.Domain;
using WorkshopBot.Workshop.Jobs;
using WorkshopBot.Workshop.Storage;
using WorkshopBot.Workshop.Teams;

namespace WorkshopBot.Tests.Workshop;

/// <summary>
/// Two instances of the bot on one PostgreSQL store, the votes of one poll spread over both as Teams spreads activities:
/// between them they update the shared card at most once a second (Teams' per-conversation limits, and the README's
/// promise), and the last update shows the final tally. An instance that claimed the slot and died holds it no longer than
/// one interval.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class LiveCardsOnTwoInstances(PostgresServerFixture server)
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task VotesOnTwoInstancesUpdateTheChannelAtMostOnceASecondAndTheLastUpdateShowsTheFinalTally()
    {
        var (s, database, clock, board) = await OpenBoardAsync(voters: 12);
        await using var scenario = s;
        await using var other = await JobsOnTwoInstances.SecondInstanceAsync(database, clock);
        other.Connector.LimitClock = clock;
        BotTestHost[] hosts = [s.Host, other];
        var coalescers = hosts.Select(h => h.Get<LiveCardCoalescer>()).ToList();
        var sentBefore = coalescers.Sum(c => c.UpdatesSent);
        var before = clock.GetUtcNow();

        // Every participant places both dots, half of them through each instance, all at once by the clock.
        await Task.WhenAll(Voters(12).Select(async (voter, i) =>
        {
            await DotAsync(hosts[i % 2], s, voter, board, "i1");
            await DotAsync(hosts[i % 2], s, voter, board, "i2");
        }));
        await LetOutAsync(clock, coalescers, s.Channel.Id, sentBefore);

        var updates = hosts.SelectMany(h => h.Sent(s.Channel.Id)).Where(u => u.Method == "PUT" && u.ClockAt >= before)
            .OrderBy(u => u.ClockAt).ToList();
        var seen = string.Join("; ", updates.Select(u => $"+{(u.ClockAt - before).TotalMilliseconds} ms "
            + Regex.Match(u.AllText, @"\d+ of \d+ participants voted").Value));
        Assert.True(updates.Count >= 2, $"the votes should have updated the card more than once: {seen}");
        var gaps = updates.Zip(updates.Skip(1), (a, b) => b.ClockAt - a.ClockAt).ToList();
        Assert.True(gaps.All(gap => gap >= Second), $"two updates of the channel less than a second apart: {seen}");
        Assert.Equal(s.PostedActivityId(board.CardPostKey), updates[^1].ActivityId);
        Assert.Contains("12 dots", updates[^1].AllText, StringComparison.Ordinal);
        Assert.Contains("12 of 12 participants voted", updates[^1].AllText, StringComparison.Ordinal);
        Assert.All(hosts, h => Assert.Equal(0, h.Connector.ThrottledCount));
    }

    /// <summary>
    /// The other instance claimed the channel's slot and died before sending: a vote on this one waits out the claim (one
    /// interval, nothing to release) and then shows the final tally.
    /// </summary>
    [Fact]
    public async Task AnUpdateWaitsOutTheSlotOfAnInstanceThatDiedAfterClaimingItAndThenShowsTheFinalTally()
    {
        var (s, database, clock, board) = await OpenBoardAsync(voters: 2);
        await using var scenario = s;
        var other = await JobsOnTwoInstances.SecondInstanceAsync(database, clock);
        var claimedAt = clock.GetUtcNow();
        Assert.True((await other.Get<ICardSlots>().ClaimAsync(s.Channel.Id, claimedAt, Second, default)).Claimed);
        await other.DisposeAsync();
        var coalescer = s.Host.Get<LiveCardCoalescer>();
        var sent = coalescer.UpdatesSent;

        foreach (var voter in Voters(2))
        {
            await DotAsync(s.Host, s, voter, board, "i1");
        }

        await Task.Delay(500);
        Assert.Equal(sent, coalescer.UpdatesSent);
        Assert.DoesNotContain(s.Host.Sent(s.Channel.Id), u => u.Method == "PUT" && u.ClockAt >= claimedAt);
        clock.Advance(Second);
        await WorkshopScenario.WaitForAsync(() => coalescer.UpdatesSent > sent);

        var update = Assert.Single(s.Host.Sent(s.Channel.Id), u => u.Method == "PUT" && u.ClockAt >= claimedAt);
        Assert.Equal(claimedAt + Second, update.ClockAt);
        Assert.Contains("2 of 2 participants voted", update.AllText, StringComparison.Ordinal);
    }

    /// <summary>
    /// In a group too large for card refresh each person's ballot is the answer to their own press on the shared card, so
    /// the shared card keeps still while people vote. With the votes spread over two instances, each sees a gap of more
    /// than an interval between its own votes; quiet must mean quiet on both, or the card is replaced while people vote.
    /// </summary>
    [Fact]
    public async Task ALargeGroupsCardKeepsStillWhileVotesComeThroughEitherInstanceAndShowsTheFinalTallyOnceQuiet()
    {
        static void Large(IServiceCollection services) =>
            services.PostConfigure<WorkshopOptions>(o => o.MaxRefreshUsers = 2);
        var (s, database, clock, board) = await OpenBoardAsync(voters: 3, Large);
        await using var scenario = s;
        await using var other = await JobsOnTwoInstances.SecondInstanceAsync(database, clock, Large);
        other.Connector.LimitClock = clock;
        BotTestHost[] hosts = [s.Host, other];
        var coalescers = hosts.Select(h => h.Get<LiveCardCoalescer>()).ToList();
        var sentBefore = coalescers.Sum(c => c.UpdatesSent);
        var before = clock.GetUtcNow();

        // A vote every 0.6 s, by turns on each instance: each instance's own votes are 1.2 s apart.
        var voters = Voters(3);
        for (var i = 0; i < 6; i++)
        {
            await DotAsync(hosts[i % 2], s, voters[i / 2], board, "i1");
            clock.Advance(TimeSpan.FromMilliseconds(600));
            await Task.Delay(100);
        }

        var lastVoteAt = clock.GetUtcNow() - TimeSpan.FromMilliseconds(600);
        await Task.Delay(300);
        Assert.Equal(sentBefore, coalescers.Sum(c => c.UpdatesSent));
        clock.Advance(TimeSpan.FromMilliseconds(400));
        await LetOutAsync(clock, coalescers, s.Channel.Id, sentBefore);

        var updates = hosts.SelectMany(h => h.Sent(s.Channel.Id)).Where(u => u.Method == "PUT" && u.ClockAt >= before)
            .OrderBy(u => u.ReceivedAt).ToList();
        var seen = string.Join("; ", updates.Select(u => $"+{(u.ClockAt - before).TotalMilliseconds} ms"));
        Assert.NotEmpty(updates);
        Assert.True(updates.All(u => u.ClockAt >= lastVoteAt + Second), $"the card changed while people voted: {seen}");
        Assert.Contains("6 dots", updates[^1].AllText, StringComparison.Ordinal);
        Assert.All(hosts, h => Assert.Equal(0, h.Connector.ThrottledCount));
    }

    /// <summary>
    /// Instance A has drawn a live update of the board (a vote pressed on A) and its request to Teams is on its way when the
    /// chair closes voting on instance B; B's outbox puts the closed card in place, and A's open card lands after it while B
    /// has not yet recorded the closed card as sent. The closed card with the final tally must still be what stays.
    /// </summary>
    [Fact]
    public async Task AClosePressedOnTheOtherInstanceWhileALiveUpdateIsOnItsWayLeavesTheClosedCardWithTheFinalTally()
    {
        var onA = new HeldPut();
        var onB = new HeldPut();
        var (s, database, clock, board) = await OpenBoardAsync(voters: 2, onA.Install);
        await using var scenario = s;
        await using var other = await JobsOnTwoInstances.SecondInstanceAsync(database, clock, onB.Install);
        other.Connector.LimitClock = clock;
        BotTestHost[] hosts = [s.Host, other];
        var coalescer = s.Host.Get<LiveCardCoalescer>();
        var sentBefore = coalescer.UpdatesSent;
        await DotAsync(s.Host, s, Voters(1)[0], board, "i1");
        await LetOutAsync(clock, [coalescer], s.Channel.Id, sentBefore);
        clock.Advance(Second);
        var before = clock.GetUtcNow();
        var aSent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        coalescer.Sent += (_, _) => aSent.TrySetResult();
        var closedLanded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<int>? drainOnB = null;

        // B's closed card reaches Teams, and B records it as sent only once A's live update has been sent and checked.
        onB.After = async () =>
        {
            closedLanded.TrySetResult();
            await aSent.Task.WaitAsync(TimeSpan.FromSeconds(30));
        };

        // A's live update, drawn while voting was open, waits on its way to Teams until B's closed card has landed.
        onA.Before = async () =>
        {
            var closed = await other.ExecuteAsync(s.Chair, s.Channel, PollsScreen.Phase, new PhaseData(s.WorkshopId, board.Id,
                PhaseActions.Close));
            Assert.Equal(HttpStatusCode.OK, closed.Status);
            drainOnB = other.DrainOutboxAsync();
            await closedLanded.Task.WaitAsync(TimeSpan.FromSeconds(30));
        };
        await DotAsync(s.Host, s, Voters(2)[1], board, "i2");
        await aSent.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.NotNull(drainOnB);
        await drainOnB;
        Assert.Null(onA.Before);
        Assert.Null(onB.After);
        foreach (var host in hosts)
        {
            await host.DrainOutboxAsync();
        }

        await LetOutAsync(clock, hosts.Select(h => h.Get<LiveCardCoalescer>()).ToList(), s.Channel.Id, 0);

        // Every update of the board's card either instance sent, in the order they reached Teams.
        var cardId = s.PostedActivityId(board.CardPostKey);
        var updates = hosts.SelectMany(h => h.Sent(s.Channel.Id))
            .Where(u => u.Method == "PUT" && u.ActivityId == cardId && u.ClockAt >= before).OrderBy(u => u.ReceivedAt).ToList();
        var seen = string.Join("; ", updates.Select(u => Regex.Match(u.AllText, @"(Voting open|Closed) · .*? voted").Value));
        Assert.All(hosts, h => Assert.Equal(0, h.Connector.ThrottledCount));
        var firstClosed = updates.FindIndex(IsClosed);
        Assert.True(firstClosed >= 0, $"the closed card never reached the channel: {seen}");
        var lastOpen = updates.FindLastIndex(u => !IsClosed(u));
        Assert.True(lastOpen < firstClosed || updates.FindLastIndex(IsClosed) > lastOpen,
            $"an open card landed after the closed one and the closed card was not put back: {seen}");
        var last = updates[^1].AllText;
        Assert.True(IsClosed(updates[^1]), $"the last update of the card is not the closed card: {seen}");
        Assert.Contains("Closed · 2 people voted", last, StringComparison.Ordinal);
        Assert.Equal(updates[firstClosed].AllText, last);
    }

    /// <summary>A board with two ideas open for voting on an instance on PostgreSQL, every card update already out.</summary>
    private async Task<(WorkshopScenario Scenario, string Database, ManualTimeProvider Clock, Poll Board)> OpenBoardAsync(int voters,
        Action<IServiceCollection>? services = null)
    {
        var database = await server.CreateDatabaseAsync();
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        var s = await WorkshopScenario.CreateAsync(o =>
        {
            o.PostgresConnectionString = database;
            o.Time = clock;
            o.Services = services;
        });
        s.Host.Connector.LimitClock = clock;
        await s.StartAsync();
        foreach (var voter in Voters(voters))
        {
            await s.JoinAsync(voter, JoinScreen.OtherAgency);
        }

        var board = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.WorkedWell, Dots: "2", MaxPerItem: "2"));
        await s.AddIdeaAsync(Voters(1)[0], board, "Prompt safeguarding action.");
        await s.AddIdeaAsync(Voters(1)[0], board, "Good information sharing.");
        await s.PhaseAsync(board, PhaseActions.Open);
        await s.Host.DrainOutboxAsync();
        await s.LetCardUpdatesOutAsync(clock);
        clock.Advance(Second);
        Assert.Equal(0, s.Host.Get<LiveCardCoalescer>().PendingFor(s.Channel.Id));
        return (s, database, clock, (await s.SessionAsync()).FindPoll(board.Id)!);
    }

    private static bool IsClosed(SentActivity update) => update.AllText.Contains("Closed · ", StringComparison.Ordinal);

    private static List<TestUser> Voters(int count) => [.. Enumerable.Range(1, count).Select(i => BotTestHost.User($"Participant {i}"))];

    private static async Task DotAsync(BotTestHost host, WorkshopScenario s, TestUser voter, Poll board, string optionId)
    {
        var answer = await host.ExecuteAsync(voter, s.Channel, BallotScreen.Dot, new DotData(s.WorkshopId, board.Id, 1, optionId));
        Assert.Equal(HttpStatusCode.OK, answer.Status);
    }

    /// <summary>
    /// Lets every instance's waiting updates out: once the update the votes sent at once has gone, a second at a time by
    /// the clock, each step once the update it let out has been sent, so the clock never moves under a send (bounded: the
    /// assertions after it are what the test checks).
    /// </summary>
    private static async Task LetOutAsync(ManualTimeProvider clock, IReadOnlyList<LiveCardCoalescer> coalescers, string conversationId,
        int sentBefore)
    {
        int Sent() => coalescers.Sum(c => c.UpdatesSent);
        int Pending() => coalescers.Sum(c => c.PendingFor(conversationId));
        await WorkshopScenario.WaitForAsync(() => Sent() > sentBefore);
        for (var i = 0; i < 30 && Pending() > 0; i++)
        {
            var sent = Sent();
            clock.Advance(Second);
            await WorkshopScenario.WaitForAsync(() => Sent() > sent);
        }

        Assert.Equal(0, Pending());
    }

    /// <summary>
    /// Holds the instance's next card update on its way to Teams: <see cref="Before"/> runs before it is sent, <see cref="After"/>
    /// once Teams has answered and before the instance hears back (each once).
    /// </summary>
    private sealed class HeldPut
    {
        private Func<Task>? _before;
        private Func<Task>? _after;

        public Func<Task>? Before
        {
            get => Volatile.Read(ref _before);
            set => Volatile.Write(ref _before, value);
        }

        public Func<Task>? After
        {
            get => Volatile.Read(ref _after);
            set => Volatile.Write(ref _after, value);
        }

        public void Install(IServiceCollection services) =>
            services.AddHttpClient<IConnectorClient, ConnectorClient>().AddHttpMessageHandler(() => new Handler(this));

        private sealed class Handler(HeldPut held) : DelegatingHandler
        {
            protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                var put = request.Method == HttpMethod.Put;
                if (put && Interlocked.Exchange(ref held._before, null) is { } before)
                {
                    await before();
                }

                var response = await base.SendAsync(request, cancellationToken);
                if (put && Interlocked.Exchange(ref held._after, null) is { } after)
                {
                    await after();
                }

                return response;
            }
        }
    }
}
