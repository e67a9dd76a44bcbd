using WorkshopBot.Cards;
using WorkshopBot.Storage;

namespace WorkshopBot.Tests.Storage;

public abstract class ConversationStoreContract : StorageContract
{
    private IConversationStore Store => Storage.Get<IConversationStore>();

    [Fact]
    public async Task UpsertThenGetReturnsTheSameRecord()
    {
        var record = Personal("a:1", "29:user-1", "aad-1", T0);

        await Store.UpsertAsync(record);

        Assert.Equal(record, await Store.GetAsync("a:1"));
    }

    [Fact]
    public async Task ARecentlyReadReferenceNeverHidesALaterWriteThroughTheStore()
    {
        // Reads are kept in memory for a while; every write through the store must still be seen by the next read.
        await Store.UpsertAsync(Personal("a:kept", "29:user-1", "aad-1", T0));
        Assert.True((await Store.GetAsync("a:kept"))!.Active);

        Assert.True(await Store.MarkInactiveAsync("a:kept", T0.AddMinutes(1)));
        Assert.False((await Store.GetAsync("a:kept"))!.Active);

        await Store.UpsertAsync(Personal("a:kept", "29:user-1", "aad-1", T0.AddMinutes(2)) with { ServiceUrl = "https://moved.example/" });
        var stored = await Store.GetAsync("a:kept");
        Assert.True(stored!.Active);
        Assert.Equal("https://moved.example/", stored.ServiceUrl);
    }

    [Fact]
    public async Task GetReturnsNullForUnknownConversation()
    {
        Assert.Null(await Store.GetAsync("a:missing"));
    }

    [Fact]
    public async Task UpsertReplacesFieldsButKeepsKnownNamesWhenLaterActivityOmitsThem()
    {
        await Store.UpsertAsync(Channel("19:c1@thread.tacv2", "team-1", "Safeguarding QA", "General", T0));
        var later = Channel("19:c1@thread.tacv2", "team-1", null, null, T0.AddMinutes(5)) with
        {
            ServiceUrl = "https://smba.trafficmanager.net/uk/",
        };

        await Store.UpsertAsync(later);

        var stored = await Store.GetAsync("19:c1@thread.tacv2");
        Assert.NotNull(stored);
        Assert.Equal("https://smba.trafficmanager.net/uk/", stored.ServiceUrl);
        Assert.Equal("Safeguarding QA", stored.TeamName);
        Assert.Equal("General", stored.ChannelName);
        Assert.Equal(T0.AddMinutes(5), stored.UpdatedAt);
    }

    [Fact]
    public async Task AChannelsTypeIsKeptWhenALaterActivityOmitsIt()
    {
        await Store.UpsertAsync(Channel("19:p1@thread.tacv2", "team-1", "Team", "Leadership", T0) with { ChannelType = "private" });
        await Store.UpsertAsync(Channel("19:p1@thread.tacv2", "team-1", null, null, T0.AddMinutes(1)));

        var stored = await Store.GetAsync("19:p1@thread.tacv2");
        Assert.Equal(("private", false), (stored!.ChannelType, stored.IsStandardChannel));
        Assert.True((stored with { ChannelType = ConversationRecord.Standard }).IsStandardChannel);
    }

    [Fact]
    public async Task MembersSeenInAChannelAreKnownOnceAndOnlyInTheirTenant()
    {
        await Store.RememberMemberAsync("19:p1@thread.tacv2", "AAD-Chair", "tenant-1", T0);
        await Store.RememberMemberAsync("19:p1@thread.tacv2", "aad-chair", "tenant-1", T0.AddMinutes(1));
        await Store.RememberMemberAsync("19:s1@thread.tacv2", "aad-chair", "tenant-1", T0);
        await Store.RememberMemberAsync("19:x1@thread.tacv2", "aad-chair", "tenant-2", T0);

        Assert.Equal(["19:p1@thread.tacv2", "19:s1@thread.tacv2"],
            (await Store.KnownChannelsOfAsync("aad-chair", "tenant-1")).Order(StringComparer.Ordinal));
        Assert.Equal(["19:x1@thread.tacv2"], await Store.KnownChannelsOfAsync("AAD-CHAIR", "TENANT-2"));
        Assert.Empty(await Store.KnownChannelsOfAsync("aad-someone-else", "tenant-1"));
    }

