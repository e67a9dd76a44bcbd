using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.Audits.EndToEnd.AuditScenario;

namespace WorkshopBot.Tests.Audits.EndToEnd;

/// <summary>
/// Local development mode (no app id, no AllowedTenants, loopback only) lets in activities that carry no tenant at all.
/// There the roster's members without a tenant are the turn's organisation (both absent), so the representative picker
/// offers them and saving one works, stored without a tenant as the audit is; a member Teams names a tenant for is still
/// left out and refused. (A turn with a tenant still refuses members without one: RepresentativesComeFromTheOrganisation.)
/// </summary>
public sealed class DevelopmentModePickers
{
    private const string AnotherTenant = "7e6d5c4b-1111-4222-8333-444455556666";

    private static readonly TestUser DevChair = BotTestHost.User("Playground Chair");
    private static readonly TestUser DevRep = BotTestHost.User("Playground Auditor");
    private static readonly TestUser Visitor = BotTestHost.User("Shared Channel Guest Auditor");
    private static readonly TestConversation Channel = BotTestHost.Channel("Audits");

    [Fact]
    public async Task ATurnWithoutATenantOffersAndTakesMembersWithoutOneAndStillRefusesOthers()
    {
        await using var host = await BotTestHost.StartAsync(o =>
        {
            o.Time = new AuditTestClock(Start);
            o.Settings["MicrosoftAppId"] = "";
            o.Settings["MicrosoftAppPassword"] = "";
            o.Settings["WorkshopBot:AllowedTenants:0"] = "";
        });
        host.Connector.Roster.AddRange(
        [
            new TeamsChannelAccount { Id = DevChair.Id, AadObjectId = DevChair.AadObjectId, Name = DevChair.Name },
            new TeamsChannelAccount { Id = DevRep.Id, AadObjectId = DevRep.AadObjectId, Name = DevRep.Name },
            new TeamsChannelAccount { Id = Visitor.Id, AadObjectId = Visitor.AadObjectId, Name = Visitor.Name, TenantId = AnotherTenant },
        ]);
        await host.SendAsync(WithoutTenant(host.BotAdded(DevChair, Channel)));
        await host.SendAsync(WithoutTenant(host.Message(DevChair, Channel, "new audit")));
        var created = CardOf(await ChairAsync(host, CreateScreen.Create, NewAuditForm));
        var auditId = Guid.Parse(FindString(created, "auditId")!);
        AssertHasText(await ChairAsync(host, AgenciesScreen.AddAgency, new AddAgencyData(auditId, "Police", "County Police")),
            "County Police added");

        var picker = CardOf(await ChairAsync(host, AgenciesScreen.AgencyPeople, new AgencyRefData(auditId, "agency-1"))).GetRawText();
        var refused = await ChairAsync(host, AgenciesScreen.SaveAgencyPeople,
            new AgencyPeopleData(auditId, "agency-1", Visitor.Id, null, null));
        var refusedAsLead = await ChairAsync(host, AgenciesScreen.SaveAgencyPeople,
            new AgencyPeopleData(auditId, "agency-1", DevRep.Id, Visitor.Id, null));
        var unchanged = await AuditAsync(host, auditId);
        var saved = await ChairAsync(host, AgenciesScreen.SaveAgencyPeople,
            new AgencyPeopleData(auditId, "agency-1", DevRep.Id, DevChair.Id, null));

        Assert.Null(unchanged.TenantId);
        Assert.Contains(DevRep.Name, picker, StringComparison.Ordinal);
        Assert.Contains(DevChair.Name, picker, StringComparison.Ordinal);
        Assert.DoesNotContain(Visitor.Name, picker, StringComparison.Ordinal);
        Assert.DoesNotContain(Visitor.Id, picker, StringComparison.Ordinal);
        AssertHasText(refused, "The representative you chose is outside the partnership's organisation");
        AssertHasText(refusedAsLead, "The named lead you chose is outside the partnership's organisation");
        Assert.Null(unchanged.Agencies.Single().Representative);
        Assert.Null(unchanged.Agencies.Single().NamedLead);
        AssertHasText(saved, "County Police: people and cases saved.");
        var agency = (await AuditAsync(host, auditId)).Agencies.Single();
        Assert.Equal(DevRep.AadObjectId, agency.Representative!.UserId);
        Assert.Null(agency.Representative.TenantId);
        Assert.Equal(DevChair.AadObjectId, agency.NamedLead!.UserId);
    }

    private static Task<InvokeResult> ChairAsync(BotTestHost host, string verb, object data) =>
        host.InvokeAsync(WithoutTenant(host.CardAction(DevChair, Channel, verb, data)));

    /// <summary>The activity as a local tool may send it: no tenant in the conversation or in Teams' channel data.</summary>
    private static Activity WithoutTenant(Activity activity) => activity with
    {
        Conversation = activity.Conversation! with { TenantId = null },
        ChannelData = BotJson.ToElement(activity.GetTeamsChannelData()! with { Tenant = null }),
    };

    private static async Task<Audit> AuditAsync(BotTestHost host, Guid auditId) =>
        (await TestStores.Audits(host.Services).GetAuditAsync(auditId, default))!.Value;
}
