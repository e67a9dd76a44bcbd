using WorkshopBot.Audits.Domain;
namespace WorkshopBot.Audits.Teams;

/// <summary>The subject types the audit feature writes to the audit log.</summary>
public static class AuditSubjects
{
    public const string Audit = "audit";
    public const string Return = "audit-return";
    public const string Escalation = "safety-escalation";
}
