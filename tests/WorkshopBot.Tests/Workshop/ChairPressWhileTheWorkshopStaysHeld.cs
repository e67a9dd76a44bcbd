using System.Net;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Storage;
using WorkshopBot.Tests.Support;
using WorkshopBot.Workshop.Storage;
using WorkshopBot.Workshop.Teams;

namespace WorkshopBot.Tests.Workshop;

/// <summary>
/// What a chair's press does when other work on this instance keeps the workshop longer than the gate's wait
/// (<see cref="DocumentGates.MaxWait"/>: a long export, a slow commit): it goes ahead without the gate once the wait has run
/// out, and the version check decides. The holder here changes nothing, so the press is done, once, answered as usual (not
/// a 500), and the same press delivered again changes nothing more. The holder is a work that entered the workshop's gate
/// directly (not timing). Giving up instead, answering that the workshop is busy, was tried and refused most presses of a
/// crowd queued on one workshop (WorkshopChairActionsDuringLiveVoting): see DocumentGates.
/// </summary>
public abstract class ChairPressWhileTheWorkshopStaysHeldScenarios
{
    protected abstract Task<Action<BotTestHostOptions>> StoreAsync();

    [Fact]
    public async Task ThePressGoesAheadAfterTheWaitAndIsDoneOnce()
    {
        await using var s = await WorkshopScenario.CreateAsync(await StoreAsync());
        await s.StartAsync();
        var polls = (await s.SessionAsync()).Polls.Count;
        var logged = await CreationsLoggedAsync(s);
        var holder = new UnitOfWork();
        await s.Host.Get<DocumentGates>().EnterAsync(holder, WorkshopRepository.Collection, WorkshopRepository.KeyOf(s.WorkshopId),
            CancellationToken.None);

        var press = s.Host.CardAction(s.Chair, s.Channel, PollsScreen.CreatePoll,
            new CreatePollData(s.WorkshopId, PollTypes.CustomBoard, "What got in the way?", Dots: "3", MaxPerItem: "3"));
        var created = await s.Host.InvokeAsync(press);

        Assert.Equal(HttpStatusCode.OK, created.Status);
        Assert.Contains("Poll created and posted.", WorkshopScenario.CardText(created), StringComparison.Ordinal);
        Assert.Equal(polls + 1, (await s.SessionAsync()).Polls.Count);
        Assert.Equal(logged + 1, await CreationsLoggedAsync(s));

        // The holder lets go; the same press delivered again is answered as before and changes nothing more.
        holder.Committed();
        var again = await s.Host.InvokeAsync(press);
        Assert.Equal(WorkshopScenario.CardText(created), WorkshopScenario.CardText(again));
        Assert.Equal(polls + 1, (await s.SessionAsync()).Polls.Count);
        Assert.Equal(logged + 1, await CreationsLoggedAsync(s));
        Assert.Equal(0, s.Host.Get<DocumentGates>().InFlight);
    }

    private static async Task<int> CreationsLoggedAsync(WorkshopScenario s) =>
        (await s.Host.Get<IAuditLog>().ListRecentAsync(100_000)).Count(e => e.Action == "workshop.poll.create");
}

/// <summary>On the default SQLite store.</summary>
public sealed class ChairPressWhileTheWorkshopStaysHeldOnSqlite : ChairPressWhileTheWorkshopStaysHeldScenarios
{
    protected override Task<Action<BotTestHostOptions>> StoreAsync() => Task.FromResult<Action<BotTestHostOptions>>(_ => { });
}

/// <summary>On PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ChairPressWhileTheWorkshopStaysHeldOnPostgres(PostgresServerFixture server)
    : ChairPressWhileTheWorkshopStaysHeldScenarios
{
    protected override async Task<Action<BotTestHostOptions>> StoreAsync()
    {
        var database = await server.CreateDatabaseAsync();
        return o => o.PostgresConnectionString = database;
    }
}
