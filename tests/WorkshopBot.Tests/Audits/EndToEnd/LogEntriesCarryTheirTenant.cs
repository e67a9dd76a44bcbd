using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Audits.EndToEnd;

/// <summary>
/// One bot serving two organisations: a chair in each creates an audit and adds cases to it. Every audit-log entry carries
/// the tenant of the person who acted, never the other organisation's, so the log can be split by organisation.
/// </summary>
public sealed class LogEntriesCarryTheirTenant
{
    private const string OtherTenant = "9a8b7c6d-0000-4000-8000-0000000c0ffe";
    private static readonly TestUser OtherChair = BotTestHost.User("Neighbouring Partnership Chair");
    private static readonly TestConversation OtherTeam = BotTestHost.Channel("Audits", "Neighbouring Partnership");

    [Fact]
    public async Task EachEntryCarriesTheTenantOfThePersonWhoActed()
    {
        await using var s = await AuditScenario.StartAsync(o => o.Settings["WorkshopBot:AllowedTenants:1"] = OtherTenant);
        s.Host.Connector.Roster.Add(new TeamsChannelAccount
        {
            Id = OtherChair.Id, AadObjectId = OtherChair.AadObjectId, Name = OtherChair.Name, TenantId = OtherTenant,
        });
        var own = await s.CreateAsync();
        await s.AddCasesAsync();

        await s.Host.SendAsync(InOther(s.Host.BotAdded(OtherChair, OtherTeam)));
        var created = await s.Host.InvokeAsync(InOther(s.Host.CardAction(OtherChair, OtherTeam, CreateScreen.Create,
            AuditScenario.NewAuditForm with { Title = "Neglect audit, spring 2026" })));
        var theirs = Guid.Parse(AuditScenario.FindString(AuditScenario.CardOf(created), "auditId")!);
        var added = await s.Host.InvokeAsync(InOther(s.Host.CardAction(OtherChair, OtherTeam, CasesScreen.AddCase,
            new AddCaseData(theirs, "NEG-2026-03-C1", "1-4"))));
        AuditScenario.AssertHasText(added, "Case NEG-2026-03-C1 added");

        var log = s.Host.Get<IAuditLog>();
        var ownLog = await log.ListAsync(AuditSubjects.Audit, AuditStore.Key(own));
        var theirLog = await log.ListAsync(AuditSubjects.Audit, AuditStore.Key(theirs));
        Assert.Equal(["audit.created", "audit.case.added", "audit.case.added", "audit.case.added"], ownLog.Select(e => e.Action));
        Assert.Equal(["audit.created", "audit.case.added"], theirLog.Select(e => e.Action));
        Assert.All(ownLog, e => Assert.Equal((AuditScenario.Chair.AadObjectId, BotTestHost.TenantId), (e.ActorId, e.TenantId)));
        Assert.All(theirLog, e => Assert.Equal((OtherChair.AadObjectId, OtherTenant), (e.ActorId, e.TenantId)));

        // Nothing in the whole log is left without a tenant or given the other organisation's.
        var tenantOf = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [AuditScenario.Chair.AadObjectId] = BotTestHost.TenantId,
            [OtherChair.AadObjectId] = OtherTenant,
        };
        var all = await log.ListRecentAsync(1000);
        Assert.True(all.Count >= ownLog.Count + theirLog.Count);
        Assert.All(all, e => Assert.Equal(tenantOf[e.ActorId], e.TenantId));
    }

    private static Activity InOther(Activity activity) => activity with
    {
        Conversation = activity.Conversation! with { TenantId = OtherTenant },
        ChannelData = BotJson.ToElement(new TeamsChannelData { Tenant = new TenantInfo { Id = OtherTenant } }),
    };
}
