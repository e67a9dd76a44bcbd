using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using WorkshopBot.Storage;
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
/// Two instances on one store hold a change of the same card and both go for the conversation's slot: one claims it and
/// sends, the other loses the claim and waits for the slot to free. When the card sent in that slot was drawn after the
/// loser's change it shows it already, and nothing more is sent: an idea board replaced a second time clears what people
/// were typing into it. When it was drawn before (a vote on the losing instance while the other's card was on its way to
/// Teams), the change still reaches the card at the next slot.
/// </summary>
public abstract class LiveCardSlotLostOnTwoInstancesScenarios
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(20);

    /// <summary>The first instance's workshop on <paramref name="clock"/>.</summary>
    private protected abstract Task<WorkshopScenario> FirstAsync(ManualTimeProvider clock, Action<IServiceCollection> services);

    /// <summary>A second instance on the first one's store and clock.</summary>
    private protected abstract Task<BotTestHost> SecondAsync(WorkshopScenario first, ManualTimeProvider clock,
        Action<IServiceCollection> services);

    /// <summary>
    /// An idea added through each instance at the same moment: both hold the board's update for its quiet spell, and when it
    /// ends both go for the slot. The board reaches Teams once, with both ideas, not a second time from the instance that
    /// lost the slot.
    /// </summary>
    [Fact]
    public async Task AnIdeaBoardChangeHeldByBothInstancesReachesTeamsOnce()
    {
        var claims = new ClaimsSeen();
        void Services(IServiceCollection services)
        {
            services.PostConfigure<WorkshopOptions>(o => o.IdeaBoardQuiet = Quiet);
            claims.Install(services);
        }

        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var two = await IdeaBoardOnTwoInstances.StartAsync(clock, () => FirstAsync(clock, Services),
            first => SecondAsync(first, clock, Services));
        var (s, reps, board, hosts, coalescers) = (two.Scenario, two.Reps, two.Board, two.Hosts, two.Coalescers);

        for (var i = 0; i < 2; i++)
        {
            var added = await hosts[i].ExecuteAsync(reps[i], s.Channel, IdeasScreen.AddIdea,
                new AddIdeaData(s.WorkshopId, board.Id, $"Idea number {i + 1}, added through instance {i + 1}.", null, null, null, false));
            Assert.Equal(HttpStatusCode.OK, added.Status);
        }

        Assert.All(coalescers, c => Assert.Equal(1, c.PendingFor(s.Channel.Id)));
        var sentBefore = coalescers.Sum(c => c.UpdatesSent);
        var (triedBefore, lostBefore) = claims.Counts;

        // The spell ends for both at once: one claims the slot and sends (recorded as shown before it counts as sent), the
        // other loses its claim.
        clock.Advance(Quiet);
        await WorkshopScenario.WaitForAsync(() =>
            coalescers.Sum(c => c.UpdatesSent) > sentBefore && claims.Counts.Tried >= triedBefore + 2);
        Assert.Equal(sentBefore + 1, coalescers.Sum(c => c.UpdatesSent));
        Assert.Equal((triedBefore + 2, lostBefore + 1), claims.Counts);

        // The slot frees: the loser looks again.
        clock.Advance(Second);
        await WorkshopScenario.WaitForAsync(() => coalescers.Sum(c => c.PendingFor(s.Channel.Id)) == 0);
        Assert.Equal(0, coalescers.Sum(c => c.PendingFor(s.Channel.Id)));

        var update = Assert.Single(two.BoardUpdates());
        Assert.Contains("Adding ideas · 2 ideas", update.AllText, StringComparison.Ordinal);
        Assert.Equal(sentBefore + 1, coalescers.Sum(c => c.UpdatesSent));
        Assert.All(hosts, h => Assert.Equal(0, h.Connector.ThrottledCount));
    }

    /// <summary>
    /// A vote on the second instance: its update of the board is drawn and on its way to Teams when a vote on the first
    /// instance commits, whose update loses the claim of the slot. The card the second sent does not show that vote, so
    /// the first sends the board at the next slot, with the final tally.
    /// </summary>
    [Fact]
    public async Task AVoteOnTheLosingInstanceAfterTheOthersCardWasDrawnStillReachesTheCard()
    {
        var claims = new ClaimsSeen();
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var s = await FirstAsync(clock, claims.Install);
        s.Host.Connector.LimitClock = clock;
        await s.StartAsync();
        var voters = new[] { BotTestHost.User("Participant 1"), BotTestHost.User("Participant 2") };
        foreach (var voter in voters)
        {
            await s.JoinAsync(voter, JoinScreen.OtherAgency);
        }

        var board = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.WorkedWell, Dots: "2", MaxPerItem: "2"));
        await s.AddIdeaAsync(voters[0], board, "Prompt safeguarding action.");
        await s.AddIdeaAsync(voters[0], board, "Good information sharing.");
        await s.PhaseAsync(board, PhaseActions.Open);
        await s.Host.DrainOutboxAsync();
        await s.LetCardUpdatesOutAsync(clock);
        clock.Advance(Second);
        Assert.Equal(0, s.Host.Get<LiveCardCoalescer>().PendingFor(s.Channel.Id));
        board = (await s.SessionAsync()).FindPoll(board.Id)!;
        await using var other = await SecondAsync(s, clock, claims.Install);
        other.Connector.LimitClock = clock;
        BotTestHost[] hosts = [s.Host, other];
        var coalescers = hosts.Select(h => h.Get<LiveCardCoalescer>()).ToList();
        var cardId = s.PostedActivityId(board.CardPostKey);
        var before = clock.GetUtcNow();
        var (_, lostBefore) = claims.Counts;

        // The second instance's update reaches Teams (drawn, one vote); before Teams answers, the second vote commits on
        // the first instance, and its update loses the claim of the slot the second holds.
        var held = 0;
        other.Connector.Answering = async request =>
        {
            if (request.Method == "PUT" && request.Body.Contains("1 of 2 participants voted", StringComparison.Ordinal)
                && Interlocked.Exchange(ref held, 1) == 0)
            {
                await DotAsync(s.Host, s, voters[1], board);
                await WorkshopScenario.WaitForAsync(() => claims.Counts.Lost > lostBefore);
            }
        };
        var sentBefore = coalescers.Select(c => c.UpdatesSent).ToList();
        await DotAsync(other, s, voters[0], board);
        await WorkshopScenario.WaitForAsync(() => coalescers[1].UpdatesSent > sentBefore[1]);
        Assert.Equal(1, Volatile.Read(ref held));
        Assert.Equal(lostBefore + 1, claims.Counts.Lost);
        Assert.Equal(sentBefore[0], coalescers[0].UpdatesSent);

        // The slot frees: the first instance sends the board with both votes.
        clock.Advance(Second);
        await WorkshopScenario.WaitForAsync(() => coalescers[0].UpdatesSent > sentBefore[0]
            && coalescers.Sum(c => c.PendingFor(s.Channel.Id)) == 0);

        var updates = hosts.SelectMany(h => h.Sent(s.Channel.Id))
            .Where(u => u.Method == "PUT" && u.ActivityId == cardId && u.ClockAt >= before).OrderBy(u => u.ReceivedAt).ToList();
        var seen = string.Join("; ", updates.Select(u => Regex.Match(u.AllText, @"\d+ of \d+ participants voted").Value));
        Assert.True(updates.Count == 2, $"expected the second instance's card and then the first's: {seen}");
        Assert.Contains("1 of 2 participants voted", updates[0].AllText, StringComparison.Ordinal);
        Assert.Contains("2 of 2 participants voted", updates[^1].AllText, StringComparison.Ordinal);
        Assert.Equal(before + Second, updates[^1].ClockAt);
        Assert.All(hosts, h => Assert.Equal(0, h.Connector.ThrottledCount));
    }

    private static async Task DotAsync(BotTestHost host, WorkshopScenario s, TestUser voter, Poll board)
    {
        var answer = await host.ExecuteAsync(voter, s.Channel, BallotScreen.Dot, new DotData(s.WorkshopId, board.Id, 1, "i1"));
        Assert.Equal(HttpStatusCode.OK, answer.Status);
    }

    /// <summary>
    /// The instances' claims of card slots, counted as the store answers them (the slots themselves are the store's own,
    /// shared by both instances): how many were tried and how many lost.
    /// </summary>
    private sealed class ClaimsSeen
    {
        private int _tried;
        private int _lost;

        public (int Tried, int Lost) Counts => (Volatile.Read(ref _tried), Volatile.Read(ref _lost));

        public void Install(IServiceCollection services) =>
            services.AddSingleton<ICardSlots>(sp => new Counted(new SqlCardSlots(sp.GetRequiredService<StorageDatabase>()), this));

        private sealed class Counted(ICardSlots slots, ClaimsSeen seen) : ICardSlots
        {
            public async Task<CardSlotClaim> ClaimAsync(string conversationId, DateTimeOffset now, TimeSpan interval,
                CancellationToken cancellationToken)
            {
                var claim = await slots.ClaimAsync(conversationId, now, interval, cancellationToken);
                if (!claim.Claimed)
                {
                    Interlocked.Increment(ref seen._lost);
                }

                Interlocked.Increment(ref seen._tried);
                return claim;
            }

            public Task<bool> ClaimedSinceAsync(string conversationId, DateTimeOffset claimedAt, CancellationToken cancellationToken) =>
                slots.ClaimedSinceAsync(conversationId, claimedAt, cancellationToken);

            public Task<int> ForgetIdleAsync(DateTimeOffset claimedBefore, DateTimeOffset farAhead, CancellationToken cancellationToken) =>
                slots.ForgetIdleAsync(claimedBefore, farAhead, cancellationToken);
        }
    }
}

