using System.Net;
using WorkshopBot.Cards;
using WorkshopBot.Outbox;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Storage;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Foundation;

/// <summary>The same bot on a real PostgreSQL server: two instances share one store, as behind one Azure Bot registration.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresEndToEnd(PostgresServerFixture server)
{
    [Fact]
    public async Task TwoInstancesOnOneDatabaseProcessARedeliveredActivityOnceAndShareTheOutbox()
    {
        var database = await server.CreateDatabaseAsync();
        await using var first = await BotTestHost.StartAsync(o => o.PostgresConnectionString = database);
        await using var second = await BotTestHost.StartAsync(o => o.PostgresConnectionString = database);
        var user = BotTestHost.User("Pat Practitioner");
        var chat = BotTestHost.PersonalChat(user);
        var message = first.Message(user, chat, "help");

        using var one = await first.PostAsync(message);
        using var two = await second.PostAsync(message with { ServiceUrl = second.ServiceUrl },
            "Bearer " + second.Issuer.CreateToken(BotTestHost.AppId, second.ServiceUrl));

        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        Assert.Equal(HttpStatusCode.OK, two.StatusCode);
        Assert.Single(first.CardsIn(chat.Id));
        Assert.Empty(second.CardsIn(chat.Id));

        for (var i = 0; i < 20; i++)
        {
            await first.QueueAsync(o => o.SendToUser(first.ServiceUrl, BotTestHost.TenantId, BotTestHost.User($"Rep {i}").Id,
                new Activity { Type = ActivityTypes.Message, Text = $"tool {i}." }, $"pg:{i}", "pg"));
        }

        await Task.WhenAll(first.DrainOutboxAsync(), second.DrainOutboxAsync());

        var delivered = first.Sent().Concat(second.Sent())
            .Where(s => s.Activity.Text?.StartsWith("tool ", StringComparison.Ordinal) == true)
            .Select(s => s.Activity.Text).ToList();
        Assert.Equal(20, delivered.Count);
        Assert.Equal(20, delivered.Distinct().Count());
        Assert.All(await first.Get<IOutboxStore>().ListByCorrelationAsync("pg"), m => Assert.Equal(OutboxStatus.Sent, m.Status));
    }
}
