using WorkshopBot.Common.Secrets;
using WorkshopBot.Tests.Support;
using WorkshopBot.Audits;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Common;

namespace WorkshopBot.Tests.Audits;

/// <summary>Builds audits and returns in known states. Pseudonymous references and made-up people only.</summary>
internal static class AuditFixtures
{
    public static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset DueAt = new(2026, 3, 20, 17, 0, 0, TimeSpan.Zero);
    public static readonly PersonRef Chair = new("chair-oid", "QA Chair") { TenantId = BotTestHost.TenantId };
    public static readonly PersonRef SocialCareRep = new("csc-rep-oid", "CSC Auditor") { TenantId = BotTestHost.TenantId };
    public static readonly PersonRef SchoolRep = new("school-rep-oid", "School Auditor") { TenantId = BotTestHost.TenantId };
    public static readonly PersonRef SocialCareLead = new("csc-lead-oid", "CSC Named Lead") { TenantId = BotTestHost.TenantId };
    public static readonly CaseReference Case1 = Ref("NAI-2026-03-C1");
    public static readonly CaseReference Case2 = Ref("NAI-2026-03-C2");

    /// <summary>A deployment's keyed fingerprint of an alert's details, under a key fixed for the tests.</summary>
    public static string Fingerprint(string text) => SafetyFingerprints.Of(text, "AuditFixtures test key"u8.ToArray());

    public static CaseReference Ref(string value) => CaseReference.Create(value).ValueOrThrow();

    public static Audit DraftAudit(string templateKey = "nai") =>
        Audit.Create(Guid.Parse("00000000-0000-0000-0000-0000000000a1"), "NAI audit spring 2026", templateKey, Chair, Now).ValueOrThrow();

    /// <summary>Two cases; Children's Social Care (agency-1) returns on both, a school (agency-2) on case 1 only.</summary>
    public static Audit ReadyAudit(string templateKey = "nai")
    {
        var audit = DraftAudit(templateKey);
        Ok(audit.AddCase(Case1, AgeBand.Under1));
        Ok(audit.AddCase(Case2, AgeBand.OneToFour));
        audit.AddAgency(AgencyType.ChildrensSocialCare, "Children's Social Care", SocialCareRep, SocialCareLead).ValueOrThrow();
        audit.AddAgency(AgencyType.School, "Primary school", SchoolRep).ValueOrThrow();
        Ok(audit.AssignCases("agency-2", [Case1]));
        Ok(audit.ScheduleReturnsDue(DueAt, Now));
        return audit;
    }

    public static Audit IssuedAudit(string templateKey = "nai")
    {
        var audit = ReadyAudit(templateKey);
        Ok(audit.Issue(Now));
        return audit;
    }

    public static AuditReturn NewReturn(Audit audit, string agencyId = "agency-1", CaseReference? caseReference = null) =>
        AuditReturn.Create(Guid.NewGuid(), audit, caseReference ?? Case1, agencyId).ValueOrThrow();

    /// <summary>Answers every question (safety "No") and fills the summary, ready to submit.</summary>
    public static AuditReturn CompletedReturn(Audit audit, string agencyId = "agency-1", PersonRef? by = null)
    {
        var ret = NewReturn(audit, agencyId);
        var who = by ?? SocialCareRep;
        foreach (var section in ret.Sections)
        {
            var answers = section.Questions
                .Select(q => new AnswerInput(q.Id, q.IsSafetyQuestion ? AnswerValue.No : AnswerValue.Yes, "Evidence in records."))
                .ToList();
            ret.SaveSection(section.Id, answers, ret.Version, who, Now).ValueOrThrow();
        }

        ret.SaveSummary(new ReturnSummaryInput("Timely strategy meeting.", "Fathers not seen.", null, "good"), ret.Version, who, Now)
            .ValueOrThrow();
        return ret;
    }

    public static void Ok(DomainResult result) =>
        Assert.True(result.Succeeded, $"Expected success but got: {result.Message}");
}
