using WorkshopBot.Storage;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.Audits.EndToEnd.AuditScenario;

namespace WorkshopBot.Tests.Audits.EndToEnd;

/// <summary>
/// Teams moves the audit's channel to a new serviceUrl (an activity arrives with it): the conversation's record follows, and
/// the sends made for the audit afterwards go there too, though the audit's channel document keeps the copy it was made
/// with: the tracker's update in the channel (resolved when the outbox sends it) and an alert to a named lead who has no
/// chat with the bot yet (reached through the audit's channel), also when it was queued before the channel moved.
/// </summary>
public sealed class SendsFollowAMovedServiceUrl
{
    [Fact]
    public async Task AfterTheChannelMovesTheAuditsSendsGoToItsNewServiceUrl()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();
        var conversations = s.Host.Get<IConversationStore>();
        Assert.Null(await conversations.FindPersonalAsync(Lead.AadObjectId));
        var moved = s.Host.Connector.LocalhostBaseUrl;
        var stored = (await s.Store.GetChannelAsync(s.AuditId, default))!.Value;
        Assert.NotEqual(moved, stored.ServiceUrl);

        await s.Host.SendAsync(s.Host.Message(Chair, Team, "help") with { ServiceUrl = moved });
        Assert.Equal(moved, (await conversations.GetAsync(Team.Id))!.ServiceUrl);
        Assert.Equal(stored.ServiceUrl, (await s.Store.GetChannelAsync(s.AuditId, default))!.Value.ServiceUrl);
        var before = s.Host.Connector.Requests.Count;

        await s.FillAndSubmitAsync(1, 0, safetyConcern: true);
        await s.Host.DrainOutboxAsync();

        var requests = s.Host.Connector.Requests.Skip(before).ToList();
        var toLead = requests.Where(r => r.Method == "POST"
            && r.RawTarget.Contains(Uri.EscapeDataString(BotTestHost.PersonalChat(Lead).Id), StringComparison.Ordinal)).ToList();
        var tracker = requests.Where(r => r.Method == "PUT"
            && r.RawTarget.Contains(Uri.EscapeDataString(Team.Id), StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(toLead);
        Assert.NotEmpty(tracker);
        Assert.All(toLead.Concat(tracker), r => Assert.StartsWith("localhost:", r.Headers["Host"], StringComparison.Ordinal));
        Assert.Single(s.SentTo(Lead, "Immediate safety concern"));
    }

    [Fact]
    public async Task AnAlertQueuedBeforeTheChannelMovesGoesToItsNewServiceUrl()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();
        Assert.Null(await s.Host.Get<IConversationStore>().FindPersonalAsync(Lead.AadObjectId));
        await s.FillAndSubmitAsync(1, 0, safetyConcern: true);
        Assert.Empty(s.SentTo(Lead, "Immediate safety concern"));

        // Queued with the channel's serviceUrl then; Teams moves the channel before the outbox sends it.
        var moved = s.Host.Connector.LocalhostBaseUrl;
        await s.Host.SendAsync(s.Host.Message(Chair, Team, "help") with { ServiceUrl = moved });
        var before = s.Host.Connector.Requests.Count;
        await s.Host.DrainOutboxAsync();

        var toLead = s.Host.Connector.Requests.Skip(before).Where(r => r.Method == "POST"
            && r.RawTarget.Contains(Uri.EscapeDataString(BotTestHost.PersonalChat(Lead).Id), StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(toLead);
        Assert.All(toLead, r => Assert.StartsWith("localhost:", r.Headers["Host"], StringComparison.Ordinal));
        Assert.Single(s.SentTo(Lead, "Immediate safety concern"));
    }
}
