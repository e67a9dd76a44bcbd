using Microsoft.Extensions.Configuration;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Storage;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.Support.OutboxTestMessages;

namespace WorkshopBot.Tests.Foundation;

/// <summary>
/// Two instances of the bot on one database, each remembering a conversation's record for a short while. Instance A hears
/// from a channel through a new serviceUrl while instance B still remembers the old one: one the bot now refuses (its host
/// taken off the allowed list), or one at which Teams answers that the conversation is not there. B's send there delivers
/// nothing; B reads the record again from the database and sends the message once to the new serviceUrl. It is recorded as
/// sent, not failed, the channel stays active, and B remembers the new serviceUrl from then on.
/// </summary>
public abstract partial class MovedOnAnotherInstanceScenarios
{
    private const string Refused = "https://connector.example.invalid/uk/";

    private static readonly TestUser Chair = BotTestHost.User("Quality Chair");

    /// <summary>Instance A, on a database of its own.</summary>
    protected abstract Task<BotTestHost> FirstAsync(TimeProvider time);

    /// <summary>Instance B, on instance A's database.</summary>
    protected abstract Task<BotTestHost> SecondAsync(BotTestHost first, TimeProvider time);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AMessageSentByAnInstanceRememberingTheOldServiceUrlGoesOnceToTheNewOne(bool refused)
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var a = await FirstAsync(clock);
        await using var b = await SecondAsync(a, clock);
        var channel = BotTestHost.Channel("QA sub-group");
        var old = refused ? Refused : b.ServiceUrl;
        var record = await RememberedByTheSecondAtAsync(a, b, channel, old);
        b.Connector.Inject(Uri.EscapeDataString(channel.Id), new InjectedFailure(404, "ConversationNotFound", Times: 100));
        var gone = b.Connector.Requests.Count;

        var probe = await b.QueueAsync(o => o.Send(record, Card("Safety alert"), "probe:moved-on-a", null));
        await b.DrainOutboxAsync();

