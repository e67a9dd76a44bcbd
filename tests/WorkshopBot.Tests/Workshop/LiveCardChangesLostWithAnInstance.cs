using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
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
/// Live card updates that change no vote count (an idea added to a board, a join's participant count on the workshop
/// card) wait in an instance's memory like a vote's, and are lost with it when it stops. The change is recorded with its
/// turn (<see cref="IWorkshopCardVersions"/>), and the catch-up (<see cref="LiveCardCatchUp"/>), run by any instance,
/// finds the card whose changes moved past what it shows once its update was long due, and sends it once, at Teams' pace;
/// a card already current is left alone. (<see cref="LiveCardsLostWithAnInstance"/> covers a vote's tally.)
/// </summary>
public sealed class LiveCardChangesLostWithAnInstance
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);
    private const string LostIdea = "Strategy meetings held within two working days.";

    /// <summary>
    /// An idea is added, and the instance stops while the board's update waits for its quiet spell: the next instance sends
    /// the board with the idea, once, with no further idea; later passes, and another restart, send nothing.
    /// </summary>
    [Fact]
    public async Task AnIdeaWhoseBoardUpdateWasLostWithTheInstanceReachesTheBoard()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var s = await StartAsync(clock);
        var (rep, board) = await BoardWithOneIdeaShownAsync(s, clock);
        var before = clock.GetUtcNow();
        await HoldIdeaAsync(s, rep, board);

        await s.Host.RestartAsync();
        var catchUp = s.Host.Get<LiveCardCatchUp>();
        Assert.Equal(0, await catchUp.RunOnceAsync(default));

        // Not before the board's quiet spell and the catch-up's wait have both passed: an instance still running would
        // have sent it by then.
        var options = s.Host.Get<IOptions<WorkshopOptions>>().Value;
        clock.Advance(options.IdeaBoardQuiet + options.CardCatchUpAfter - Second);
        Assert.Equal(0, await catchUp.RunOnceAsync(default));
        clock.Advance(Second);
        var coalescer = s.Host.Get<LiveCardCoalescer>();
        Assert.Equal(1, await catchUp.RunOnceAsync(default));
        await WorkshopScenario.WaitForAsync(() => coalescer.UpdatesSent > 0 && coalescer.PendingFor(s.Channel.Id) == 0);

        var update = Assert.Single(UpdatesSince(s, board.CardPostKey, before));
        Assert.Contains("Adding ideas · 2 ideas", update.AllText, StringComparison.Ordinal);
        Assert.Contains(LostIdea, update.AllText, StringComparison.Ordinal);

        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(0, await catchUp.RunOnceAsync(default));
        await s.Host.RestartAsync();
        Assert.Equal(0, await s.Host.Get<LiveCardCatchUp>().RunOnceAsync(default));
        Assert.Single(UpdatesSince(s, board.CardPostKey, before));
    }

    /// <summary>
    /// The board's card already shows its ideas; then two people join, and the instance stops with the second join's update
    /// of the workshop card waiting for its slot. The next instance sends the workshop card with both, and not the board.
    /// </summary>
    [Fact]
    public async Task AJoinWhoseWorkshopCardUpdateWasLostIsSentAndTheBoardAlreadyShownIsNot()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var s = await StartAsync(clock);
        var (_, board) = await BoardWithOneIdeaShownAsync(s, clock);
        var workshopCard = (await s.SessionAsync()).CardPostKey;
        var before = clock.GetUtcNow();
        var coalescer = s.Host.Get<LiveCardCoalescer>();
        var sent = coalescer.UpdatesSent;
        await s.JoinAsync(BotTestHost.User("Participant 1"), JoinScreen.OtherAgency);
        await WorkshopScenario.WaitForAsync(() => coalescer.UpdatesSent > sent);
        await s.JoinAsync(BotTestHost.User("Participant 2"), JoinScreen.OtherAgency);
        Assert.Equal(1, coalescer.PendingFor(s.Channel.Id));
        Assert.Contains("2 participants", UpdatesSince(s, workshopCard, before)[^1].AllText, StringComparison.Ordinal);

        await s.Host.RestartAsync();
        var catchUp = s.Host.Get<LiveCardCatchUp>();
        clock.Advance(s.Host.Get<IOptions<WorkshopOptions>>().Value.CardCatchUpAfter);
        coalescer = s.Host.Get<LiveCardCoalescer>();
        Assert.Equal(1, await catchUp.RunOnceAsync(default));
        await WorkshopScenario.WaitForAsync(() => coalescer.UpdatesSent > 0 && coalescer.PendingFor(s.Channel.Id) == 0);

        var updates = UpdatesSince(s, workshopCard, before);
        Assert.Equal(2, updates.Count);
        Assert.Contains("3 participants", updates[^1].AllText, StringComparison.Ordinal);
        Assert.Empty(UpdatesSince(s, board.CardPostKey, before));
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(0, await catchUp.RunOnceAsync(default));
    }

    /// <summary>
    /// An instance stopping gracefully with the board's update on its way to Teams (its quiet spell just over): the stop waits
    /// for that send and records the board as shown before the store closes, so after the restart the catch-up does not send
    /// the same board a second time. The channel's slot is not taken: the update goes as it would in service.
    /// </summary>
    [Fact]
    public Task ABoardSentAsTheInstanceStopsIsRecordedAndNotSentAgainAfterTheRestart() => BoardSentAsTheInstanceStopsAsync(null);

    /// <summary>The same on PostgreSQL.</summary>
    [Collection(PostgresCollection.Name)]
    public sealed class OnPostgres(PostgresServerFixture server)
    {
        [Fact]
        public async Task ABoardSentAsTheInstanceStopsIsRecordedAndNotSentAgainAfterTheRestart() =>
            await BoardSentAsTheInstanceStopsAsync(await server.CreateDatabaseAsync());
    }

    /// <summary>
    /// Two instances on one PostgreSQL store. The first stops with an idea's board update waiting and starts again; both run
    /// the catch-up at once: the board is updated once, with the idea, not once by each.
    /// </summary>
    [Collection(PostgresCollection.Name)]
    public sealed class OnTwoInstances(PostgresServerFixture server)
    {
        [Fact]
        public async Task AnIdeaLostWithOneInstanceReachesTheBoardOnceWhenBothInstancesLookForIt()
        {
            var database = await server.CreateDatabaseAsync();
            var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
            await using var s = await StartAsync(clock, database);
            await using var other = await JobsOnTwoInstances.SecondInstanceAsync(database, clock);
            other.Connector.LimitClock = clock;
            var (rep, board) = await BoardWithOneIdeaShownAsync(s, clock);
            var before = clock.GetUtcNow();
            await HoldIdeaAsync(s, rep, board);

            await s.Host.RestartAsync();
            BotTestHost[] hosts = [s.Host, other];
            var coalescers = hosts.Select(h => h.Get<LiveCardCoalescer>()).ToList();
            var sentBefore = coalescers.Sum(c => c.UpdatesSent);
            var options = s.Host.Get<IOptions<WorkshopOptions>>().Value;
            clock.Advance(options.IdeaBoardQuiet + options.CardCatchUpAfter);

            // Both find the board behind while the channel's slot is taken, so neither sends before both have marked it.
            Assert.True((await other.Get<ICardSlots>().ClaimAsync(s.Channel.Id, clock.GetUtcNow(), Second, default)).Claimed);
            Assert.Equal(new[] { 1, 1 }, await Task.WhenAll(hosts.Select(h => h.Get<LiveCardCatchUp>().RunOnceAsync(default))));
            clock.Advance(Second);
            await WorkshopScenario.WaitForAsync(() => coalescers.Sum(c => c.UpdatesSent) > sentBefore);

            // The instance that lost the slot looks again when it frees, finds the board current, and sends nothing.
            clock.Advance(Second);
            await WorkshopScenario.WaitForAsync(() => coalescers.Sum(c => c.PendingFor(s.Channel.Id)) == 0);
            Assert.Equal(0, coalescers.Sum(c => c.PendingFor(s.Channel.Id)));
            clock.Advance(TimeSpan.FromMinutes(1));
            Assert.Equal(new[] { 0, 0 }, await Task.WhenAll(hosts.Select(h => h.Get<LiveCardCatchUp>().RunOnceAsync(default))));

            var activityId = s.PostedActivityId(board.CardPostKey);
            var updates = hosts.SelectMany(h => h.Sent(s.Channel.Id))
                .Where(u => u.Method == "PUT" && u.ClockAt >= before && u.ActivityId == activityId).ToList();
            var update = Assert.Single(updates);
            Assert.Contains(LostIdea, update.AllText, StringComparison.Ordinal);
            Assert.Equal(sentBefore + 1, coalescers.Sum(c => c.UpdatesSent));
            Assert.All(hosts, h => Assert.Equal(0, h.Connector.ThrottledCount));
        }
    }

    private static Task<WorkshopScenario> StartAsync(ManualTimeProvider clock, string? postgres = null) =>
        LiveCardsLostWithAnInstance.StartAsync(clock, postgres);

    /// <summary>
    /// The board's update with <see cref="LostIdea"/> reaches Teams, whose answer is held; the instance is told to stop
    /// meanwhile. Teams answers once the instance has said it waits for its updates on their way (or, if it does not wait, once
    /// it has stopped). Then a new instance runs the catch-up long after the board's update was due.
    /// </summary>
    private static async Task BoardSentAsTheInstanceStopsAsync(string? postgres)
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        var logs = new Operations.UndeliverableMessages.CapturedLogs();
        await using var s = await LiveCardsLostWithAnInstance.StartAsync(clock, postgres, o =>
        {
            o.Settings["Workshop:IdeaBoardQuiet"] = "00:00:20";
            o.Settings["Logging:LogLevel:" + typeof(LiveCardCoalescer).FullName] = "Information";
            o.Services += services => services.AddSingleton<ILoggerProvider>(logs);
        });
        var (rep, board) = await BoardWithOneIdeaShownAsync(s, clock);
        var before = clock.GetUtcNow();
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var answer = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        s.Host.Connector.Answering = async request =>
        {
            if (request.Method == "PUT" && request.Body.Contains(LostIdea, StringComparison.Ordinal) && arrived.TrySetResult())
            {
                await answer.Task;
            }
        };
        await AddIdeaAsync(s, rep, board, LostIdea);
        var sendDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        s.Host.Get<LiveCardCoalescer>().Sent += (_, poll) =>
        {
            if (poll == board.Id)
            {
                sendDone.TrySetResult();
            }
        };
        var options = s.Host.Get<IOptions<WorkshopOptions>>().Value;
        clock.Advance(options.IdeaBoardQuiet);
        await arrived.Task.WaitAsync(TimeSpan.FromSeconds(60));

        var restart = s.Host.RestartAsync();
        await WorkshopScenario.WaitForAsync(() => restart.IsCompleted
            || logs.Entries.Any(e => e.Text.Contains("live card updates on their way to Teams to be recorded", StringComparison.Ordinal)));
        answer.TrySetResult();
        await restart;
        await sendDone.Task.WaitAsync(TimeSpan.FromSeconds(60));
        s.Host.Connector.Answering = null;

        clock.Advance(options.CardCatchUpAfter + TimeSpan.FromMinutes(1));
        Assert.Equal(0, await s.Host.Get<LiveCardCatchUp>().RunOnceAsync(default));
        var update = Assert.Single(UpdatesSince(s, board.CardPostKey, before));
        Assert.Contains(LostIdea, update.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain(logs.Entries, e => e.Text.Contains("could not be recorded as shown", StringComparison.Ordinal));
    }

    /// <summary>
    /// A representative joined and a board collecting ideas whose card shows its first idea: every update it caused sent, and
    /// the clock one second on.
    /// </summary>
    private static async Task<(TestUser Rep, Poll Board)> BoardWithOneIdeaShownAsync(WorkshopScenario s, ManualTimeProvider clock)
    {
        var rep = WorkshopScenario.Representative(1);
        await s.JoinAsync(rep);
        var board = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.WorkedWell));
        await s.Host.DrainOutboxAsync();
        await s.LetCardUpdatesOutAsync(clock);
        await AddIdeaAsync(s, rep, board, "Prompt safeguarding action.");
        clock.Advance(s.Host.Get<IOptions<WorkshopOptions>>().Value.IdeaBoardQuiet);
        await s.LetCardUpdatesOutAsync(clock);
        Assert.Contains("Prompt safeguarding action.", s.UpdatesOf(board)[^1].AllText, StringComparison.Ordinal);
        clock.Advance(Second);
        return (rep, board);
    }

    /// <summary>
    /// An idea added: the board's update waits in the instance's memory for the quiet spell (the clock does not move). The
    /// channel's slot is taken first (as by an update from another instance), so nothing of the idea can leave the instance
    /// before it stops, whatever it does as it stops.
    /// </summary>
    private static async Task HoldIdeaAsync(WorkshopScenario s, TestUser rep, Poll board)
    {
        Assert.True((await s.Host.Get<ICardSlots>().ClaimAsync(s.Channel.Id, s.Host.Get<TimeProvider>().GetUtcNow(), Second,
            default)).Claimed);
        var shown = s.UpdatesOf(board).Count;
        await AddIdeaAsync(s, rep, board, LostIdea);
        Assert.Equal(1, s.Host.Get<LiveCardCoalescer>().PendingFor(s.Channel.Id));
        Assert.Equal(shown, s.UpdatesOf(board).Count);
    }

    private static async Task AddIdeaAsync(WorkshopScenario s, TestUser rep, Poll board, string text) =>
        Assert.Equal(HttpStatusCode.OK, (await s.AddIdeaAsync(rep, board, text)).Status);

    private static List<SentActivity> UpdatesSince(WorkshopScenario s, string? postKey, DateTimeOffset since)
    {
        var activityId = s.PostedActivityId(postKey);
        return s.Host.Sent(s.Channel.Id)
            .Where(u => u.Method == "PUT" && u.ClockAt >= since && u.ActivityId == activityId)
            .OrderBy(u => u.ClockAt).ToList();
    }
}
