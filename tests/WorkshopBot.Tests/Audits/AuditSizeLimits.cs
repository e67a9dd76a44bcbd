using WorkshopBot.Audits;

namespace WorkshopBot.Tests.Audits;

/// <summary>The tracker grid is tested at 15 cases by 12 agencies; the domain must not let an audit grow past it.</summary>
public sealed class AuditSizeLimits
{
    [Fact]
    public void RefusesACaseBeyondTheLimit()
    {
        var audit = AuditFixtures.DraftAudit();
        for (var i = 1; i <= Audit.MaxCases; i++)
        {
            AuditFixtures.Ok(audit.AddCase(AuditFixtures.Ref($"NAI-2026-03-C{i}"), AgeBand.Under1));
        }

        var refused = audit.AddCase(AuditFixtures.Ref("NAI-2026-03-C99"), AgeBand.Under1);

        Assert.False(refused.Succeeded);
        Assert.Contains($"at most {Audit.MaxCases} cases", refused.Message);
        Assert.Equal(Audit.MaxCases, audit.Cases.Count);
    }

    [Fact]
    public void RefusesAnAgencyBeyondTheLimit()
    {
        var audit = AuditFixtures.DraftAudit();
        for (var i = 1; i <= Audit.MaxAgencies; i++)
        {
            audit.AddAgency(AgencyType.Other, $"Agency number {i}").ValueOrThrow();
        }

        var refused = audit.AddAgency(AgencyType.Police, "One agency too many");

        Assert.False(refused.Succeeded);
        Assert.Contains($"at most {Audit.MaxAgencies} agencies", refused.Message);
        Assert.Equal(Audit.MaxAgencies, audit.Agencies.Count);
    }
}
