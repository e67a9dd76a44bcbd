using Dapper;
using WorkshopBot.Briefings.Teams;
using WorkshopBot.Storage;

namespace WorkshopBot.Tests.Storage;

/// <summary>
/// Lists whose names or ids mix upper and lower case, accents, punctuation and leading digits come back in the same order
/// from every store: SQLite (which compares bytes), PostgreSQL created with the C locale (as the test server is), and
/// PostgreSQL whose databases sort in English (ICU en-GB, as a production server set up in English may), where the
/// database's own ORDER BY puts "apple" before "Banana". The stores order by id ordinally; the publish picker orders the
/// channels by the names shown, in English order, whatever the store.
/// </summary>
public abstract class TextOrderContract : StorageContract
{
    private const string Collection = "order-contract";

    /// <summary>Document ids in ordinal (code point) order: digits, capitals, "_", small letters, then accented ones.</summary>
    private static readonly string[] IdsInOrder = ["10-x", "2-x", "ABC", "Banana", "Ecole", "_under", "abc", "apple", "ábc", "école"];

    private const string AlphaTeam = "19:general-alpha@thread.tacv2";
    private const string BetaTeam = "19:General-B@thread.tacv2";
    private const string ZedTeam = "19:z@thread.tacv2";

    /// <summary>(Conversation id, team id, team name, channel name) of the channels stored, in no particular order.</summary>
    private static readonly (string Id, string Team, string TeamName, string? Name)[] Channels =
    [
        ("19:Zeta@thread.tacv2", AlphaTeam, "Ávila Safeguarding", "Zebra practice"),
        (ZedTeam, ZedTeam, "Zebra Team", "ábc"),
        ("19:ecole@thread.tacv2", AlphaTeam, "Ávila Safeguarding", "école liaison"),
        (BetaTeam, BetaTeam, "adoption Panel", null),
        ("19:Early@thread.tacv2", AlphaTeam, "Ávila Safeguarding", "Early Help"),
        ("19:two@thread.tacv2", AlphaTeam, "Ávila Safeguarding", "2 Health visiting"),
        (AlphaTeam, AlphaTeam, "Ávila Safeguarding", null),
        ("19:b-chan@thread.tacv2", BetaTeam, "adoption Panel", "Ecole liaison"),
        ("19:early2@thread.tacv2", AlphaTeam, "Ávila Safeguarding", "early years"),
        ("19:ten@thread.tacv2", AlphaTeam, "Ávila Safeguarding", "10 Health visiting"),
    ];

    [Fact]
    public async Task DocumentsComeBackInOrdinalIdOrder()
    {
        var documents = Storage.Get<IDocumentStore>();
        foreach (var id in IdsInOrder.Reverse().Where((_, i) => i % 2 == 0).Concat(IdsInOrder.Where((_, i) => i % 2 == 0)))
        {
            Assert.True(await documents.TryInsertAsync(Collection, id, "{}", "key", null));
        }

        Assert.Equal(IdsInOrder, (await documents.ListAsync(Collection)).Select(d => d.Id));
        Assert.Equal(IdsInOrder, (await documents.ListAsync(Collection, key1: "key")).Select(d => d.Id));
        Assert.Equal(IdsInOrder, (await documents.ListForTenantAsync(Collection, "tenant-1")).Select(d => d.Id));
    }

    [Fact]
    public async Task ChannelsComeBackInOrdinalOrderAndThePickerListsThemByName()
    {
        var store = Storage.Get<IConversationStore>();
        foreach (var (id, team, teamName, name) in Channels)
        {
            await store.UpsertAsync(new ConversationRecord(id, "https://smba.example/uk/", "tenant-1", "msteams", ConversationKind.Channel,
                team, teamName, name, null, null, null, "28:bot", true, T0, ConversationRecord.Standard));
        }

        var stored = await store.ListChannelsAsync();
        var picker = ChannelDirectory.InPickerOrder(stored).Select(ChannelDirectory.NameOf);

        // The store: team id, then channel name (none first), compared ordinally ("G" before "g", "Z" before "e").
        Assert.Equal([BetaTeam, "19:b-chan@thread.tacv2", AlphaTeam, "19:ten@thread.tacv2", "19:two@thread.tacv2",
            "19:Early@thread.tacv2", "19:Zeta@thread.tacv2", "19:early2@thread.tacv2", "19:ecole@thread.tacv2", ZedTeam],
            stored.Select(c => c.ConversationId));
        Assert.Equal(["19:ten@thread.tacv2", "19:two@thread.tacv2", "19:Early@thread.tacv2"],
            (await store.ListChannelsAsync(AlphaTeam)).Select(c => c.ConversationId).Skip(1).Take(3));
        // People: by team name, then channel name, as in English: case and accents together, digits first, digit by digit.
        Assert.Equal(
        [
            "adoption Panel > Ecole liaison",
            "adoption Panel > General",
            "Ávila Safeguarding > 10 Health visiting",
            "Ávila Safeguarding > 2 Health visiting",
            "Ávila Safeguarding > Early Help",
            "Ávila Safeguarding > early years",
            "Ávila Safeguarding > école liaison",
            "Ávila Safeguarding > General",
            "Ávila Safeguarding > Zebra practice",
            "Zebra Team > ábc",
        ], picker);
    }

    [Fact]
    public async Task ActiveConversationsComeBackInOrdinalIdOrder()
    {
        var store = Storage.Get<IConversationStore>();
        string[] ids = ["a:Beta", "a:alpha", "a:Ábc", "a:10", "a:2"];
        foreach (var id in ids)
        {
            await store.UpsertAsync(new ConversationRecord(id, "https://smba.example/uk/", "tenant-1", "msteams",
                ConversationKind.Personal, null, null, null, id, id, "Someone", "28:bot", true, T0));
        }

        Assert.Equal(["a:10", "a:2", "a:Beta", "a:alpha", "a:Ábc"], (await store.ListActiveAsync()).Select(c => c.ConversationId));
    }
}

public sealed class TextOrderOnSqlite : TextOrderContract
{
    protected override Task<TestStorage> CreateStorageAsync(bool migrate) => TestStorage.CreateSqliteAsync(migrate);
}

[Collection(PostgresCollection.Name)]
public sealed class TextOrderOnPostgres(PostgresServerFixture server) : TextOrderContract
{
    protected override Task<TestStorage> CreateStorageAsync(bool migrate) => TestStorage.CreatePostgresAsync(server, migrate);
}

/// <summary>On a PostgreSQL database that sorts text in English (ICU en-GB): the stores' order is still the same.</summary>
[Collection(PostgresCollection.Name)]
public sealed class TextOrderOnPostgresInEnglish(PostgresServerFixture server) : TextOrderContract
{
    protected override Task<TestStorage> CreateStorageAsync(bool migrate) =>
        TestStorage.CreatePostgresAsync(server, migrate, PostgresServerFixture.EnglishIcuLocale);

    [Fact]
    public async Task TheDatabaseItselfSortsInEnglish()
    {
        await using var connection = await Storage.OpenRawAsync();
        var provider = await connection.ExecuteScalarAsync<string>(
            "SELECT datlocprovider::text FROM pg_database WHERE datname = current_database()");
        var sorted = await connection.QueryAsync<string>(
            "SELECT x FROM (VALUES ('apple'), ('Banana'), ('école'), ('Zebra')) AS v (x) ORDER BY x");

        Assert.Equal("i", provider);
        Assert.Equal(["apple", "Banana", "école", "Zebra"], sorted);
    }
}
