using WorkshopBot.Audits.Teams;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.Audits.EndToEnd.AuditScenario;

namespace WorkshopBot.Tests.Audits.EndToEnd;

/// <summary>
/// A conversation belongs to the organisation it was first heard from. An audit set up in a conversation the bot knows as
/// another organisation's (a bot serving two tenants) posts its returns tracker nowhere: the tracker names the agencies,
/// the case references and each return's state, and would otherwise go to the other organisation's conversation.
/// </summary>
public sealed class NoTrackerInAnotherOrganisationsChannel
{
    private const string Neighbour = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";

    [Fact]
    public async Task IssuingQueuesNoTrackerForAConversationOfAnotherTenant()
    {
        await using var s = await StartAsync(o => o.Settings["WorkshopBot:AllowedTenants:1"] = Neighbour);
        var conversations = s.Host.Get<IConversationStore>();
        var known = (await conversations.GetAsync(Team.Id))!;
        await conversations.UpsertAsync(known with { TenantId = Neighbour });
        await s.CreateAsync();
        await s.AddCasesAsync();
        await s.AddAgenciesAsync();
        Assert.Equal(Neighbour, (await conversations.GetAsync(Team.Id))!.TenantId);

        var issued = CardOf(await s.IssueAsync()).GetRawText();
        await s.Host.DrainOutboxAsync();

        Assert.Contains("Audit issued.", issued, StringComparison.Ordinal);
        var outbox = s.Host.Get<IOutboxStore>();
        Assert.Null(await outbox.FindByDedupeKeyAsync($"audit:{s.AuditId:D}:tracker:post"));
        Assert.DoesNotContain(s.Host.Sent(Team.Id), a => a.AllText.Contains(Cases[0], StringComparison.Ordinal));
        Assert.Contains(await outbox.ListByCorrelationAsync(AuditMessenger.IssueCorrelation(s.AuditId)),
            m => m.DedupeKey.Contains(":tool:", StringComparison.Ordinal));
    }
}
