using System.Text.Json;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Foundation;

/// <summary>
/// Teams says the bot was removed from a team once, in the team's General channel (<c>teamMemberRemoved</c> with the bot
/// in <c>membersRemoved</c>, or <c>installationUpdate</c> remove). From then on the bot can post in none of the team's
/// channels, so all of them are marked inactive, not only General: the publish picker no longer offers them and nothing
/// is queued for them. Another team's channels stay as they are; a private channel's own removal leaves the team.
/// When the team is back (the bot added again, the team restored or unarchived) those channels are usable again, but not
/// one deleted, or left by the bot, on its own.
/// </summary>
public sealed class BotRemovedFromATeam
{
    private static readonly TestUser Chair = BotTestHost.User("Team Owner Chair");

    [Theory]
    [InlineData("membersRemoved")]
    [InlineData("installationUpdate")]
    public async Task EveryChannelOfTheTeamBecomesInactive(string how)
    {
        await using var host = await BotTestHost.StartAsync();
        var general = BotTestHost.Channel("General", "Safeguarding Partnership");
        var qa = BotTestHost.Channel("QA sub-group", "Safeguarding Partnership");
        var elsewhere = BotTestHost.Channel("Practice learning", "Another Team");
        await host.SendAsync(host.BotAdded(Chair, general));
        await host.SayAsync(Chair, qa, "help");
        await host.SayAsync(Chair, elsewhere, "help");
        var store = host.Get<IConversationStore>();
        Assert.Contains(await store.ListChannelsAsync(general.TeamId), c => c.ConversationId == qa.ChannelId);

        var removal = how == "membersRemoved"
            ? host.BotRemoved(Chair, general) with { ChannelData = WithEvent(host.BotRemoved(Chair, general), "teamMemberRemoved") }
            : host.Installation(Chair, general, "remove");
        await host.SendAsync(removal);

        Assert.False((await store.GetAsync(general.ChannelId!))!.Active);
        Assert.False((await store.GetAsync(qa.ChannelId!))!.Active);
        Assert.Empty(await store.ListChannelsAsync(general.TeamId));
        Assert.True((await store.GetAsync(elsewhere.ChannelId!))!.Active);
    }

    [Fact]
    public async Task RemovalFromOneChannelLeavesTheRestOfTheTeam()
    {
        await using var host = await BotTestHost.StartAsync();
        var general = BotTestHost.Channel("General", "Safeguarding Partnership");
        var qa = BotTestHost.Channel("QA sub-group", "Safeguarding Partnership");
        await host.SendAsync(host.BotAdded(Chair, general));
        await host.SayAsync(Chair, qa, "help");

        var removal = host.BotRemoved(Chair, qa);
        await host.SendAsync(removal with { ChannelData = WithEvent(removal, "channelMemberRemoved") });

        var store = host.Get<IConversationStore>();
        Assert.False((await store.GetAsync(qa.ChannelId!))!.Active);
        Assert.True((await store.GetAsync(general.ChannelId!))!.Active);
    }

    [Theory]
    [InlineData("installationUpdate")]
    [InlineData("teamMemberAdded")]
    [InlineData("membersAdded")]
    public async Task AddedBackToTheTeam_ItsOtherChannelsAreUsableAgain(string how)
    {
        await using var host = await BotTestHost.StartAsync();
        var general = BotTestHost.Channel("General", "Safeguarding Partnership");
        var qa = BotTestHost.Channel("QA sub-group", "Safeguarding Partnership");
        var elsewhere = BotTestHost.Channel("Practice learning", "Another Team");
        await host.SendAsync(host.BotAdded(Chair, general));
        await host.SayAsync(Chair, qa, "help");
        await host.SayAsync(Chair, elsewhere, "help");
        await host.SendAsync(host.BotRemoved(Chair, elsewhere));

        await host.SendAsync(host.Installation(Chair, general, "remove"));
        var added = host.BotAdded(Chair, general);
        await host.SendAsync(how switch
        {
            "installationUpdate" => host.Installation(Chair, general, "add"),
            "teamMemberAdded" => added with { ChannelData = WithEvent(added, "teamMemberAdded") },
            _ => added,
        });

        var store = host.Get<IConversationStore>();
        Assert.True((await store.GetAsync(general.ChannelId!))!.Active);
        Assert.True((await store.GetAsync(qa.ChannelId!))!.Active);
        Assert.Contains(await store.ListChannelsAsync(general.TeamId), c => c.ConversationId == qa.ChannelId);
        Assert.False((await store.GetAsync(elsewhere.ChannelId!))!.Active);
    }

