using WorkshopBot.ActionPlans.Domain;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Common;
using WorkshopBot.Tests.Audits;

namespace WorkshopBot.Tests.ActionPlans;

/// <summary>
/// The domain itself refuses to give a role on an audit or an action to a person of another organisation (a lead or
/// representative whose tenant is known and is not the document's), politely and with nothing changed; a person without
/// a tenant (as the screens pass roster picks) is stamped with the document's, and one of the same tenant is taken.
/// </summary>
public sealed class RolesStayInTheirTenant
{
    private const string Ours = "tenant-ours";
    private const string Theirs = "tenant-theirs";
    private static readonly DateTimeOffset Now = new(2026, 4, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly PersonRef Chair = new("chair-oid", "QA Chair") { TenantId = Ours };
    private static readonly PersonRef Outsider = new("outsider-oid", "Shared Channel Guest") { TenantId = Theirs };

    [Fact]
    public void AnActionIsNotCreatedWithALeadOfAnotherTenant()
    {
        var result = PlannedAction.Create(Guid.NewGuid(), Ours, Guid.NewGuid(), "Audit", 1, Draft(Outsider), Chair, Now);

        Assert.False(result.Succeeded);
        Assert.Equal(DomainErrorKind.NotAllowed, result.Error!.Kind);
        Assert.Contains("outside this organisation", result.Error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Outsider.DisplayName, result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnActionIsCreatedWithALeadOfItsTenantOrWithoutOne()
    {
        var own = PlannedAction.Create(Guid.NewGuid(), Ours, Guid.NewGuid(), "Audit", 1,
            Draft(new PersonRef("lead-oid", "Lead") { TenantId = Ours.ToUpperInvariant() }), Chair, Now);
        var untenanted = PlannedAction.Create(Guid.NewGuid(), Ours, Guid.NewGuid(), "Audit", 2,
            Draft(new PersonRef("l2", "L2")), Chair, Now);

        Assert.True(own.Succeeded, own.Error?.Message);
        Assert.True(untenanted.Succeeded, untenanted.Error?.Message);
        Assert.Equal(Ours, untenanted.ValueOrThrow().Lead.Person.TenantId);
    }

    [Fact]
    public void AnActionIsNotReassignedToALeadOfAnotherTenant()
    {
        var action = PlannedAction.Create(Guid.NewGuid(), Ours, Guid.NewGuid(), "Audit", 1,
            Draft(new PersonRef("lead-oid", "Lead")), Chair, Now).ValueOrThrow();

        var result = action.Reassign(Chair, "Health Visiting", new ActionLead(Outsider, "29:outsider"), "Health leads it", Now);

        Assert.Equal(DomainErrorKind.NotAllowed, result.Error?.Kind);
        Assert.Equal(1, action.Version);
        Assert.Equal("County Police", action.OwnerAgency);
        Assert.Equal("lead-oid", action.Lead.Person.UserId);
        Assert.Empty(action.Changes);
        Assert.True(action.Reassign(Chair, "Health Visiting", new ActionLead(new PersonRef("hv", "HV") { TenantId = Ours }, null),
            "Health leads it", Now).Succeeded);
    }

    [Fact]
    public void AnAgencyIsNotAddedWithARepresentativeOrNamedLeadOfAnotherTenant()
    {
        var audit = DraftAudit();

        var rep = audit.AddAgency(AgencyType.Police, "County Police", Outsider);
        var lead = audit.AddAgency(AgencyType.Police, "County Police", new PersonRef("rep", "Rep"), Outsider);

        Assert.Equal(DomainErrorKind.NotAllowed, rep.Error?.Kind);
        Assert.Contains("representative", rep.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(DomainErrorKind.NotAllowed, lead.Error?.Kind);
        Assert.Contains("named lead", lead.Error!.Message, StringComparison.Ordinal);
        Assert.Empty(audit.Agencies);
        Assert.Equal(1, audit.Version);
    }

    [Fact]
    public void ARepresentativeOrNamedLeadOfAnotherTenantIsRefusedAndNothingChanges()
    {
        var audit = DraftAudit();
        var agency = audit.AddAgency(AgencyType.Police, "County Police", new PersonRef("rep", "Rep"),
            new PersonRef("lead", "Lead")).ValueOrThrow();
        var version = audit.Version;

        var rep = audit.AssignRepresentative(agency.Id, Outsider);
        var lead = audit.SetNamedLead(agency.Id, Outsider);

        Assert.Equal(DomainErrorKind.NotAllowed, rep.Error?.Kind);
        Assert.Equal(DomainErrorKind.NotAllowed, lead.Error?.Kind);
        Assert.Equal(version, audit.Version);
        var stored = Assert.Single(audit.Agencies);
        Assert.Equal("rep", stored.Representative!.UserId);
        Assert.Equal(Ours, stored.Representative.TenantId);
        Assert.Equal("lead", stored.NamedLead!.UserId);
        Assert.True(audit.AssignRepresentative(agency.Id, new PersonRef("rep2", "Rep 2") { TenantId = Ours }).Succeeded);
        Assert.True(audit.SetNamedLead(agency.Id, null).Succeeded);
    }

    [Fact]
    public void AnAuditWithoutATenantTakesPeopleWithoutOneAndRefusesPeopleOfATenant()
    {
        // Development mode: a turn without a tenant makes an audit without one, as the roster picker then offers.
        var audit = Audit.Create(Guid.NewGuid(), "NAI audit spring 2026", "nai", new PersonRef("dev-chair", "Dev Chair"),
            AuditFixtures.Now).ValueOrThrow();
        Assert.Null(audit.TenantId);

        var refused = audit.AddAgency(AgencyType.Police, "County Police", new PersonRef("rep", "Rep") { TenantId = Ours });
        var agency = audit.AddAgency(AgencyType.Police, "County Police", new PersonRef("rep", "Rep"), new PersonRef("lead", "Lead"));

        Assert.Equal(DomainErrorKind.NotAllowed, refused.Error?.Kind);
        Assert.True(agency.Succeeded, agency.Error?.Message);
        var id = agency.ValueOrThrow().Id;
        Assert.Equal(DomainErrorKind.NotAllowed, audit.AssignRepresentative(id, Outsider).Error?.Kind);
        Assert.Equal(DomainErrorKind.NotAllowed, audit.SetNamedLead(id, Outsider).Error?.Kind);
        Assert.True(audit.AssignRepresentative(id, new PersonRef("rep2", "Rep 2")).Succeeded);
        Assert.True(audit.SetNamedLead(id, new PersonRef("lead2", "Lead 2")).Succeeded);
        var stored = Assert.Single(audit.Agencies);
        Assert.Equal("rep2", stored.Representative!.UserId);
        Assert.Null(stored.Representative.TenantId);
        Assert.Equal("lead2", stored.NamedLead!.UserId);
        Assert.Null(stored.NamedLead.TenantId);
    }

    private static Audit DraftAudit() =>
        Audit.Create(Guid.NewGuid(), "NAI audit spring 2026", "nai", Chair, AuditFixtures.Now).ValueOrThrow();

    private static ActionDraft Draft(PersonRef lead) => new("Agree an information-sharing protocol", "County Police",
        new ActionLead(lead, "29:lead"), DateOnly.FromDateTime(Now.UtcDateTime).AddMonths(2), "Notes reach health in two days", [],
        null);
}
