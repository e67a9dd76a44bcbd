using System.Net;
using WorkshopBot.Briefings.Teams;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Briefings;

/// <summary>
/// The publish picker, over real HTTP against the fake connector: the chair is offered the standard channels of a team
/// Teams confirms them a member of, and the private channel they were seen in; not a private or shared channel the bot
/// only heard of from someone else, nor any channel of a team they are not in. A publish naming one of those (a forged
/// choice) posts nothing there and answers as for a channel the bot does not know, naming nothing; it is logged. A
/// mention of the bot in the private channel gets it listed. A membership Teams reports ended is forgotten until the
/// person is seen there again.
/// </summary>
public sealed class BriefingChannelReach : IAsyncLifetime
{
    private static readonly TestUser Chair = BotTestHost.User("Quality Assurance Chair");
    private static readonly TestUser Colleague = BotTestHost.User("Partnership Business Manager");
    private static readonly TestConversation General = BotTestHost.Channel("General", "Safeguarding Partnership");
    private static readonly TestConversation Learning = BotTestHost.Channel("Practice learning", "Safeguarding Partnership");
    private static readonly TestConversation ChairsOwn = BotTestHost.Channel("Audit chairs", "Safeguarding Partnership");
    private static readonly TestConversation Leadership = BotTestHost.Channel("Leadership only", "Safeguarding Partnership");
    private static readonly TestConversation Joint = BotTestHost.Channel("Joint with police", "Safeguarding Partnership");
    private static readonly TestConversation OtherGeneral = BotTestHost.Channel("General", "Youth offending service");
    private static readonly TestConversation OtherStandard = BotTestHost.Channel("Case reviews", "Youth offending service");
    private BotTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await BotTestHost.StartAsync();
        // Teams confirms the chair a member of the partnership's team only.
        _host.Connector.Rosters[General.TeamId!] = [Account(Chair), Account(Colleague)];
        _host.Connector.Rosters[OtherGeneral.TeamId!] = [Account(Colleague)];
        await _host.SendAsync(_host.BotAdded(Colleague, General));
        await _host.SendAsync(Typed(_host.BotAdded(Colleague, Learning), "standard"));
        await _host.SendAsync(Typed(_host.BotAdded(Colleague, Leadership), "private"));
        await _host.SendAsync(Typed(_host.BotAdded(Colleague, Joint), "shared"));
        await _host.SendAsync(Typed(_host.BotAdded(Colleague, ChairsOwn), "private"));
        await _host.SendAsync(Typed(_host.Message(Chair, ChairsOwn, "help"), "private"));
        await _host.SendAsync(_host.BotAdded(Colleague, OtherGeneral));
        await _host.SendAsync(Typed(_host.BotAdded(Colleague, OtherStandard), "standard"));
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task ThePickerListsOnlyTheChannelsTheChairCanReach()
    {
        var auditId = await BriefingSeed.ApprovedBriefingAsync(_host, Chair);

        var card = (await PickerAsync(auditId)).Card!.Value.GetRawText();

        foreach (var listed in new[] { General, Learning, ChairsOwn })
        {
            Assert.Contains(listed.Id, card, StringComparison.Ordinal);
        }

        foreach (var hidden in new[] { Leadership, Joint, OtherGeneral, OtherStandard })
        {
            Assert.DoesNotContain(hidden.Id, card, StringComparison.Ordinal);
        }

        Assert.Contains(PublishCard.ChannelsHint, card, StringComparison.Ordinal);
        Assert.DoesNotContain("Leadership only", card, StringComparison.Ordinal);
        Assert.DoesNotContain("Joint with police", card, StringComparison.Ordinal);
        Assert.DoesNotContain("Youth offending", card, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AForgedChoiceIsSkippedInTheWordsOfAnUnknownChannelAndPostsNothingThere()
    {
        var auditId = await BriefingSeed.ApprovedBriefingAsync(_host, Chair);
        var chat = BotTestHost.PersonalChat(Chair);
        await _host.DrainOutboxAsync();
        var before = _host.Connector.Requests.Count;

        var forged = await _host.ExecuteAsync(Chair, chat, PublishScreen.Publish, new PublishData(auditId, 1, Leadership.Id));
        var unknown = await _host.ExecuteAsync(Chair, chat, PublishScreen.Publish,
            new PublishData(auditId, 1, "19:no-such-channel@thread.tacv2"));
        var mixed = await _host.ExecuteAsync(Chair, chat, PublishScreen.Publish,
            new PublishData(auditId, 1, $"{Learning.Id},{Joint.Id}"));
        await _host.DrainOutboxAsync();

        Assert.Equal(HttpStatusCode.OK, forged.Status);
        var card = forged.Card!.Value.GetRawText();
        Assert.Contains("1 chosen channel is no longer available to WorkshopBot and was skipped.", card, StringComparison.Ordinal);
        Assert.Equal(unknown.Card!.Value.GetRawText(), card);
        Assert.DoesNotContain("Leadership", card, StringComparison.Ordinal);
        Assert.DoesNotContain(Leadership.Id, card, StringComparison.Ordinal);
        var outbox = _host.Get<IOutboxStore>();
        Assert.Null(await outbox.FindByDedupeKeyAsync(BriefingPublisher.PostDedupeKey(auditId, 1, Leadership.Id)));
        Assert.Null(await outbox.FindByDedupeKeyAsync(BriefingPublisher.PostDedupeKey(auditId, 1, Joint.Id)));
        Assert.NotNull(await outbox.FindByDedupeKeyAsync(BriefingPublisher.PostDedupeKey(auditId, 1, Learning.Id)));
        Assert.DoesNotContain("Joint with police", mixed.Card!.Value.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain(_host.Connector.Requests.Skip(before), r => r.Body.Contains(Leadership.Id, StringComparison.Ordinal)
            || r.Body.Contains(Joint.Id, StringComparison.Ordinal));
        var log = await _host.Get<IAuditLog>().ListAsync("briefing", auditId.ToString("D"));
        Assert.Equal(
            [
                "{\"version\":1,\"channels\":1,\"notListed\":1}",
                "{\"version\":1,\"channels\":1,\"notListed\":1}",
                "{\"version\":1,\"channels\":2,\"notListed\":1}",
            ],
            log.Where(e => e.Action == PublishScreen.Refused).Select(e => e.DetailJson));
        var published = Assert.Single(log, e => e.Action == "briefing.published");
        Assert.Contains(Learning.Id, published.DetailJson!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheChairsOwnPrivateChannelIsPublishedToAndAMentionListsAnother()
    {
        var auditId = await BriefingSeed.ApprovedBriefingAsync(_host, Chair);

        var published = await _host.ExecuteAsync(Chair, BotTestHost.PersonalChat(Chair), PublishScreen.Publish,
            new PublishData(auditId, 1, ChairsOwn.Id));
        await _host.SendAsync(Typed(_host.Message(Chair, Leadership, "help"), "private"));
        var picker = (await PickerAsync(auditId)).Card!.Value.GetRawText();

        Assert.Contains("queued as a new thread", published.Card!.Value.GetRawText(), StringComparison.Ordinal);
        Assert.NotNull(await _host.Get<IOutboxStore>().FindByDedupeKeyAsync(BriefingPublisher.PostDedupeKey(auditId, 1, ChairsOwn.Id)));
        Assert.Contains(Leadership.Id, picker, StringComparison.Ordinal);
        Assert.DoesNotContain(Joint.Id, picker, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACardPressedIsNotWrittenDownButAMessageIs()
    {
        // Votes on a workshop's board are such presses: none is written, whatever the channel's type.
        var voter = BotTestHost.User("Health Visitor");
        await _host.InvokeAsync(Typed(_host.CardAction(voter, Learning, "help.open", new { }), "standard"));
        await _host.InvokeAsync(_host.CardAction(voter, General, "help.open", new { }));
        await _host.InvokeAsync(Typed(_host.CardAction(voter, Leadership, "help.open", new { }), "private"));
        await _host.SendAsync(Typed(_host.Message(voter, OtherStandard, "help"), "standard"));

        var known = await _host.Get<IConversationStore>().KnownChannelsOfAsync(voter.AadObjectId, BotTestHost.TenantId);
        Assert.Equal([OtherStandard.Id], known);
    }

    [Fact]
    public async Task AChairRemovedFromThePrivateChannelIsNoLongerOfferedItUntilSeenThereAgain()
    {
        var auditId = await BriefingSeed.ApprovedBriefingAsync(_host, Chair);
        var chat = BotTestHost.PersonalChat(Chair);
        Assert.Contains(ChairsOwn.Id, (await PickerAsync(auditId)).Card!.Value.GetRawText(), StringComparison.Ordinal);

        await _host.SendAsync(Typed(Removed(Chair, ChairsOwn, "channelMemberRemoved"), "private"));
        var picker = (await PickerAsync(auditId)).Card!.Value.GetRawText();
        var refused = await _host.ExecuteAsync(Chair, chat, PublishScreen.Publish, new PublishData(auditId, 1, ChairsOwn.Id));
        await _host.DrainOutboxAsync();

        Assert.DoesNotContain(ChairsOwn.Id, picker, StringComparison.Ordinal);
        Assert.Contains(General.Id, picker, StringComparison.Ordinal);
        var card = refused.Card!.Value.GetRawText();
        Assert.Contains("1 chosen channel is no longer available to WorkshopBot and was skipped.", card, StringComparison.Ordinal);
        Assert.DoesNotContain("Audit chairs", card, StringComparison.Ordinal);
        var outbox = _host.Get<IOutboxStore>();
        Assert.Null(await outbox.FindByDedupeKeyAsync(BriefingPublisher.PostDedupeKey(auditId, 1, ChairsOwn.Id)));

        await _host.SendAsync(Typed(_host.Message(Chair, ChairsOwn, "help"), "private"));
        Assert.Contains(ChairsOwn.Id, (await PickerAsync(auditId)).Card!.Value.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AChairRemovedFromTheTeamOrTheBotFromAChannelIsForgottenInItsChannels()
    {
        var conversations = _host.Get<IConversationStore>();
        await _host.SendAsync(Typed(_host.Message(Chair, Leadership, "help"), "private"));
        await _host.SendAsync(Typed(_host.Message(Colleague, Leadership, "help"), "private"));
        await _host.SendAsync(Typed(_host.Message(Chair, OtherStandard, "help"), "standard"));

        await _host.SendAsync(Removed(Chair, General, "teamMemberRemoved"));
        await _host.SendAsync(Typed(Removed(BotTestHost.Bot, Leadership, "channelMemberRemoved"), "private"));

        Assert.Equal([OtherStandard.Id], await conversations.KnownChannelsOfAsync(Chair.AadObjectId, BotTestHost.TenantId));
        Assert.DoesNotContain(Leadership.Id, await conversations.KnownChannelsOfAsync(Colleague.AadObjectId, BotTestHost.TenantId));
    }

    [Fact]
    public async Task RemovedFromTheTeamAsTeamsDocumentsIt_IdOnly_IsForgottenInItsChannels()
    {
        var conversations = _host.Get<IConversationStore>();
        await _host.SayAsync(Chair, General, "help");
        Assert.Contains(ChairsOwn.Id, await conversations.KnownChannelsOfAsync(Chair.AadObjectId, BotTestHost.TenantId));

        // Microsoft's documented teamMemberRemoved payload: membersRemoved [{ "id": "29:..." }], no object id.
        await _host.SendAsync(Removed(new ChannelAccount { Id = Chair.Id }, General, "teamMemberRemoved"));

        Assert.Empty(await conversations.KnownChannelsOfAsync(Chair.AadObjectId, BotTestHost.TenantId));
    }

    [Fact]
    public async Task RemovedFromThePrivateChannelByIdOnly_ItIsNoLongerOfferedNorPublishedTo()
    {
        var auditId = await BriefingSeed.ApprovedBriefingAsync(_host, Chair);
        Assert.Contains(ChairsOwn.Id, (await PickerAsync(auditId)).Card!.Value.GetRawText(), StringComparison.Ordinal);

        await _host.SendAsync(Typed(Removed(new ChannelAccount { Id = Chair.Id }, ChairsOwn, "channelMemberRemoved"), "private"));
        var picker = (await PickerAsync(auditId)).Card!.Value.GetRawText();
        var chat = BotTestHost.PersonalChat(Chair);
        var refused = await _host.ExecuteAsync(Chair, chat, PublishScreen.Publish, new PublishData(auditId, 1, ChairsOwn.Id));
        await _host.DrainOutboxAsync();

        Assert.DoesNotContain(ChairsOwn.Id, picker, StringComparison.Ordinal);
        Assert.DoesNotContain("Audit chairs", picker, StringComparison.Ordinal);
        Assert.DoesNotContain("Audit chairs", refused.Card!.Value.GetRawText(), StringComparison.Ordinal);
        Assert.Null(await _host.Get<IOutboxStore>().FindByDedupeKeyAsync(BriefingPublisher.PostDedupeKey(auditId, 1, ChairsOwn.Id)));
    }

    [Fact]
    public async Task AMembershipStoredWithoutTheTeamsIdIsForgottenByIdThroughThePersonsChat()
    {
        // A row written before the "29:" id was kept, as the store wrote them then: the object id only.
        var conversations = _host.Get<IConversationStore>();
        await conversations.RememberMemberAsync(Leadership.Id, Chair.AadObjectId, BotTestHost.TenantId, DateTimeOffset.UtcNow);
        await _host.SayAsync(Chair, BotTestHost.PersonalChat(Chair), "help");

        await _host.SendAsync(Typed(Removed(new ChannelAccount { Id = Chair.Id }, Leadership, "channelMemberRemoved"), "private"));

        Assert.DoesNotContain(Leadership.Id, await conversations.KnownChannelsOfAsync(Chair.AadObjectId, BotTestHost.TenantId));
    }

    /// <summary>Teams' conversationUpdate reporting someone removed from the channel (or, in General, from the team).</summary>
    private Activity Removed(TestUser person, TestConversation channel, string eventType) =>
        Removed(person.Account, channel, eventType);

    private Activity Removed(ChannelAccount person, TestConversation channel, string eventType)
    {
        var activity = _host.BotRemoved(Colleague, channel) with { MembersRemoved = [person] };
        return activity with { ChannelData = BotJson.ToElement(activity.GetTeamsChannelData()! with { EventType = eventType }) };
    }

    private Task<InvokeResult> PickerAsync(Guid auditId) =>
        _host.ExecuteAsync(Chair, BotTestHost.PersonalChat(Chair), PublishScreen.ChooseChannels, new ChooseChannelsData(auditId));

    private static TeamsChannelAccount Account(TestUser user) =>
        new() { Id = user.Id, AadObjectId = user.AadObjectId, Name = user.Name, TenantId = BotTestHost.TenantId };

    /// <summary>The activity as Teams sends it from a channel of that type (<c>channelData.channel.type</c>).</summary>
    private static Activity Typed(Activity activity, string channelType)
    {
        var data = activity.GetTeamsChannelData()!;
        return activity with { ChannelData = BotJson.ToElement(data with { Channel = data.Channel! with { Type = channelType } }) };
    }
}
