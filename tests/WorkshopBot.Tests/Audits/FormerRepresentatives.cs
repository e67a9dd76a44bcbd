using WorkshopBot.Audits.Domain;
using WorkshopBot.Common;
using static WorkshopBot.Tests.Audits.AuditFixtures;

namespace WorkshopBot.Tests.Audits;

/// <summary>
/// Once the audit is issued, a representative the chair replaces no longer speaks for the agency (they cannot join its
/// workshops for it) until the chair makes them its representative again; while the audit is a draft, a change of
/// representative is the chair setting it up, and keeps nobody as replaced.
/// </summary>
public sealed class FormerRepresentatives
{
    private static readonly PersonRef NewSchoolRep = new("school-rep-2-oid", "School Auditor 2") { TenantId = SchoolRep.TenantId };

    [Fact]
    public void TheOneReplacedAfterIssueIsKeptUntilMadeTheRepresentativeAgain()
    {
        var audit = IssuedAudit();

        Ok(audit.AssignRepresentative("agency-2", NewSchoolRep));
        Ok(audit.AssignRepresentative("agency-2", NewSchoolRep with { DisplayName = "School Auditor (renamed)" }));

        Assert.Equal(["agency-2"], audit.AgenciesNoLongerRepresentedBy(SchoolRep));
        Assert.Equal([SchoolRep], audit.FindAgency("agency-2")!.FormerRepresentatives!);
        Assert.Empty(audit.AgenciesNoLongerRepresentedBy(NewSchoolRep));
        Assert.Empty(audit.AgenciesNoLongerRepresentedBy(SocialCareRep));

        Ok(audit.AssignRepresentative("agency-2", SchoolRep));

        Assert.Empty(audit.AgenciesNoLongerRepresentedBy(SchoolRep));
        Assert.Equal(["agency-2"], audit.AgenciesNoLongerRepresentedBy(NewSchoolRep));
    }

    [Fact]
    public void AChangeWhileADraftKeepsNobodyAsReplaced()
    {
        var audit = ReadyAudit();

        Ok(audit.AssignRepresentative("agency-2", NewSchoolRep));

        Assert.Empty(audit.AgenciesNoLongerRepresentedBy(SchoolRep));
        Assert.Null(audit.FindAgency("agency-2")!.FormerRepresentatives);
    }
}
