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

    private static JsonElement WithEvent(Activity activity, string eventType) =>
        BotJson.ToElement(activity.GetTeamsChannelData()! with { EventType = eventType });
}
