using WorkshopBot.Protocol.Schema;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Audits.EndToEnd;

/// <summary>
/// Teams reports someone removed from a team of the audit's organisation, or from the audit's channel. A representative
/// or named lead of an open audit: its chair is told once, in their 1:1 chat, who, in which role and which audit, and that
/// they may want to replace them. The chair: the admins' channel is told once that the audit should be handed over.
/// Nothing of the cases is said; a redelivered or repeated event tells nobody again.
/// </summary>
public sealed class RoleHoldersLeavingTheTeam
{
    private static readonly TestConversation General = BotTestHost.Channel("General");
    private const string Told = "Someone with a role on your audit has left";

    [Fact]
    public async Task ARepresentativeAndANamedLeadRemovedFromTheTeamAreToldToTheChairOnceEach()
    {
        await using var s = await AuditScenario.StartAsync();
        await s.SetUpIssuedAsync();
        var police = AuditScenario.Agencies[1].Rep;
        await s.Host.SayAsync(AuditScenario.Lead, BotTestHost.PersonalChat(AuditScenario.Lead), "help");

        var removal = Removed(s, police.Account, General, "teamMemberRemoved");
        await s.Host.SendAsync(removal);
        await s.Host.SendAsync(removal);
        await s.Host.SendAsync(Removed(s, police.Account, General, "teamMemberRemoved"));
        // As Teams documents it: the "29:" id alone.
        await s.Host.SendAsync(Removed(s, new ChannelAccount { Id = AuditScenario.Lead.Id }, General, "teamMemberRemoved"));
        await s.Host.DrainOutboxAsync();

        var told = s.SentTo(AuditScenario.Chair, Told);
        Assert.Equal(2, told.Count);
        var rep = Assert.Single(told, t => t.AllText.Contains(police.Name, StringComparison.Ordinal));
        Assert.Contains("the representative for County Police", rep.AllText, StringComparison.Ordinal);
        Assert.Contains("Non-accidental injury audit, spring 2026", rep.AllText, StringComparison.Ordinal);
        Assert.Contains("agencies card", rep.AllText, StringComparison.Ordinal);
        var lead = Assert.Single(told, t => t.AllText.Contains(AuditScenario.Lead.Name, StringComparison.Ordinal));
        Assert.Contains("the named lead for County Police", lead.AllText, StringComparison.Ordinal);
        Assert.All(told, t => Assert.DoesNotContain(AuditScenario.Cases[0], t.AllText, StringComparison.Ordinal));
        Assert.Empty(s.SentTo(police, Told));
    }

    [Fact]
    public async Task RemovedFromAnotherChannelTellsNobodyButFromTheAuditsChannelTellsTheChair()
    {
        await using var s = await AuditScenario.StartAsync();
        await s.SetUpIssuedAsync();
        var police = AuditScenario.Agencies[1].Rep;

        await s.Host.SendAsync(Removed(s, police.Account, BotTestHost.Channel("Leadership only"), "channelMemberRemoved"));
        await s.Host.DrainOutboxAsync();
        Assert.Empty(s.SentTo(AuditScenario.Chair, Told));

        await s.Host.SendAsync(Removed(s, police.Account, AuditScenario.Team, "channelMemberRemoved"));
        await s.Host.DrainOutboxAsync();
        Assert.Single(s.SentTo(AuditScenario.Chair, Told));
    }

    [Fact]
    public async Task TheChairRemovedFromTheTeamIsToldToTheAdminsChannelOnce()
    {
        var admins = BotTestHost.Channel("Partnership admins", "Partnership office");
        await using var s = await AuditScenario.StartAsync(o => o.Settings["WorkshopBot:AdminChannelId"] = admins.ChannelId);
        await s.Host.SendAsync(s.Host.BotAdded(AuditScenario.Chair, admins));
        await s.SetUpIssuedAsync();

        await s.Host.SendAsync(Removed(s, AuditScenario.Chair.Account, General, "teamMemberRemoved"));
        await s.Host.SendAsync(Removed(s, AuditScenario.Chair.Account, General, "teamMemberRemoved"));
        await s.Host.DrainOutboxAsync();

        var posted = s.Host.Sent(admins.ChannelId).Where(x => x.AllText.Contains("chair has left", StringComparison.Ordinal)).ToList();
        var card = Assert.Single(posted).AllText;
        Assert.Contains("Quality Chair", card, StringComparison.Ordinal);
        Assert.Contains("hand it over", card, StringComparison.Ordinal);
        Assert.Contains("choose Hand over the chair", card, StringComparison.Ordinal);
        Assert.DoesNotContain(AuditScenario.Cases[0], card, StringComparison.Ordinal);
        // The audit is named by its title and due date, never by its internal id.
        Assert.DoesNotContain(s.AuditId.ToString("D"), card, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(s.SentTo(AuditScenario.Chair, Told));
    }

    /// <summary>Teams' conversationUpdate of this event type reporting <paramref name="person"/> removed.</summary>
    private static Activity Removed(AuditScenario s, ChannelAccount person, TestConversation where, string eventType)
    {
        var activity = s.Host.NewActivity(ActivityTypes.ConversationUpdate, AuditScenario.Outsider, where) with
        {
            MembersRemoved = [person],
        };
        return activity with { ChannelData = BotJson.ToElement(activity.GetTeamsChannelData()! with { EventType = eventType }) };
    }
}