    [Fact]
    public async Task AMemberForgottenInAChannelIsUnknownThereOnlyAndIsWrittenAgainWhenSeenAgain()
    {
        await Store.RememberMemberAsync("19:p1@thread.tacv2", "aad-chair", "tenant-1", T0);
        await Store.RememberMemberAsync("19:s1@thread.tacv2", "aad-chair", "tenant-1", T0);
        await Store.RememberMemberAsync("19:p1@thread.tacv2", "aad-colleague", "tenant-1", T0);

        Assert.Equal(1, await Store.ForgetMemberAsync("19:p1@thread.tacv2", "AAD-Chair"));
        Assert.Equal(0, await Store.ForgetMemberAsync("19:p1@thread.tacv2", "aad-chair"));

        Assert.Equal(["19:s1@thread.tacv2"], await Store.KnownChannelsOfAsync("aad-chair", "tenant-1"));
        Assert.Equal(["19:p1@thread.tacv2"], await Store.KnownChannelsOfAsync("aad-colleague", "tenant-1"));
        // Written earlier by this very store: the pair it remembers writing must not stop it writing the row again.
        await Store.RememberMemberAsync("19:p1@thread.tacv2", "aad-chair", "tenant-1", T0.AddMinutes(1));
        Assert.Equal(["19:p1@thread.tacv2", "19:s1@thread.tacv2"],
            (await Store.KnownChannelsOfAsync("aad-chair", "tenant-1")).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task AMemberForgottenInATeamIsUnknownInEveryChannelOfThatTeamInThatTenantOnly()
    {
        await ThreeChannelsInTwoTeamsWithTwoMembersEachAsync();

        Assert.Equal(0, await Store.ForgetMemberOfTeamAsync("team-1", "aad-chair", "another-tenant"));
        Assert.Equal(2, await Store.ForgetMemberOfTeamAsync("team-1", "AAD-CHAIR", "TENANT-1"));

        Assert.Equal(["19:g2@thread.tacv2"], await Store.KnownChannelsOfAsync("aad-chair", "tenant-1"));
        Assert.Equal(3, (await Store.KnownChannelsOfAsync("aad-colleague", "tenant-1")).Count);
        await Store.RememberMemberAsync("19:p1@thread.tacv2", "aad-chair", "tenant-1", T0.AddMinutes(1));
        Assert.Contains("19:p1@thread.tacv2", await Store.KnownChannelsOfAsync("aad-chair", "tenant-1"));
    }

    [Fact]
    public async Task AChannelOrATeamForgottenLeavesNoMemberThereAndTouchesNoOtherTeam()
    {
        await ThreeChannelsInTwoTeamsWithTwoMembersEachAsync();

        Assert.Equal(2, await Store.ForgetChannelMembersAsync("19:p1@thread.tacv2"));
        Assert.Equal(["19:g1@thread.tacv2", "19:g2@thread.tacv2"],
            (await Store.KnownChannelsOfAsync("aad-colleague", "tenant-1")).Order(StringComparer.Ordinal));
        Assert.Equal(0, await Store.ForgetTeamMembersAsync("team-1", "another-tenant"));
        Assert.Equal(2, await Store.ForgetTeamMembersAsync("team-1", "tenant-1"));

        Assert.Equal(["19:g2@thread.tacv2"], await Store.KnownChannelsOfAsync("aad-chair", "tenant-1"));
        Assert.Equal(["19:g2@thread.tacv2"], await Store.KnownChannelsOfAsync("aad-colleague", "tenant-1"));
        await Store.RememberMemberAsync("19:g1@thread.tacv2", "aad-chair", "tenant-1", T0.AddMinutes(1));
        await Store.RememberMemberAsync("19:p1@thread.tacv2", "aad-chair", "tenant-1", T0.AddMinutes(1));
        Assert.Equal(3, (await Store.KnownChannelsOfAsync("aad-chair", "tenant-1")).Count);
    }

    [Fact]
    public async Task MarkInactiveHidesConversationFromActiveLists()
    {
        await Store.UpsertAsync(Channel("19:c1@thread.tacv2", "team-1", "Team", "General", T0));
        await Store.UpsertAsync(Personal("a:1", "29:user-1", "aad-1", T0));

        Assert.True(await Store.MarkInactiveAsync("19:c1@thread.tacv2", T0.AddHours(1)));

        var stored = await Store.GetAsync("19:c1@thread.tacv2");
        Assert.NotNull(stored);
        Assert.False(stored.Active);
        Assert.Equal(T0.AddHours(1), stored.UpdatedAt);
        Assert.Empty(await Store.ListChannelsAsync());
        Assert.Equal(["a:1"], (await Store.ListActiveAsync()).Select(c => c.ConversationId));
    }

    [Fact]
    public async Task MarkTeamInactiveMarksEveryChannelOfThatTeamInThatTenantOnly()
    {
        await Store.UpsertAsync(Channel("19:g1@thread.tacv2", "team-1", "Team", "General", T0));
        await Store.UpsertAsync(Channel("19:q1@thread.tacv2", "team-1", "Team", "QA", T0));
        await Store.UpsertAsync(Channel("19:g2@thread.tacv2", "team-2", "Other", "General", T0));
        Assert.True((await Store.GetAsync("19:q1@thread.tacv2"))!.Active);

        Assert.Equal(0, await Store.MarkTeamInactiveAsync("team-1", "another-tenant", T0.AddHours(1)));
        Assert.Equal(2, await Store.MarkTeamInactiveAsync("team-1", (await Store.GetAsync("19:q1@thread.tacv2"))!.TenantId,
            T0.AddHours(1)));

        Assert.False((await Store.GetAsync("19:q1@thread.tacv2"))!.Active);
        Assert.Equal(T0.AddHours(1), (await Store.GetAsync("19:g1@thread.tacv2"))!.UpdatedAt);
        Assert.Equal(["19:g2@thread.tacv2"], (await Store.ListChannelsAsync()).Select(c => c.ConversationId));
    }

    [Fact]
    public async Task MarkInactiveWhileAtLeavesAConversationThatMovedSince()
    {
        await Store.UpsertAsync(Personal("a:moved", "29:user-1", "aad-1", T0) with { ServiceUrl = "https://moved.example/" });

        Assert.False(await Store.MarkInactiveWhileAtAsync("a:moved", "https://refused.example/", T0.AddMinutes(1)));
        Assert.True((await Store.GetAsync("a:moved"))!.Active);
        Assert.True(await Store.MarkInactiveWhileAtAsync("a:moved", "https://moved.example/", T0.AddMinutes(2)));
        Assert.False((await Store.GetAsync("a:moved"))!.Active);
    }

    [Fact]
    public async Task MarkInactiveReturnsFalseForUnknownConversation()
    {
        Assert.False(await Store.MarkInactiveAsync("a:missing", T0));
    }

    [Fact]
    public async Task UpsertReactivatesConversationWhenBotIsReinstalled()
    {
        await Store.UpsertAsync(Personal("a:1", "29:user-1", "aad-1", T0));
        await Store.MarkInactiveAsync("a:1", T0.AddHours(1));

        await Store.UpsertAsync(Personal("a:1", "29:user-1", "aad-1", T0.AddHours(2)));

        Assert.True((await Store.GetAsync("a:1"))!.Active);
    }

    [Fact]
    public async Task FindPersonalMatchesAadObjectIdOrUserId()
    {
        await Store.UpsertAsync(Personal("a:1", "29:user-1", "aad-1", T0));
        await Store.UpsertAsync(Personal("a:2", "29:user-2", "aad-2", T0));

        Assert.Equal("a:1", (await Store.FindPersonalAsync("aad-1"))?.ConversationId);
        Assert.Equal("a:2", (await Store.FindPersonalAsync("29:user-2"))?.ConversationId);
        Assert.Null(await Store.FindPersonalAsync("aad-unknown"));
    }

    [Fact]
    public async Task FindPersonalInATenantIgnoresTheSameObjectIdHeardFromAnotherTenant()
    {
        await Store.UpsertAsync(Personal("a:ours", "29:user-1", "aad-1", T0));
        await Store.UpsertAsync(Personal("a:theirs", "29:impostor", "aad-1", T0.AddDays(1)) with { TenantId = "tenant-2" });

        Assert.Equal("a:ours", (await Store.FindPersonalAsync("aad-1", "tenant-1"))?.ConversationId);
        Assert.Equal("a:theirs", (await Store.FindPersonalAsync("aad-1", "TENANT-2"))?.ConversationId);
        Assert.Null(await Store.FindPersonalAsync("aad-1", "tenant-3"));
    }

    [Fact]
    public async Task FindPersonalPrefersActiveConversation()
    {
        await Store.UpsertAsync(Personal("a:old", "29:user-1", "aad-1", T0.AddDays(1)));
        await Store.MarkInactiveAsync("a:old", T0.AddDays(2));
        await Store.UpsertAsync(Personal("a:new", "29:user-1", "aad-1", T0));

        Assert.Equal("a:new", (await Store.FindPersonalAsync("aad-1"))?.ConversationId);
    }

    [Fact]
    public async Task FindPersonalIgnoresChannelsWithTheSameUser()
    {
        await Store.UpsertAsync(Channel("19:c1@thread.tacv2", "team-1", "Team", "General", T0) with
        {
            UserAadObjectId = "aad-1",
        });

        Assert.Null(await Store.FindPersonalAsync("aad-1"));
    }

    [Fact]
    public async Task ListChannelsFiltersByTeam()
    {
        await Store.UpsertAsync(Channel("19:a@thread.tacv2", "team-1", "Team 1", "General", T0));
        await Store.UpsertAsync(Channel("19:b@thread.tacv2", "team-1", "Team 1", "Audits", T0));
        await Store.UpsertAsync(Channel("19:c@thread.tacv2", "team-2", "Team 2", "General", T0));
        await Store.UpsertAsync(Personal("a:1", "29:user-1", "aad-1", T0));

        var team1 = await Store.ListChannelsAsync("team-1");
        var all = await Store.ListChannelsAsync();

        Assert.Equal(["19:b@thread.tacv2", "19:a@thread.tacv2"], team1.Select(c => c.ConversationId));
        Assert.Equal(3, all.Count);
        Assert.All(all, c => Assert.Equal(ConversationKind.Channel, c.Kind));
    }

    [Fact]
    public async Task ListActiveFiltersByKind()
    {
        await Store.UpsertAsync(Channel("19:a@thread.tacv2", "team-1", "Team 1", "General", T0));
        await Store.UpsertAsync(Personal("a:1", "29:user-1", "aad-1", T0));
        await Store.UpsertAsync(Personal("a:2", "29:user-2", "aad-2", T0) with
        {
            Kind = ConversationKind.GroupChat,
            UserId = null,
            UserAadObjectId = null,
            UserName = null,
        });

        Assert.Equal(["a:1"], (await Store.ListActiveAsync(ConversationKind.Personal)).Select(c => c.ConversationId));
        Assert.Equal(["a:2"], (await Store.ListActiveAsync(ConversationKind.GroupChat)).Select(c => c.ConversationId));
        Assert.Equal(3, (await Store.ListActiveAsync()).Count);
    }

    [Fact]
    public async Task ReactivateTeamBringsBackOnlyTheChannelsThatLeftWithTheTeamInThatTenant()
    {
        await Store.UpsertAsync(Channel("19:g1@thread.tacv2", "team-1", "Team", "General", T0));
        await Store.UpsertAsync(Channel("19:q1@thread.tacv2", "team-1", "Team", "QA", T0));
        await Store.UpsertAsync(Channel("19:d1@thread.tacv2", "team-1", "Team", "Deleted", T0));
        await Store.UpsertAsync(Channel("19:r1@thread.tacv2", "team-1", "Team", "Refused", T0));
        await Store.MarkInactiveAsync("19:d1@thread.tacv2", T0.AddMinutes(1));
        await Store.MarkTeamInactiveAsync("team-1", "tenant-1", T0.AddHours(1));
        await Store.MarkInactiveWhileAtAsync("19:r1@thread.tacv2", "https://smba.trafficmanager.net/emea/", T0.AddHours(2));

        Assert.Equal(0, await Store.ReactivateTeamAsync("team-1", "another-tenant", T0.AddHours(3)));
        Assert.Equal(2, await Store.ReactivateTeamAsync("team-1", "TENANT-1", T0.AddHours(3)));
        Assert.Equal(0, await Store.ReactivateTeamAsync("team-1", "tenant-1", T0.AddHours(4)));

        Assert.Equal(["19:g1@thread.tacv2", "19:q1@thread.tacv2"],
            (await Store.ListChannelsAsync("team-1")).Select(c => c.ConversationId).Order(StringComparer.Ordinal));
        Assert.Equal(T0.AddHours(3), (await Store.GetAsync("19:q1@thread.tacv2"))!.UpdatedAt);
        // Once back, a channel is no longer marked as left with the team: its own removal later keeps it inactive.
        await Store.MarkInactiveAsync("19:q1@thread.tacv2", T0.AddHours(5));
        Assert.Equal(0, await Store.ReactivateTeamAsync("team-1", "tenant-1", T0.AddHours(6)));
    }

    [Fact]
    public async Task RenameTeamRenamesEveryChannelOfThatTeamInThatTenantOnly()
    {
        await Store.UpsertAsync(Channel("19:g1@thread.tacv2", "team-1", "Team", "General", T0));
        await Store.UpsertAsync(Channel("19:q1@thread.tacv2", "team-1", null, "QA", T0));
        await Store.UpsertAsync(Channel("19:g2@thread.tacv2", "team-2", "Other", "General", T0));

        Assert.Equal(0, await Store.RenameTeamAsync("team-1", "another-tenant", "Renamed", T0.AddHours(1)));
        Assert.Equal(2, await Store.RenameTeamAsync("team-1", "tenant-1", "Renamed", T0.AddHours(1)));
        Assert.Equal(0, await Store.RenameTeamAsync("team-1", "tenant-1", "Renamed", T0.AddHours(2)));

        Assert.Equal("Renamed", (await Store.GetAsync("19:q1@thread.tacv2"))!.TeamName);
        Assert.Equal("Other", (await Store.GetAsync("19:g2@thread.tacv2"))!.TeamName);
    }

    [Fact]
    public async Task AMemberIsForgottenByEitherIdAndARowWithoutTheTeamsIdStillMatchesOnTheObjectId()
    {
        await Store.UpsertAsync(Channel("19:g1@thread.tacv2", "team-1", "Team", "General", T0));
        await Store.UpsertAsync(Channel("19:p1@thread.tacv2", "team-1", "Team", "Leadership", T0));
        await Store.RememberMemberAsync("19:g1@thread.tacv2", "aad-chair", "29:chair", "tenant-1", T0);
        await Store.RememberMemberAsync("19:p1@thread.tacv2", "aad-chair", "tenant-1", T0);
        await Store.RememberMemberAsync("19:p1@thread.tacv2", "aad-colleague", "tenant-1", T0);

        Assert.Equal(0, await Store.ForgetMemberAsync("19:p1@thread.tacv2", null, "29:chair"));
        Assert.Equal(1, await Store.ForgetMemberAsync("19:g1@thread.tacv2", null, "29:chair"));
        Assert.Equal(1, await Store.ForgetMemberAsync("19:p1@thread.tacv2", "AAD-CHAIR", "29:chair"));
        Assert.Empty(await Store.KnownChannelsOfAsync("aad-chair", "tenant-1"));

        // A pair stored without the Teams id gains it when the person is seen with it.
        await Store.RememberMemberAsync("19:p1@thread.tacv2", "aad-colleague", "29:colleague", "tenant-1", T0.AddMinutes(1));
        await Store.RememberMemberAsync("19:g1@thread.tacv2", "aad-colleague", "29:colleague", "tenant-1", T0.AddMinutes(1));
        Assert.Equal(0, await Store.ForgetMemberOfTeamAsync("team-1", null, "29:colleague", "another-tenant"));
        Assert.Equal(2, await Store.ForgetMemberOfTeamAsync("team-1", null, "29:colleague", "tenant-1"));
        Assert.Empty(await Store.KnownChannelsOfAsync("aad-colleague", "tenant-1"));
    }

    /// <summary>
    /// Team 1's General (19:g1) and Leadership (19:p1) and team 2's General (19:g2), in tenant-1, each with the chair
    /// (aad-chair) and a colleague (aad-colleague) as members.
    /// </summary>
    private async Task ThreeChannelsInTwoTeamsWithTwoMembersEachAsync()
    {
        await Store.UpsertAsync(Channel("19:g1@thread.tacv2", "team-1", "Team", "General", T0));
        await Store.UpsertAsync(Channel("19:p1@thread.tacv2", "team-1", "Team", "Leadership", T0));
        await Store.UpsertAsync(Channel("19:g2@thread.tacv2", "team-2", "Other", "General", T0));
        foreach (var channel in new[] { "19:g1@thread.tacv2", "19:p1@thread.tacv2", "19:g2@thread.tacv2" })
        {
            await Store.RememberMemberAsync(channel, "aad-chair", "tenant-1", T0);
            await Store.RememberMemberAsync(channel, "aad-colleague", "tenant-1", T0);
        }
    }

    private static ConversationRecord Personal(string id, string userId, string aadId, DateTimeOffset at) => new(
        id, "https://smba.trafficmanager.net/emea/", "tenant-1", "msteams", ConversationKind.Personal, null, null,
        null, userId, aadId, "Test User", "28:bot", true, at);

    private static ConversationRecord Channel(string id, string teamId, string? teamName, string? channelName,
        DateTimeOffset at) => new(
        id, "https://smba.trafficmanager.net/emea/", "tenant-1", "msteams", ConversationKind.Channel, teamId,
        teamName, channelName, null, null, null, "28:bot", true, at);
}

public sealed class ConversationStoreOnSqlite : ConversationStoreContract
{
    protected override Task<TestStorage> CreateStorageAsync(bool migrate) => TestStorage.CreateSqliteAsync(migrate);
}

[Collection(PostgresCollection.Name)]
public sealed class ConversationStoreOnPostgres(PostgresServerFixture server) : ConversationStoreContract
{
    protected override Task<TestStorage> CreateStorageAsync(bool migrate) =>
        TestStorage.CreatePostgresAsync(server, migrate);
}
