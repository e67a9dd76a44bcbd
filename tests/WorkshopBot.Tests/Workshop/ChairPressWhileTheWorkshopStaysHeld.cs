using System.Net;
using WorkshopBot.Common.Storage;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Storage;
using WorkshopBot.Tests.Support;
using WorkshopBot.Workshop.Storage;
using WorkshopBot.Workshop.Teams;

namespace WorkshopBot.Tests.Workshop;

/// <summary>
/// Other work on this instance holds the workshop longer than the gate's wait (<see cref="DocumentGates.MaxWait"/>: a long
/// export, a slow commit) while the chair presses Create poll. The press is answered at once, in amber, that WorkshopBot is
/// still saving another change and nothing was changed: no poll, no log entry, no card. Before, the press went ahead
/// without the gate after the wait, unqueued, raced the holder's commit and could answer after Teams had given up. Once the
/// workshop is free, the same press delivered again creates the poll once, and a further delivery changes nothing. The
/// holder is a work that entered the workshop's gate directly (not timing).
/// </summary>
public abstract class ChairPressWhileTheWorkshopStaysHeldScenarios
{
    protected abstract Task<Action<BotTestHostOptions>> StoreAsync();

    [Fact]
    public async Task ThePressIsAnsweredBusyWithNothingChangedAndWorksOnceTheWorkshopIsFree()
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
        var busy = await s.Host.InvokeAsync(press);

        Assert.Equal(HttpStatusCode.OK, busy.Status);
        var text = WorkshopScenario.CardText(busy);
        Assert.Contains(DocumentChanges.Busy, text, StringComparison.Ordinal);
        Assert.Contains("\"warning\"", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Poll created", text, StringComparison.Ordinal);
        Assert.Equal(polls, (await s.SessionAsync()).Polls.Count);
        Assert.Equal(logged, await CreationsLoggedAsync(s));

        // The holder lets go: the same press, delivered again, is done once, and once only.
        holder.Committed();
        var created = await s.Host.InvokeAsync(press);
        Assert.Contains("Poll created and posted.", WorkshopScenario.CardText(created), StringComparison.Ordinal);
        var again = await s.Host.InvokeAsync(press);
        Assert.Equal(WorkshopScenario.CardText(created), WorkshopScenario.CardText(again));
        var session = await s.SessionAsync();
        Assert.Equal(polls + 1, session.Polls.Count);
        Assert.Single(await s.LogAsync("workshop-poll", session.Polls[^1].Id), e => e.Action == "workshop.poll.create");
        Assert.Equal(logged + 1, await CreationsLoggedAsync(s));
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
