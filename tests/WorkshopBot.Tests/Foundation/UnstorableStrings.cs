using System.Net;
using Dapper;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Storage;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Foundation;

/// <summary>
/// Strings SQLite stores but PostgreSQL refuses (U+0000 in text and jsonb, a key over its index row limit) are refused at
/// the door with 400 on both stores, and store nothing: before, each was a 500 on PostgreSQL. Control characters in an
/// identifier and identifiers over 1 KB are refused too; a tab or a newline in free text is not.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class UnstorableStrings(PostgresServerFixture server)
{
    private static readonly TestUser Pat = BotTestHost.User("Pat Practitioner");
    private static readonly TestConversation Chat = BotTestHost.PersonalChat(Pat);

    private static readonly (string Name, Func<BotTestHost, Activity> Make)[] Refused =
    [
        ("NUL in the activity id", h => Help(h) with { Id = Help(h).Id + "\0" }),
        ("NUL in the text", h => h.Message(Pat, Chat, "help\0")),
        ("NUL in from.name", h => Help(h) with { From = Pat.Account with { Name = "Pat\0Practitioner" } }),
        ("NUL in a card input", h => h.Submit(Pat, Chat, new { verb = "workshop.note", note = "seen\0" })),
        ("a 5,000-character conversation id", h => Help(h) with
        {
            Conversation = Help(h).Conversation! with { Id = "a:" + new string('x', 4998) },
        }),
        ("a 2,000-character replyToId", h => Help(h) with { ReplyToId = new string('9', 2000) }),
        ("a bell in from.id", h => Help(h) with { From = Pat.Account with { Id = Pat.Id + "\u0007" } }),
        ("a newline in the card verb", h => h.CardAction(Pat, Chat, "workshop.start\n", new { })),
        ("DEL in the tenant id", h => Help(h) with
        {
            Conversation = Help(h).Conversation! with { TenantId = BotTestHost.TenantId + "\u007F" },
        }),
    ];

    [Fact]
    public Task OnSqliteActivitiesWithUnstorableStringsAre400AndStoreNothing() => RunAsync(postgres: null);

    [Fact]
    public async Task OnPostgresActivitiesWithUnstorableStringsAre400AndStoreNothing()
    {
        var database = await server.CreateDatabaseAsync();
        try
        {
            await RunAsync(database);
        }
        finally
        {
            await server.DropDatabaseAsync(database);
        }
    }

    private static async Task RunAsync(string? postgres)
    {
        await using var host = await BotTestHost.StartAsync(o => o.PostgresConnectionString = postgres);
        var before = await FingerprintAsync(host);

        foreach (var (name, make) in Refused)
        {
            using var response = await host.PostAsync(make(host));
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{name}: {(int)response.StatusCode}");
        }

        Assert.Equal(before, await FingerprintAsync(host));
        Assert.Empty(host.Connector.Requests);

        // Free text keeps its tabs and newlines; and the fingerprint does see what a turn stores.
        using var plain = await host.PostAsync(host.Message(Pat, Chat, "help\tplease\n"));
        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        Assert.NotEqual(before, await FingerprintAsync(host));
    }

    private static Activity Help(BotTestHost host) => host.Message(Pat, Chat, "help");

    /// <summary>Row counts of the tables a turn writes to.</summary>
    private static async Task<string> FingerprintAsync(BotTestHost host)
    {
        await using var connection = await host.Get<StorageDatabase>().OpenAsync(CancellationToken.None);
        var counts = new List<string>();
        foreach (var table in new[] { "processed_activities", "conversations", "audit_events", "documents", "outbox_messages" })
        {
            counts.Add(table + " " + await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table}"));
        }

        return string.Join(", ", counts);
    }
}
