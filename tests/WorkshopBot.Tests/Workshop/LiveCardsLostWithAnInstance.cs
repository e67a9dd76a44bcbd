using System.Net;
using System.Text.RegularExpressions;
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
/// The live card's update waiting in an instance's memory is lost when that instance stops (a crash, a deploy, a
/// scale-in). When the votes then stop, nothing else would draw the card again: it would show a wrong tally for as long as
/// voting stays open. The catch-up (<see cref="LiveCardCatchUp"/>), run by any instance, finds the poll whose counts have
/// moved past what its card shows and sends the card once, at Teams' pace; a card already current is left alone. The
/// closed card, queued in the outbox with the close, reaches Teams from the next instance.
/// </summary>
public sealed class LiveCardsLostWithAnInstance
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task AnUpdateLostWhenTheInstanceStoppedIsSentByTheNextInstanceWithoutAnotherVote()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var s = await StartAsync(clock);
        var (voters, board) = await s.OpenBoardForTwoAsync(clock);
        var before = clock.GetUtcNow();
        await HoldLastUpdateAsync(s, voters, board);

        // The instance stops with the second vote's update waiting; a new one starts on the same store.
        await s.Host.RestartAsync();
        var catchUp = s.Host.Get<LiveCardCatchUp>();
        Assert.Equal(0, await catchUp.RunOnceAsync(default));
        clock.Advance(s.Host.Get<Microsoft.Extensions.Options.IOptions<WorkshopOptions>>().Value.CardCatchUpAfter);
        var coalescer = s.Host.Get<LiveCardCoalescer>();
        Assert.Equal(1, await catchUp.RunOnceAsync(default));
        await WorkshopScenario.WaitForAsync(() => coalescer.UpdatesSent > 0 && coalescer.PendingFor(s.Channel.Id) == 0);

        var updates = UpdatesSince(s, board, before);
        Assert.Equal(2, updates.Count);
        Assert.Contains("2 of 2 participants voted", updates[^1].AllText, StringComparison.Ordinal);

        // Current now: later passes, on this instance or after another restart, send nothing.
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(0, await catchUp.RunOnceAsync(default));
        await s.Host.RestartAsync();
        Assert.Equal(0, await s.Host.Get<LiveCardCatchUp>().RunOnceAsync(default));
        Assert.Equal(2, UpdatesSince(s, board, before).Count);
    }

    [Fact]
    public async Task APollWhoseCardShowsItsVotesIsNotSentAgain()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var s = await StartAsync(clock);
        var (voters, board) = await s.OpenBoardForTwoAsync(clock);
        var before = clock.GetUtcNow();
        foreach (var voter in voters)
        {
            await DotAsync(s, voter, board);
        }

        await s.LetCardUpdatesOutAsync(clock);
        var sent = UpdatesSince(s, board, before);
        Assert.Contains("2 of 2 participants voted", sent[^1].AllText, StringComparison.Ordinal);

        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(0, await s.Host.Get<LiveCardCatchUp>().RunOnceAsync(default));
        await s.Host.RestartAsync();
        Assert.Equal(0, await s.Host.Get<LiveCardCatchUp>().RunOnceAsync(default));
        Assert.Equal(sent.Count, UpdatesSince(s, board, before).Count);
    }

    /// <summary>
    /// The chair closes voting with the last vote's update waiting, and the instance stops right after the close commits,
    /// before its outbox sent the closed card: the next instance's outbox sends it, with the final tally, and the catch-up
    /// leaves the closed poll to it.
    /// </summary>
    [Fact]
    public async Task TheClosedCardWithTheFinalTallyReachesTeamsWhenTheInstanceStopsRightAfterTheClose()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var s = await StartAsync(clock);
        var (voters, board) = await s.OpenBoardForTwoAsync(clock);
        var before = clock.GetUtcNow();
        await HoldLastUpdateAsync(s, voters, board);
        Assert.Equal(HttpStatusCode.OK, (await s.PhaseAsync(board, PhaseActions.Close)).Status);
        Assert.DoesNotContain(UpdatesSince(s, board, before), u => u.AllText.Contains("Closed · ", StringComparison.Ordinal));

        await s.Host.RestartAsync();
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(0, await s.Host.Get<LiveCardCatchUp>().RunOnceAsync(default));
        await s.Host.DrainOutboxAsync();

        var updates = UpdatesSince(s, board, before);
        Assert.Contains("Closed · 2 people voted", updates[^1].AllText, StringComparison.Ordinal);
    }

    /// <summary>
    /// Two instances on one PostgreSQL store. The first stops with the last vote's update waiting and starts again; both
    /// instances run the catch-up at once: the card is updated once, with the final tally, not once by each.
    /// </summary>
    [Collection(PostgresCollection.Name)]
    public sealed class OnTwoInstances(PostgresServerFixture server)
    {
        [Fact]
        public async Task AnUpdateLostWithOneInstanceIsSentOnceWhenBothInstancesLookForIt()
        {
            var database = await server.CreateDatabaseAsync();
            var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
            await using var s = await StartAsync(clock, database);
            await using var other = await JobsOnTwoInstances.SecondInstanceAsync(database, clock);
            other.Connector.LimitClock = clock;
            var (voters, board) = await s.OpenBoardForTwoAsync(clock);
            var before = clock.GetUtcNow();
            await HoldLastUpdateAsync(s, voters, board);

            await s.Host.RestartAsync();
            BotTestHost[] hosts = [s.Host, other];
            var coalescers = hosts.Select(h => h.Get<LiveCardCoalescer>()).ToList();
            var sentBefore = coalescers.Sum(c => c.UpdatesSent);
            clock.Advance(TimeSpan.FromSeconds(10));

            // Both instances find the card behind while the channel's slot is taken (as by an update elsewhere), so neither
            // can send before both have marked it; once the slot frees they race for it.
            Assert.True((await other.Get<ICardSlots>().ClaimAsync(s.Channel.Id, clock.GetUtcNow(), Second, default)).Claimed);
            var marked = await Task.WhenAll(hosts.Select(h => h.Get<LiveCardCatchUp>().RunOnceAsync(default)));
            Assert.Equal(new[] { 1, 1 }, marked);
            Assert.Equal(sentBefore, coalescers.Sum(c => c.UpdatesSent));
            clock.Advance(Second);
            await WorkshopScenario.WaitForAsync(() => coalescers.Sum(c => c.UpdatesSent) > sentBefore);

            // The instance that lost the slot looks again when it frees, finds the card current, and sends nothing.
            clock.Advance(Second);
            await WorkshopScenario.WaitForAsync(() => coalescers.Sum(c => c.PendingFor(s.Channel.Id)) == 0);
            Assert.Equal(0, coalescers.Sum(c => c.PendingFor(s.Channel.Id)));
            clock.Advance(TimeSpan.FromMinutes(1));
            Assert.Equal(new[] { 0, 0 }, await Task.WhenAll(hosts.Select(h => h.Get<LiveCardCatchUp>().RunOnceAsync(default))));

            var updates = hosts.SelectMany(h => h.Sent(s.Channel.Id))
                .Where(u => u.Method == "PUT" && u.ClockAt >= before && u.ActivityId == s.PostedActivityId(board.CardPostKey))
                .OrderBy(u => u.ClockAt).ToList();
            var seen = string.Join("; ", updates.Select(u => Regex.Match(u.AllText, @"\d+ of \d+ participants voted").Value));
            Assert.True(updates.Count == 2, $"the first vote's update, then the lost one once: {seen}");
            Assert.Contains("2 of 2 participants voted", updates[^1].AllText, StringComparison.Ordinal);
            Assert.Equal(sentBefore + 1, coalescers.Sum(c => c.UpdatesSent));
            Assert.All(hosts, h => Assert.Equal(0, h.Connector.ThrottledCount));
        }
    }

    /// <summary>
    /// A started workshop on <paramref name="clock"/>, Teams' send limits on the same clock (with <paramref name="configure"/>,
    /// the host set as the test needs).
    /// </summary>
    internal static async Task<WorkshopScenario> StartAsync(ManualTimeProvider clock, string? postgres = null,
        Action<BotTestHostOptions>? configure = null)
    {
        var s = await WorkshopScenario.CreateAsync(o =>
        {
            o.Time = clock;
            o.PostgresConnectionString = postgres;
            configure?.Invoke(o);
        });
        s.Host.Connector.LimitClock = clock;
        await s.StartAsync();
        return s;
    }

    /// <summary>
    /// Each voter places a dot: the first vote's update goes at once and shows one voter, the second's waits in the
    /// instance's memory for the next slot (the clock does not move).
    /// </summary>
    private static async Task HoldLastUpdateAsync(WorkshopScenario s, IReadOnlyList<TestUser> voters, Poll board)
    {
        var coalescer = s.Host.Get<LiveCardCoalescer>();
        var sent = coalescer.UpdatesSent;
        await DotAsync(s, voters[0], board);
        await WorkshopScenario.WaitForAsync(() => coalescer.UpdatesSent > sent);
        await DotAsync(s, voters[1], board);
        Assert.Equal(1, coalescer.PendingFor(s.Channel.Id));
        Assert.Contains("1 of 2 participants voted", s.UpdatesOf(board)[^1].AllText, StringComparison.Ordinal);
    }

    private static async Task DotAsync(WorkshopScenario s, TestUser voter, Poll board) =>
        Assert.Equal(HttpStatusCode.OK, (await s.DotAsync(voter, board, "i1")).Status);

    private static List<SentActivity> UpdatesSince(WorkshopScenario s, Poll board, DateTimeOffset since) =>
        s.Host.Sent(s.Channel.Id)
            .Where(u => u.Method == "PUT" && u.ClockAt >= since && u.ActivityId == s.PostedActivityId(board.CardPostKey))
            .OrderBy(u => u.ClockAt).ToList();
}
