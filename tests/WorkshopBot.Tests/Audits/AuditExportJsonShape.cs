using System.Text.Json;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Common;
using WorkshopBot.Tests.Briefings;

namespace WorkshopBot.Tests.Audits;

/// <summary>
/// The JSON export of an audit's returns carries what the CSV carries, as a structure: the case, the agency, each answer
/// and narrative, the summary, the grade and whether an immediate concern was raised, and who submitted it by name. Not
/// the stored document: no Entra object ids or tenant ids, no internal ids or versions, no reopening history with its
/// reasons, no question guidance or grade-scale definitions.
/// </summary>
public sealed class AuditExportJsonShape
{
    private const string Tenant = "5d2c3b4a-0000-4000-8000-0000000000aa";
    private const string RepresentativeOid = "7f1e2d3c-1111-4000-8000-00000000c0de";
    private const string ChairOid = "0a9b8c7d-2222-4000-8000-00000000ca1f";
    private const string ReopenReason = "Grade does not match the narrative in section two";

    [Fact]
    public void CarriesTheReturnsContentAndNoInternalFieldsOrPeoplesIds()
    {
        var at = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
        var chair = new PersonRef(ChairOid, "QA Chair") { TenantId = Tenant };
        var representative = new PersonRef(RepresentativeOid, "Police Auditor") { TenantId = Tenant };
        var audit = Audit.Create(Guid.NewGuid(), "NAI audit spring 2026", "nai", chair, at).ValueOrThrow();
        Assert.True(audit.AddCase(BriefingFlowHarness.Case1, AgeBand.Under1).Succeeded);
        audit.AddAgency(AgencyType.Police, "County Police", representative).ValueOrThrow();
        Assert.True(audit.ScheduleReturnsDue(at.AddDays(5), at).Succeeded);
        Assert.True(audit.Issue(at).Succeeded);
        var agencyId = Assert.Single(audit.Agencies).Id;
        var ret = AuditReturn.Create(Guid.NewGuid(), audit, BriefingFlowHarness.Case1, agencyId).ValueOrThrow();
        foreach (var section in ret.Sections)
        {
            var answers = section.Questions.Select(q => new AnswerInput(q.Id, q.IsSafetyQuestion ? AnswerValue.Yes : AnswerValue.No,
                q.IsSafetyQuestion ? "Concern passed to the duty team" : "Not recorded in police systems")).ToList();
            ret.SaveSection(section.Id, answers, ret.Version, representative, at).ValueOrThrow();
        }

        ret.SaveSummary(new ReturnSummaryInput("Prompt referral", "Information was not shared quickly",
            "Share interview notes with health", "good"), ret.Version, representative, at).ValueOrThrow();
        Assert.True(ret.Submit(ret.Version, representative, at).Succeeded);
        Assert.True(ret.Reopen(audit, chair, ReopenReason, at.AddHours(1)).Succeeded);
        Assert.True(ret.Submit(ret.Version, representative, at.AddHours(2)).Succeeded);

        var json = AuditExportFiles.ToJson(audit, [ret]);

        Assert.Contains("Not recorded in police systems", json, StringComparison.Ordinal);
        Assert.Contains("Concern passed to the duty team", json, StringComparison.Ordinal);
        Assert.Contains("Information was not shared quickly", json, StringComparison.Ordinal);
        Assert.Contains("Share interview notes with health", json, StringComparison.Ordinal);
        Assert.Contains("Police Auditor", json, StringComparison.Ordinal);
        Assert.Contains("NAI-2026-03-C1", json, StringComparison.Ordinal);
        foreach (var hidden in new[] { RepresentativeOid, ChairOid, Tenant, ReopenReason, ret.Id.ToString(), "\"version\"",
            "\"guidance\"", "\"levels\"", "\"tenantId\"", "\"userId\"", "\"reopenings\"" })
        {
            Assert.DoesNotContain(hidden, json, StringComparison.OrdinalIgnoreCase);
        }

        using var document = JsonDocument.Parse(json);
        var exported = Assert.Single(document.RootElement.GetProperty("returns").EnumerateArray().ToList());
        Assert.Equal(
            ["caseReference", "agency", "agencyType", "status", "submittedAt", "submittedBy", "sections", "goodPractice",
                "areasForDevelopment", "recommendations", "grade", "immediateConcern"],
            exported.EnumerateObject().Select(p => p.Name));
        Assert.Equal("Police Auditor", exported.GetProperty("submittedBy").GetString());
        Assert.True(exported.GetProperty("immediateConcern").GetBoolean());
        var answered = exported.GetProperty("sections")[0].GetProperty("questions")[0];
        Assert.Equal(["number", "question", "answer", "narrative"], answered.EnumerateObject().Select(p => p.Name));
    }

    /// <summary>The lawful basis, DPIA and data-sharing agreement references recorded on the audit travel with its export.</summary>
    [Fact]
    public void CarriesTheAuditsDataProtectionReferences()
    {
        var at = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
        var audit = Audit.Create(Guid.NewGuid(), "NAI audit spring 2026", "nai", new PersonRef(ChairOid, "QA Chair"), at).ValueOrThrow();
        Assert.True(audit.RecordDataProtection("UK GDPR Article 6(1)(e) and 9(2)(h)", "DPIA-2026-004", "ISA-2024-0317").Succeeded);

        using var document = JsonDocument.Parse(AuditExportFiles.ToJson(audit, []));

        var recorded = document.RootElement.GetProperty("audit").GetProperty("dataProtection");
        Assert.Equal("UK GDPR Article 6(1)(e) and 9(2)(h)", recorded.GetProperty("lawfulBasis").GetString());
        Assert.Equal("DPIA-2026-004", recorded.GetProperty("dpiaReference").GetString());
        Assert.Equal("ISA-2024-0317", recorded.GetProperty("dataSharingAgreementReference").GetString());
    }
}
