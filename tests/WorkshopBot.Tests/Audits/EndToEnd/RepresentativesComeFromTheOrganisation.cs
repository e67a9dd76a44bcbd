using Microsoft.Extensions.DependencyInjection;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.Audits.EndToEnd.AuditScenario;

namespace WorkshopBot.Tests.Audits.EndToEnd;

/// <summary>
/// A shared channel's roster also lists people of other organisations (Teams gives each member's tenantId). An audit
/// belongs to the partnership's organisation, so its representatives and named leads must too: the picker leaves the
/// others out, and one chosen anyway (a stale or forged card) is refused politely with nothing stored; people of the
/// organisation still save. A member Teams names no organisation for is not known to be in it and is refused alike.
/// </summary>
public sealed class RepresentativesComeFromTheOrganisation
{
    private static readonly TestUser Visitor = BotTestHost.User("Shared Channel Guest Auditor");

    [Theory]
    [InlineData("7e6d5c4b-1111-4222-8333-444455556666", false)]
    [InlineData("7e6d5c4b-1111-4222-8333-444455556666", true)]
    [InlineData(null, false)]
    public async Task APersonFromAnotherOrganisationIsRefusedAndNothingIsStored(string? visitorTenant, bool asNamedLead)
    {
        await using var s = await StartAsync();
        s.Host.Connector.Roster.Add(new TeamsChannelAccount
        {
            Id = Visitor.Id, AadObjectId = Visitor.AadObjectId, Name = Visitor.Name, TenantId = visitorTenant,
        });
        await s.CreateAsync();
        AssertHasText(await s.ExecuteAsync(Chair, AgenciesScreen.AddAgency, new AddAgencyData(s.AuditId, "Police", "County Police")),
            "County Police added");
        var picker = CardOf(await s.ExecuteAsync(Chair, AgenciesScreen.AgencyPeople, new AgencyRefData(s.AuditId, "agency-1")))
            .GetRawText();
        var before = await AuditAsync(s);
        var rep = Agencies[1].Rep;

        var refused = await s.ExecuteAsync(Chair, AgenciesScreen.SaveAgencyPeople, asNamedLead
            ? new AgencyPeopleData(s.AuditId, "agency-1", rep.Id, Visitor.Id, null)
            : new AgencyPeopleData(s.AuditId, "agency-1", Visitor.Id, null, null));

        Assert.Contains(rep.Name, picker, StringComparison.Ordinal);
        Assert.DoesNotContain(Visitor.Name, picker, StringComparison.Ordinal);
        Assert.DoesNotContain(Visitor.Id, picker, StringComparison.Ordinal);
        AssertHasText(refused, $"The {(asNamedLead ? "named lead" : "representative")} you chose is outside the partnership's "
            + "organisation, so they can't be given this role.");
        AssertHasText(refused, "Nothing was changed.");
        Assert.DoesNotContain(Visitor.Name, CardOf(refused).GetRawText(), StringComparison.Ordinal);
        var after = await AuditAsync(s);
        Assert.Equal(before.Version, after.Version);
        Assert.Null(after.Value.Agencies.Single().Representative);
        Assert.Null(after.Value.Agencies.Single().NamedLead);
        var channel = await s.Host.WorkAsync(async services =>
            (await services.GetRequiredService<AuditStore>().GetChannelAsync(s.AuditId, default))!.Value);
        Assert.DoesNotContain(Visitor.AadObjectId, channel.TeamsIds.Keys);
        Assert.DoesNotContain(Visitor.Id, channel.TeamsIds.Values);

        AssertHasText(await s.ExecuteAsync(Chair, AgenciesScreen.SaveAgencyPeople,
            new AgencyPeopleData(s.AuditId, "agency-1", rep.Id, Lead.Id, null)), "County Police: people and cases saved.");
        var saved = (await AuditAsync(s)).Value.Agencies.Single();
        Assert.Equal(rep.AadObjectId, saved.Representative!.UserId);
        Assert.Equal(Lead.AadObjectId, saved.NamedLead!.UserId);
    }

    /// <summary>
    /// A member Teams lists with no directory (Entra) object id (a visitor account) could be given a role but never act in
    /// it, since every turn needs one: not offered, and a hand-made press naming them is refused with nothing stored.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AMemberWithoutADirectoryAccountIsNotOfferedAndIsRefused(bool asNamedLead)
    {
        await using var s = await StartAsync();
        const string VisitorId = "29:visitor-without-directory-account";
        s.Host.Connector.Roster.Add(new TeamsChannelAccount
        {
            Id = VisitorId, AadObjectId = null, Name = "Quentin Visitor-Account", TenantId = BotTestHost.TenantId,
        });
        await s.CreateAsync();
        AssertHasText(await s.ExecuteAsync(Chair, AgenciesScreen.AddAgency, new AddAgencyData(s.AuditId, "Police", "County Police")),
            "County Police added");
        var picker = CardOf(await s.ExecuteAsync(Chair, AgenciesScreen.AgencyPeople, new AgencyRefData(s.AuditId, "agency-1")))
            .GetRawText();
        var before = await AuditAsync(s);
        var rep = Agencies[1].Rep;

        var refused = await s.ExecuteAsync(Chair, AgenciesScreen.SaveAgencyPeople, asNamedLead
            ? new AgencyPeopleData(s.AuditId, "agency-1", rep.Id, VisitorId, null)
            : new AgencyPeopleData(s.AuditId, "agency-1", VisitorId, null, null));

        Assert.Contains(rep.Name, picker, StringComparison.Ordinal);
        Assert.DoesNotContain("Quentin Visitor-Account", picker, StringComparison.Ordinal);
        AssertHasText(refused, $"Teams gives no organisation account for the {(asNamedLead ? "named lead" : "representative")} "
            + "you chose");
        AssertHasText(refused, "Nothing was changed.");
        var after = await AuditAsync(s);
        Assert.Equal(before.Version, after.Version);
        Assert.Null(after.Value.Agencies.Single().Representative);
    }

    private static Task<VersionedDocument<Audit>> AuditAsync(AuditScenario s) =>
        s.Host.WorkAsync(async services => (await services.GetRequiredService<AuditStore>().GetAuditAsync(s.AuditId, default))!);
}
