using Microsoft.Extensions.DependencyInjection;
using WorkshopBot.Briefings.Teams;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Briefings;

/// <summary>
/// Channels are shown as "Team > Channel" everywhere (publish picker, publish result, usage view), with names Teams gives in
/// the team's channel list when activities left them out; never a raw 19:...@thread id.
/// </summary>
public sealed class BriefingChannelNames : IAsyncLifetime
{
    private const string TeamId = "19:team-partnership@thread.tacv2";
    private const string Practice = "19:practice-channel@thread.tacv2";
    private BriefingFlowHarness _h = null!;

    private Guid AuditId => _h.Audit.Id;

    public async Task InitializeAsync() => _h = await BriefingFlowHarness.StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task NamesComeFromTheTeamsChannelListAndGeneralIsGeneral()
    {
        // Installed in the team (team name known, General has no name) and heard from in a channel whose name Teams left out.
        await KnowChannelAsync(TeamId, teamName: "Partnership audits");
        await KnowChannelAsync(Practice, teamName: null);
        _h.Connector.TeamChannels[TeamId] =
            [new ChannelInfo { Id = TeamId }, new ChannelInfo { Id = Practice, Name = "Practice learning" }];
        await ApproveAsync();

        var picker = await _h.PostAsync(BriefingFlowHarness.Chair, PublishScreen.ChooseChannels, new ChooseChannelsData(AuditId));
        var result = await _h.PostAsync(BriefingFlowHarness.Chair, PublishScreen.Publish,
            new PublishData(AuditId, 1, $"{TeamId},{Practice}"));
        var usage = await _h.PostAsync(BriefingFlowHarness.Chair, DiscussionScreen.Usage, new UsageData(AuditId));
        await _h.PostAsync(BriefingFlowHarness.Chair, PublishScreen.ChooseChannels, new ChooseChannelsData(AuditId));

        Assert.Contains("Partnership audits > General", picker, StringComparison.Ordinal);
        Assert.Contains("Partnership audits > Practice learning", picker, StringComparison.Ordinal);
        Assert.Contains("Partnership audits > General: queued as a new thread", result, StringComparison.Ordinal);
        Assert.Contains("Partnership audits > Practice learning: queued as a new thread", result, StringComparison.Ordinal);
        Assert.Contains("Partnership audits > General: no discussion recorded yet", usage, StringComparison.Ordinal);
        Assert.Contains("Partnership audits > Practice learning: no discussion recorded yet", usage, StringComparison.Ordinal);
        foreach (var card in new[] { picker, result, usage })
        {
            Assert.DoesNotContain("\"title\":\"19:", card, StringComparison.Ordinal);
            Assert.DoesNotContain("> channel", card, StringComparison.Ordinal);
        }

        // Asked once: the names are kept in the conversation store.
        Assert.Single(_h.Connector.Requests, r => r.Method == "GET" && r.Path.StartsWith("/v3/teams/", StringComparison.Ordinal));
        var stored = await _h.Services.GetRequiredService<IConversationStore>().GetAsync(Practice);
        Assert.Equal("Practice learning", stored!.ChannelName);
        Assert.Equal("Partnership audits", stored.TeamName);
    }

    [Fact]
    public async Task WhenTeamsCannotBeAskedTheCardSaysSoPlainlyRatherThanShowingAnId()
    {
        await KnowChannelAsync(TeamId, teamName: "Partnership audits");
        await KnowChannelAsync(Practice, teamName: null);
        await ApproveAsync();

        var picker = await _h.PostAsync(BriefingFlowHarness.Chair, PublishScreen.ChooseChannels, new ChooseChannelsData(AuditId));

        Assert.Contains("Partnership audits > General", picker, StringComparison.Ordinal);
        Assert.Contains("Partnership audits > Unnamed channel", picker, StringComparison.Ordinal);
        Assert.DoesNotContain("\"title\":\"19:", picker, StringComparison.Ordinal);
    }

    private async Task ApproveAsync()
    {
        await _h.PostAsync(BriefingFlowHarness.Chair, ComposeScreen.Open, new OpenBriefingData(AuditId));
        await _h.PostAsync(BriefingFlowHarness.Chair, ComposeScreen.Approve, new ApproveData(AuditId, 1));
    }

    // A standard channel the chair has been seen in, so the picker offers it to them (BriefingChannelReach).
    private async Task KnowChannelAsync(string channelId, string? teamName)
    {
        var store = _h.Services.GetRequiredService<IConversationStore>();
        await store.UpsertAsync(new ConversationRecord(channelId, _h.Connector.BaseUrl,
            "tenant-1", "msteams", ConversationKind.Channel, TeamId, teamName, null, null, null, null, "28:bot", true,
            _h.Clock.GetUtcNow(), ConversationRecord.Standard));
        await store.RememberMemberAsync(channelId, BriefingFlowHarness.Chair.UserId, "tenant-1", _h.Clock.GetUtcNow());
    }
}
