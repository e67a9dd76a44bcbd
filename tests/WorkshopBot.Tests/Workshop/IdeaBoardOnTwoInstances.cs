using WorkshopBot.Tests.Support;
using WorkshopBot.Workshop.Domain;
using WorkshopBot.Workshop.Jobs;
using WorkshopBot.Workshop.Teams;

namespace WorkshopBot.Tests.Workshop;

/// <summary>
/// The set-up of the tests of an idea board's updates on two instances of the bot (<see cref="IdeaBoardQuietOnTwoInstancesScenarios"/>,
/// <see cref="LiveCardSlotLostOnTwoInstancesScenarios"/>): the first instance's workshop started, two representatives joined, an
/// idea board posted and its card sent, then, 2 s later by the clock, a second instance on the same store and clock. Disposing it
/// stops the second instance, then the first.
/// </summary>
internal sealed class IdeaBoardOnTwoInstances : IAsyncDisposable
{
    private IdeaBoardOnTwoInstances(WorkshopScenario scenario, BotTestHost other, TestUser[] reps, Poll board, DateTimeOffset before)
    {
        Scenario = scenario;
        Other = other;
        Reps = reps;
        Board = board;
        Hosts = [scenario.Host, other];
        Coalescers = [.. Hosts.Select(h => h.Get<LiveCardCoalescer>())];
        Before = before;
    }

    public WorkshopScenario Scenario { get; }

    public BotTestHost Other { get; }

    /// <summary>Two representatives who joined the workshop.</summary>
    public TestUser[] Reps { get; }

    public Poll Board { get; }

    /// <summary>The first instance's host, then the second's.</summary>
    public BotTestHost[] Hosts { get; }

    /// <summary>The instances' live card coalescers, in the order of <see cref="Hosts"/>.</summary>
    public List<LiveCardCoalescer> Coalescers { get; }

    /// <summary>The clock when the second instance started, after every update of the board until then was sent.</summary>
    public DateTimeOffset Before { get; }

    /// <param name="clock">The clock both instances run on (and their connectors' rate limits).</param>
    /// <param name="first">Starts the first instance's workshop on <paramref name="clock"/>.</param>
    /// <param name="second">Starts a second instance on the first one's store and <paramref name="clock"/>.</param>
    public static async Task<IdeaBoardOnTwoInstances> StartAsync(ManualTimeProvider clock, Func<Task<WorkshopScenario>> first,
        Func<WorkshopScenario, Task<BotTestHost>> second)
    {
        var s = await first();
        try
        {
            s.Host.Connector.LimitClock = clock;
            await s.StartAsync();
            TestUser[] reps = [WorkshopScenario.Representative(1), WorkshopScenario.Representative(2)];
            foreach (var rep in reps)
            {
                await s.JoinAsync(rep);
            }

            var board = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.WorkedWell));
            await s.Host.DrainOutboxAsync();
            await s.LetCardUpdatesOutAsync(clock);
            clock.Advance(TimeSpan.FromSeconds(2));
            var other = await second(s);
            other.Connector.LimitClock = clock;
            return new IdeaBoardOnTwoInstances(s, other, reps, board, clock.GetUtcNow());
        }
        catch
        {
            await s.DisposeAsync();
            throw;
        }
    }

    /// <summary>The updates of the board's card either instance sent since <see cref="Before"/>, by the clock.</summary>
    public List<SentActivity> BoardUpdates()
    {
        var activityId = Scenario.PostedActivityId(Board.CardPostKey);
        return Hosts.SelectMany(h => h.Sent(Scenario.Channel.Id))
            .Where(u => u.Method == "PUT" && u.ClockAt >= Before && u.ActivityId == activityId)
            .OrderBy(u => u.ClockAt).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Other.DisposeAsync();
        }
        finally
        {
            await Scenario.DisposeAsync();
        }
    }
}