        Assert.Equal(OutboxStatus.Sent, (await b.Get<IOutboxStore>().FindByDedupeKeyAsync(probe))!.Status);
        Assert.Single(a.Sent(channel.Id), x => x.AllText.Contains("Safety alert", StringComparison.Ordinal));
        Assert.Equal(refused ? 0 : 1, b.Connector.Requests.Count - gone);
        Assert.DoesNotContain(b.Sent(channel.Id), x => x.AllText.Contains("Safety alert", StringComparison.Ordinal));
        var now = (await b.Get<IConversationStore>().GetAsync(channel.Id))!;
        Assert.Equal((a.ServiceUrl, true), (now.ServiceUrl, now.Active));
        Assert.Equal(0, await b.DrainOutboxAsync());
    }

    /// <summary>
    /// The channel heard from by <paramref name="a"/>; its record then names <paramref name="old"/>, which <paramref name="b"/>
    /// reads and remembers, and <paramref name="a"/> hears from it again through its own serviceUrl. The record as first stored.
    /// </summary>
    private static async Task<ConversationRecord> RememberedByTheSecondAtAsync(BotTestHost a, BotTestHost b, TestConversation channel,
        string old)
    {
        await a.SayAsync(Chair, channel, "help");
        await a.DrainOutboxAsync();
        var record = (await a.Get<IConversationStore>().GetAsync(channel.Id))!;
        await a.Get<IConversationStore>().UpsertAsync(record with { ServiceUrl = old });
        Assert.Equal(old, (await b.Get<IConversationStore>().GetAsync(channel.Id))!.ServiceUrl);
        await a.SayAsync(Chair, channel, "help");
        await a.DrainOutboxAsync();
        Assert.Equal(a.ServiceUrl, (await a.Get<IConversationStore>().GetAsync(channel.Id))!.ServiceUrl);
        Assert.Equal(old, (await b.Get<IConversationStore>().GetAsync(channel.Id))!.ServiceUrl);
        return record;
    }

    [Fact]
    public async Task AMessageWhoseConversationIsGoneAtTheServiceUrlStoredStillFailsOnce()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var a = await FirstAsync(clock);
        await using var b = await SecondAsync(a, clock);
        var channel = BotTestHost.Channel("QA sub-group");
        await a.SayAsync(Chair, channel, "help");
        await a.DrainOutboxAsync();
        var record = (await b.Get<IConversationStore>().GetAsync(channel.Id))!;
        a.Connector.Inject(Uri.EscapeDataString(channel.Id), new InjectedFailure(404, "ConversationNotFound", Times: 100));
        var before = a.Connector.Requests.Count;

        var probe = await b.QueueAsync(o => o.Send(record, Card("Safety alert"), "probe:gone", null));
        await b.DrainOutboxAsync();

        // Read again, the record names the same serviceUrl: no second try, failed for good and the channel marked inactive.
        Assert.Equal(OutboxStatus.Failed, (await b.Get<IOutboxStore>().FindByDedupeKeyAsync(probe))!.Status);
        Assert.Equal(1, a.Connector.Requests.Count - before);
        Assert.False((await a.Get<IConversationStore>().GetStoredAsync(channel.Id))!.Active);
    }

    [Fact]
    public async Task AChannelHeardFromThroughYetAnotherServiceUrlDuringTheLastTryStaysActive()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var a = await FirstAsync(clock);
        await using var b = await SecondAsync(a, clock);
        var channel = BotTestHost.Channel("QA sub-group");
        var record = await RememberedByTheSecondAtAsync(a, b, channel, b.ServiceUrl);
        // B's remembered serviceUrl answers "not found"; so does the one A stored, slowly: while that last try is under way,
        // the channel is heard from through a third serviceUrl (Teams moved it again), after B read the record.
        b.Connector.Inject(Uri.EscapeDataString(channel.Id), new InjectedFailure(404, "ConversationNotFound", Times: 100));
        a.Connector.Inject(Uri.EscapeDataString(channel.Id),
            new InjectedFailure(404, "ConversationNotFound", Times: 100, Hang: TimeSpan.FromSeconds(5)));
        var third = a.ServiceUrl.TrimEnd('/') + "/moved-again/";
        var before = a.Connector.Requests.Count;

        var probe = await b.QueueAsync(o => o.Send(record, Card("Safety alert"), "probe:moved-during-the-try", null));
        var draining = b.DrainOutboxAsync();
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (a.Connector.Requests.Count == before && waited.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(10);
        }

        await a.Get<IConversationStore>().UpsertAsync(record with { ServiceUrl = third, Active = true });
        await draining;

        // Failed for good (Teams answered "not found" at both), but the channel is not marked gone: its record names the
        // serviceUrl it was heard from through last, not the one Teams answered at.
        Assert.Equal(OutboxStatus.Failed, (await b.Get<IOutboxStore>().FindByDedupeKeyAsync(probe))!.Status);
        Assert.Equal(1, a.Connector.Requests.Count - before);
        var now = (await a.Get<IConversationStore>().GetStoredAsync(channel.Id))!;
        Assert.Equal((third, true), (now.ServiceUrl, now.Active));
    }
}

/// <summary>Two instances on one SQLite file.</summary>
public sealed class OutboxFollowsAMoveSeenByAnotherInstanceOnSqlite : MovedOnAnotherInstanceScenarios
{
    protected override Task<BotTestHost> FirstAsync(TimeProvider time) => BotTestHost.StartAsync(o => o.Time = time);

    protected override Task<BotTestHost> SecondAsync(BotTestHost first, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(first);
        var path = first.Get<IConfiguration>()["Storage:SqlitePath"];
        return BotTestHost.StartAsync(o =>
        {
            o.Time = time;
            o.Settings["Storage:SqlitePath"] = path;
        });
    }
}

/// <summary>Two instances on one PostgreSQL database.</summary>
[Collection(PostgresCollection.Name)]
public sealed class OutboxFollowsAMoveSeenByAnotherInstanceOnPostgres(PostgresServerFixture server) : MovedOnAnotherInstanceScenarios
{
    private string? _database;

    protected override async Task<BotTestHost> FirstAsync(TimeProvider time)
    {
        _database = await server.CreateDatabaseAsync();
        return await BotTestHost.StartAsync(o =>
        {
            o.Time = time;
            o.PostgresConnectionString = _database;
        });
    }

    protected override Task<BotTestHost> SecondAsync(BotTestHost first, TimeProvider time) => BotTestHost.StartAsync(o =>
    {
        o.Time = time;
        o.PostgresConnectionString = _database;
    });
}
