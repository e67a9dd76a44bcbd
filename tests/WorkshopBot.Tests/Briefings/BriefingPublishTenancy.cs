using System.Net;
using WorkshopBot.Briefings.Teams;
using WorkshopBot.Storage;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Briefings;

/// <summary>
/// One bot serving two partnerships (both tenants allowed, as a multi-tenant registration hosting two organisations).
/// Each chair's publish picker lists only their own organisation's channels, and a forged publish naming the other
/// organisation's channel posts nothing there, over real HTTP.
/// </summary>
public sealed class BriefingPublishTenancy : IAsyncLifetime
{
    private const string Neighbour = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";
    private static readonly TestUser Chair = BotTestHost.User("Quality Assurance Chair");
    private static readonly TestUser NeighbourChair = BotTestHost.User("Neighbouring Partnership Chair");
    private static readonly TestConversation Ours = BotTestHost.Channel("Practice learning", "Safeguarding Partnership");
    private static readonly TestConversation Theirs = BotTestHost.Channel("General", "Neighbouring partnership");
    private BotTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await BotTestHost.StartAsync(o => o.Settings["WorkshopBot:AllowedTenants:1"] = Neighbour);
        await _host.SendAsync(_host.BotAdded(Chair, Ours));
        await _host.SendAsync(InTenant(_host.BotAdded(NeighbourChair, Theirs), Neighbour));
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task TheChairsPickerListsOnlyTheirOwnOrganisationsChannels()
    {
        var auditId = await BriefingSeed.ApprovedBriefingAsync(_host, Chair);

        var picker = await _host.ExecuteAsync(Chair, BotTestHost.PersonalChat(Chair), PublishScreen.ChooseChannels,
            new ChooseChannelsData(auditId));

        var card = picker.Card!.Value.GetRawText();
        Assert.Contains(Ours.Id, card, StringComparison.Ordinal);
        Assert.DoesNotContain(Theirs.Id, card, StringComparison.Ordinal);
        Assert.DoesNotContain("Neighbouring partnership", card, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task APublishNamingAnotherOrganisationsChannelPostsNothingThere()
    {
        var auditId = await BriefingSeed.ApprovedBriefingAsync(_host, Chair);
        await _host.DrainOutboxAsync();
        var before = _host.Connector.Requests.Count;

        var result = await _host.ExecuteAsync(Chair, BotTestHost.PersonalChat(Chair), PublishScreen.Publish,
            new PublishData(auditId, 1, Theirs.Id));
        await _host.DrainOutboxAsync();

        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.DoesNotContain("Neighbouring partnership", result.Card!.Value.GetRawText(), StringComparison.OrdinalIgnoreCase);
        Assert.Null(await _host.Get<IOutboxStore>().FindByDedupeKeyAsync(BriefingPublisher.PostDedupeKey(auditId, 1, Theirs.Id)));
        Assert.DoesNotContain(_host.Connector.Requests.Skip(before), r => r.Body.Contains(Theirs.Id, StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheNeighbouringChairsPickerDoesNotListOurChannels()
    {
        var audit = await BriefingSeed.OneCaseAuditAsync(_host.Services, NeighbourChair.Person with { TenantId = Neighbour },
            _host.Get<TimeProvider>().GetUtcNow().AddDays(-20));
        var chat = BotTestHost.PersonalChat(NeighbourChair);
        await _host.InvokeAsync(InTenant(_host.CardAction(NeighbourChair, chat, ComposeScreen.Open, new OpenBriefingData(audit.Id)),
            Neighbour));
        var approved = await _host.InvokeAsync(InTenant(
            _host.CardAction(NeighbourChair, chat, ComposeScreen.Approve, new ApproveData(audit.Id, 1)), Neighbour));
        Assert.Contains("Version 1 is approved", approved.Card!.Value.GetRawText(), StringComparison.Ordinal);

        var picker = await _host.InvokeAsync(InTenant(
            _host.CardAction(NeighbourChair, chat, PublishScreen.ChooseChannels, new ChooseChannelsData(audit.Id)), Neighbour));

        var card = picker.Card!.Value.GetRawText();
        Assert.Contains(Theirs.Id, card, StringComparison.Ordinal);
        Assert.DoesNotContain(Ours.Id, card, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnActivityClaimingAnotherTenantInOurChannelDoesNotMoveTheChannelToThatTenant()
    {
        await _host.SendAsync(InTenant(_host.Message(NeighbourChair, Ours, "help"), Neighbour));

        var channel = await _host.Get<IConversationStore>().GetAsync(Ours.Id);
        Assert.Equal(BotTestHost.TenantId, channel!.TenantId);
        var audit = await BriefingSeed.OneCaseAuditAsync(_host.Services, NeighbourChair.Person with { TenantId = Neighbour },
            _host.Get<TimeProvider>().GetUtcNow().AddDays(-20));
        var chat = BotTestHost.PersonalChat(NeighbourChair);
        await _host.InvokeAsync(InTenant(_host.CardAction(NeighbourChair, chat, ComposeScreen.Open, new OpenBriefingData(audit.Id)),
            Neighbour));
        await _host.InvokeAsync(InTenant(_host.CardAction(NeighbourChair, chat, ComposeScreen.Approve, new ApproveData(audit.Id, 1)),
            Neighbour));
        var picker = await _host.InvokeAsync(InTenant(
            _host.CardAction(NeighbourChair, chat, PublishScreen.ChooseChannels, new ChooseChannelsData(audit.Id)), Neighbour));
        Assert.DoesNotContain(Ours.Id, picker.Card!.Value.GetRawText(), StringComparison.Ordinal);
    }

    /// <summary>The activity from the other organisation: its tenant in the conversation and Teams' channel data.</summary>
    private static Activity InTenant(Activity activity, string tenantId)
    {
        var data = activity.GetTeamsChannelData() ?? new TeamsChannelData();
        return activity with
        {
            Conversation = activity.Conversation! with { TenantId = tenantId },
            ChannelData = BotJson.ToElement(data with { Tenant = new TenantInfo { Id = tenantId } }),
        };
    }
}
