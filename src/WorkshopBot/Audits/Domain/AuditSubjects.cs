namespace WorkshopBot.Audits.Domain;

/// <summary>The subject types the audit feature writes to the audit log.</summary>
public static class AuditSubjects
{
    public const string Audit = "audit";
    public const string Return = "audit-return";
    public const string Escalation = "safety-escalation";

    /// <summary>The actor recorded for what the bot does by itself (reminders, re-sent alerts, delivery reports).</summary>
    public const string BotActor = "workshopbot";
}