    [Theory]
    [InlineData("teamDeleted", "teamRestored")]
    [InlineData("teamArchived", "teamUnarchived")]
    public async Task ATeamDeletedOrArchivedAndBroughtBack_HasItsChannelsBack(string gone, string back)
    {
        await using var host = await BotTestHost.StartAsync();
        var general = BotTestHost.Channel("General", "Safeguarding Partnership");
        var qa = BotTestHost.Channel("QA sub-group", "Safeguarding Partnership");
        await host.SendAsync(host.BotAdded(Chair, general));
        await host.SayAsync(Chair, qa, "help");
        var store = host.Get<IConversationStore>();

        await host.SendAsync(TeamEvent(host, general, gone));
        Assert.Empty(await store.ListChannelsAsync(general.TeamId));
        await host.SendAsync(TeamEvent(host, general, back));

        Assert.Equal(2, (await store.ListChannelsAsync(general.TeamId)).Count);
    }

    [Fact]
    public async Task AChannelDeletedOnItsOwnStaysInactiveWhenTheBotIsAddedBackToTheTeam()
    {
        await using var host = await BotTestHost.StartAsync();
        var general = BotTestHost.Channel("General", "Safeguarding Partnership");
        var qa = BotTestHost.Channel("QA sub-group", "Safeguarding Partnership");
        var old = BotTestHost.Channel("Old audits", "Safeguarding Partnership");
        await host.SendAsync(host.BotAdded(Chair, general));
        await host.SayAsync(Chair, qa, "help");
        await host.SayAsync(Chair, old, "help");
        await host.SendAsync(TeamEvent(host, old, "channelDeleted"));

        await host.SendAsync(host.Installation(Chair, general, "remove"));
        await host.SendAsync(host.Installation(Chair, general, "add"));
        await host.SendAsync(TeamEvent(host, general, "teamRestored"));

        var store = host.Get<IConversationStore>();
        Assert.True((await store.GetAsync(qa.ChannelId!))!.Active);
        Assert.False((await store.GetAsync(old.ChannelId!))!.Active);
    }

    [Fact]
    public async Task ARenamedTeamIsRenamedOnEveryChannel()
    {
        await using var host = await BotTestHost.StartAsync();
        var general = BotTestHost.Channel("General", "Safeguarding Partnership");
        var qa = BotTestHost.Channel("QA sub-group", "Safeguarding Partnership");
        await host.SendAsync(host.BotAdded(Chair, general));
        await host.SayAsync(Chair, qa, "help");

        var renamed = TeamEvent(host, general, "teamRenamed");
        var data = renamed.GetTeamsChannelData()!;
        var newName = data with { Team = data.Team! with { Name = "Children's Partnership" } };
        await host.SendAsync(renamed with { ChannelData = BotJson.ToElement(newName) });

        var store = host.Get<IConversationStore>();
        Assert.Equal("Children's Partnership", (await store.GetAsync(general.ChannelId!))!.TeamName);
        Assert.Equal("Children's Partnership", (await store.GetAsync(qa.ChannelId!))!.TeamName);
    }

    /// <summary>A conversationUpdate of this Teams event type, from the channel (a team's events come in General).</summary>
    private static Activity TeamEvent(BotTestHost host, TestConversation channel, string eventType)
    {
        var activity = host.NewActivity(ActivityTypes.ConversationUpdate, Chair, channel);
        return activity with { ChannelData = WithEvent(activity, eventType) };
    }

    private static JsonElement WithEvent(Activity activity, string eventType) =>
        BotJson.ToElement(activity.GetTeamsChannelData()! with { EventType = eventType });
}
