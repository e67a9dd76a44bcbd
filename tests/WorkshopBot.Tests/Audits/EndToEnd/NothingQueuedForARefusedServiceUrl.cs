using Dapper;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Storage;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.Audits.EndToEnd.AuditScenario;
using static WorkshopBot.Tests.Support.OutboxTestMessages;

namespace WorkshopBot.Tests.Audits.EndToEnd;

/// <summary>
/// A conversation stored with a serviceUrl the bot no longer sends to (its host taken off the allowed list since): the
/// first message there fails at once (event 2018) and marks the conversation inactive, as a removal does, so the chair's
/// next change queues no tracker update there and the answer says the channel cannot be reached. A conversation heard from
/// since through an allowed host is sent an older message queued for the refused host there, and stays active. A card to
/// a person with no 1:1 chat yet goes to the serviceUrl of the channel it came from, and a refusal there marks that channel.
/// </summary>
public abstract class RefusedServiceUrlScenarios
{
    private const string Refused = "https://connector.example.invalid/uk/";

    private static readonly TestConversation ChairChat = BotTestHost.PersonalChat(Chair);

    protected abstract Task<Action<BotTestHostOptions>> StoreAsync();

    [Fact]
    public async Task AFailedSendToARefusedHostMarksTheChannelAndTheNextChangeReportsIt()
    {
        await using var s = await StartAsync(await StoreAsync());
        await s.SetUpIssuedAsync();
        await s.Host.DrainOutboxAsync();
        var conversations = s.Host.Get<IConversationStore>();
        var stale = (await conversations.GetAsync(Team.Id))! with { ServiceUrl = Refused };
        await conversations.UpsertAsync(stale);

        var probe = await s.Host.QueueAsync(o => o.Send(stale, Card("Tracker"), "probe:refused", null));
        await s.Host.DrainOutboxAsync();

        var failed = (await s.Host.Get<IOutboxStore>().FindByDedupeKeyAsync(probe))!;
        Assert.Equal((OutboxStatus.Failed, 0), (failed.Status, failed.Attempts));
        Assert.False((await conversations.GetAsync(Team.Id))!.Active);
        var before = (await QueuedAsync(s)).Count;
        var extended = CardOf(await s.ExecuteAsync(Chair, TrackerScreen.ExtendDue, new ExtendDueData(s.AuditId, "2026-04-10"), ChairChat))
            .GetRawText();
        Assert.Contains("Returns are now due", extended, StringComparison.Ordinal);
        Assert.Contains(TrackerService.ChannelInactive, extended, StringComparison.Ordinal);
        // None of the representatives has a 1:1 chat with the bot, so their cards would go through the lost channel's
        // serviceUrl: nothing is queued, and the chair is asked to tell them.
        Assert.Equal(before, (await QueuedAsync(s)).Count);
        Assert.DoesNotContain("have been told", extended, StringComparison.Ordinal);
        Assert.All(Agencies, a => Assert.Contains(a.Rep.Name, extended, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ARefusedCardToAPersonWithoutAChatMarksTheChannelItsServiceUrlCameFrom()
    {
        await using var s = await StartAsync(await StoreAsync());
        await s.CreateAsync();
        var conversations = s.Host.Get<IConversationStore>();
        var channel = (await conversations.GetAsync(Team.Id))!;
        await conversations.UpsertAsync(channel with { ServiceUrl = Refused });

        // Nobody has a 1:1 chat with the bot as this person: the card goes to the channel's serviceUrl, now refused.
        var probe = await s.Host.QueueAsync(o => o.SendToUser(channel.ServiceUrl, channel.TenantId!, "29:no-chat-yet",
            Card("Audit tool"), "probe:person-refused", null, serviceUrlFrom: Team.Id));
        await s.Host.DrainOutboxAsync();

        var failed = (await s.Host.Get<IOutboxStore>().FindByDedupeKeyAsync(probe))!;
        Assert.Equal((OutboxStatus.Failed, 0), (failed.Status, failed.Attempts));
        Assert.False((await conversations.GetAsync(Team.Id))!.Active);
    }

    [Fact]
    public async Task ACardToAPersonFromAnAllowedChannelLeavesTheChannelActive()
    {
        await using var s = await StartAsync(await StoreAsync());
        await s.CreateAsync();
        var conversations = s.Host.Get<IConversationStore>();
        var channel = (await conversations.GetAsync(Team.Id))!;

        // Queued with the refused host, but the channel it came from is heard at an allowed one: sent there.
        var probe = await s.Host.QueueAsync(o => o.SendToUser(Refused, channel.TenantId!, "29:no-chat-yet",
            Card("Audit tool"), "probe:person-allowed", null, serviceUrlFrom: Team.Id));
        await s.Host.DrainOutboxAsync();

        Assert.Equal(OutboxStatus.Sent, (await s.Host.Get<IOutboxStore>().FindByDedupeKeyAsync(probe))!.Status);
        Assert.True((await conversations.GetAsync(Team.Id))!.Active);
    }

    [Fact]
    public async Task AMessageQueuedForARefusedHostGoesToTheHostTheChannelWasHeardFromSince()
    {
        await using var s = await StartAsync(await StoreAsync());
        await s.CreateAsync();
        var conversations = s.Host.Get<IConversationStore>();
        var current = (await conversations.GetAsync(Team.Id))!;
        Assert.True(current.Active);

        // Queued with the refused host, sent to the channel's serviceUrl as last heard, which the bot trusts.
        var probe = await s.Host.QueueAsync(o => o.Send(current with { ServiceUrl = Refused }, Card("Tracker"), "probe:old", null));
        await s.Host.DrainOutboxAsync();

        Assert.Equal(OutboxStatus.Sent, (await s.Host.Get<IOutboxStore>().FindByDedupeKeyAsync(probe))!.Status);
        Assert.True((await conversations.GetAsync(Team.Id))!.Active);
    }

    [Fact]
    public async Task AChannelHeardFromSinceThroughAnAllowedHostIsNotMarkedFromAnOlderRead()
    {
        await using var s = await StartAsync(await StoreAsync());
        await s.CreateAsync();
        var conversations = s.Host.Get<IConversationStore>();
        var current = (await conversations.GetAsync(Team.Id))!;
        await conversations.UpsertAsync(current with { ServiceUrl = Refused });
        Assert.Equal(Refused, (await conversations.GetAsync(Team.Id))!.ServiceUrl);

        // Another instance hears from the channel through the allowed host; this instance read it before that.
        var database = s.Host.Get<StorageDatabase>();
        await using (var connection = await database.OpenAsync(default))
        {
            await connection.ExecuteAsync("UPDATE conversations SET service_url = @url WHERE conversation_id = @id",
                new { url = current.ServiceUrl, id = Team.Id });
        }

        await s.Host.QueueAsync(o => o.Send(current, Card("Tracker"), "probe:heard-since", null));
        await s.Host.DrainOutboxAsync();

        await using var check = await database.OpenAsync(default);
        Assert.Equal(1, await check.ExecuteScalarAsync<int>(
            "SELECT CASE WHEN active THEN 1 ELSE 0 END FROM conversations WHERE conversation_id = @id", new { id = Team.Id }));
    }

    private static async Task<IReadOnlyList<OutboxMessage>> QueuedAsync(AuditScenario s)
    {
        var outbox = s.Host.Get<IOutboxStore>();
        return [.. await outbox.ListByCorrelationAsync(AuditMessenger.Correlation(s.AuditId)),
            .. await outbox.ListByCorrelationAsync(AuditMessenger.IssueCorrelation(s.AuditId))];
    }
}

/// <summary>A refused serviceUrl on the default SQLite store.</summary>
public sealed class NothingQueuedForARefusedServiceUrlOnSqlite : RefusedServiceUrlScenarios
{
    protected override Task<Action<BotTestHostOptions>> StoreAsync() => Task.FromResult<Action<BotTestHostOptions>>(_ => { });
}

/// <summary>A refused serviceUrl on PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class NothingQueuedForARefusedServiceUrlOnPostgres(PostgresServerFixture server) : RefusedServiceUrlScenarios
{
    protected override async Task<Action<BotTestHostOptions>> StoreAsync()
    {
        var database = await server.CreateDatabaseAsync();
        return o => o.PostgresConnectionString = database;
    }
}