/// <summary>Two instances on one SQLite file.</summary>
public sealed class LiveCardSlotLostOnTwoInstancesOnSqlite : LiveCardSlotLostOnTwoInstancesScenarios
{
    private protected override Task<WorkshopScenario> FirstAsync(ManualTimeProvider clock, Action<IServiceCollection> services) =>
        WorkshopScenario.CreateAsync(o =>
        {
            o.Time = clock;
            o.Services = services;
        });

    private protected override Task<BotTestHost> SecondAsync(WorkshopScenario first, ManualTimeProvider clock,
        Action<IServiceCollection> services) =>
        JobsOnTwoInstances.SecondInstanceOnSqliteAsync(first, clock, services);
}

/// <summary>Two instances on one PostgreSQL database.</summary>
[Collection(PostgresCollection.Name)]
public sealed class LiveCardSlotLostOnTwoInstancesOnPostgres(PostgresServerFixture server) : LiveCardSlotLostOnTwoInstancesScenarios
{
    private string? _database;

    private protected override async Task<WorkshopScenario> FirstAsync(ManualTimeProvider clock, Action<IServiceCollection> services)
    {
        _database = await server.CreateDatabaseAsync();
        return await WorkshopScenario.CreateAsync(o =>
        {
            o.Time = clock;
            o.Services = services;
            o.PostgresConnectionString = _database;
        });
    }

    private protected override Task<BotTestHost> SecondAsync(WorkshopScenario first, ManualTimeProvider clock,
        Action<IServiceCollection> services) =>
        JobsOnTwoInstances.SecondInstanceAsync(_database!, clock, services);
}
