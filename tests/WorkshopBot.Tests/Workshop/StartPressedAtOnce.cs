using WorkshopBot.Storage;
using WorkshopBot.Tests.Storage;
using WorkshopBot.Tests.Support;
using WorkshopBot.Workshop.Domain;
using WorkshopBot.Workshop.Storage;
using WorkshopBot.Workshop.Teams;

namespace WorkshopBot.Tests.Workshop;

/// <summary>
/// Start pressed twice at the same moment (two requests in flight together, not a redelivery): the first press has made
/// every read and waits at its commit while the second starts the workshop. The store's unique key settles it: one
/// workshop, one card, one log line, and the press that lost is told the workshop has already started.
/// </summary>
public abstract class StartPressedAtOnceScenarios
{
    protected abstract Task<Action<BotTestHostOptions>> StoreAsync();

    [Fact]
    public async Task TwoPressesAtOnceStartOneWorkshop()
    {
        var armed = false;
        var held = new HeldCommits(w => Volatile.Read(ref armed)
            && w.Steps.OfType<StoreWork.InsertStep>().Any(i => i.Collection == WorkshopRepository.Collection));
        var store = await StoreAsync();
        await using var s = await WorkshopScenario.CreateAsync(o =>
        {
            store(o);
            o.Services = held.Register;
        });
        var press = new StartWorkshopData(s.Audit.Id);

        Volatile.Write(ref armed, true);
        var first = s.ExecuteAsync(s.Chair, StartScreen.Start, press);
        await held.Held.WaitAsync(TimeSpan.FromSeconds(60));
        var second = WorkshopScenario.CardText(await s.ExecuteAsync(s.Chair, StartScreen.Start, press));
        Assert.NotEqual(CommitOutcome.Committed, (await held.ReleaseAsync()).Outcome);
        var lost = WorkshopScenario.CardText(await first);
        await s.Host.DrainOutboxAsync();

        Assert.Contains("has started", second, StringComparison.Ordinal);
        Assert.Contains("has already started here", lost, StringComparison.Ordinal);
        var sessions = await s.Host.Get<IDocumentStore>().ListAsync<WorkshopSession>(WorkshopRepository.Collection,
            key1: s.Audit.Id.ToString());
        var only = Assert.Single(sessions).Value;
        Assert.Single(await s.LogAsync("workshop", only.Id.ToString()), e => e.Action == "workshop.start");
        Assert.Single(s.Host.Sent(s.Channel.Id), a => a.AllText.Contains("Join", StringComparison.Ordinal));
    }
}

/// <summary>On the default SQLite store.</summary>
public sealed class StartPressedAtOnceSqlite : StartPressedAtOnceScenarios
{
    protected override Task<Action<BotTestHostOptions>> StoreAsync() => Task.FromResult<Action<BotTestHostOptions>>(_ => { });
}

/// <summary>On PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class StartPressedAtOncePostgres(PostgresServerFixture server) : StartPressedAtOnceScenarios
{
    protected override async Task<Action<BotTestHostOptions>> StoreAsync()
    {
        var database = await server.CreateDatabaseAsync();
        return o => o.PostgresConnectionString = database;
    }
}
