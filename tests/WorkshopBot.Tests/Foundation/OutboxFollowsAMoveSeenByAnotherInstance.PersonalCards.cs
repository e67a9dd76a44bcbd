using WorkshopBot.Storage;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.Support.OutboxTestMessages;

namespace WorkshopBot.Tests.Foundation;

/// <summary>
/// A card to a person who has no 1:1 chat with the bot yet is queued with the serviceUrl of the channel it comes from (an
/// audit's, an action plan's), and names that channel. Teams moves the channel before the card is sent: with no record of
/// the person's chat, the card goes to the channel's serviceUrl as last heard, on the first try and on the one more try
/// after a send that delivered nothing, not to the copy taken when it was queued.
/// </summary>
public abstract partial class MovedOnAnotherInstanceScenarios
{
    private static readonly TestUser Lead = BotTestHost.User("Police Named Lead");

    [Fact]
    public async Task ACardToAPersonWithNoChatQueuedBeforeItsChannelMovesGoesToTheChannelsNewServiceUrl()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var a = await FirstAsync(clock);
        var channel = BotTestHost.Channel("QA sub-group");
        await a.SayAsync(Chair, channel, "help");
        await a.DrainOutboxAsync();
        Assert.Null(await a.Get<IConversationStore>().FindPersonalAsync(Lead.Id));
        var probe = await a.QueueAsync(o => o.SendToUser(a.ServiceUrl, BotTestHost.TenantId, Lead.Id, Card("Safety alert"),
            "probe:personal-moved", null, channel.Id));

        var moved = a.Connector.LocalhostBaseUrl;
        Assert.NotEqual(moved, a.ServiceUrl);
        await a.SendAsync(a.Message(Chair, channel, "help") with { ServiceUrl = moved });
        Assert.Equal(moved, (await a.Get<IConversationStore>().GetAsync(channel.Id))!.ServiceUrl);
        var before = a.Connector.Requests.Count;
        await a.DrainOutboxAsync();

        Assert.Equal(OutboxStatus.Sent, (await a.Get<IOutboxStore>().FindByDedupeKeyAsync(probe))!.Status);
        Assert.Single(a.Sent(BotTestHost.PersonalChat(Lead).Id), x => x.AllText.Contains("Safety alert", StringComparison.Ordinal));
        var toLead = ToPersonalChat(a.Connector.Requests.Skip(before), Lead);
        Assert.Equal(2, toLead.Count);
        Assert.All(toLead, r => Assert.StartsWith("localhost:", r.Headers["Host"], StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ACardToAPersonWithNoChatSentByAnInstanceRememberingItsChannelsOldServiceUrlGoesOnceToTheNewOne(bool refused)
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var a = await FirstAsync(clock);
        await using var b = await SecondAsync(a, clock);
        var channel = BotTestHost.Channel("QA sub-group");
        var old = refused ? Refused : b.ServiceUrl;
        await RememberedByTheSecondAtAsync(a, b, channel, old);
        b.Connector.Inject("/v3/conversations", new InjectedFailure(404, "ConversationNotFound", Times: 100));
        var gone = b.Connector.Requests.Count;

        var probe = await b.QueueAsync(o => o.SendToUser(old, BotTestHost.TenantId, Lead.Id, Card("Safety alert"),
            "probe:personal-moved-on-a", null, channel.Id));
        await b.DrainOutboxAsync();

        Assert.Equal(OutboxStatus.Sent, (await b.Get<IOutboxStore>().FindByDedupeKeyAsync(probe))!.Status);
        Assert.Single(a.Sent(BotTestHost.PersonalChat(Lead).Id), x => x.AllText.Contains("Safety alert", StringComparison.Ordinal));
        Assert.Equal(refused ? 0 : 1, b.Connector.Requests.Count - gone);
        var now = (await b.Get<IConversationStore>().GetAsync(channel.Id))!;
        Assert.Equal((a.ServiceUrl, true), (now.ServiceUrl, now.Active));
    }

    [Fact]
    public async Task ACardToAPersonWithNoChatQueuedWithoutItsChannelGoesToTheServiceUrlItWasQueuedWith()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var a = await FirstAsync(clock);
        var channel = BotTestHost.Channel("QA sub-group");
        await a.SendAsync(a.Message(Chair, channel, "help") with { ServiceUrl = a.Connector.LocalhostBaseUrl });
        var before = a.Connector.Requests.Count;

        // As a message queued before the bot kept where its serviceUrl came from: the copy, as before.
        var probe = await a.QueueAsync(o => o.SendToUser(a.ServiceUrl, BotTestHost.TenantId, Lead.Id, Card("Safety alert"),
            "probe:personal-no-source", null));
        await a.DrainOutboxAsync();

        Assert.Equal(OutboxStatus.Sent, (await a.Get<IOutboxStore>().FindByDedupeKeyAsync(probe))!.Status);
        var toLead = ToPersonalChat(a.Connector.Requests.Skip(before), Lead);
        Assert.Equal(2, toLead.Count);
        Assert.All(toLead, r => Assert.StartsWith("127.0.0.1:", r.Headers["Host"], StringComparison.Ordinal));
    }

    /// <summary>The requests that create the person's 1:1 chat and post in it.</summary>
    private static List<RecordedRequest> ToPersonalChat(IEnumerable<RecordedRequest> requests, TestUser person) =>
        requests.Where(r => r.Method == "POST" && (r.Path.TrimEnd('/').EndsWith("/v3/conversations", StringComparison.Ordinal)
            || r.RawTarget.Contains(Uri.EscapeDataString(BotTestHost.PersonalChat(person).Id), StringComparison.Ordinal))).ToList();
}
