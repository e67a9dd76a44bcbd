using System.Text.Json;
using WorkshopBot.Storage;

namespace WorkshopBot.Audits.Teams;

/// <summary>Writes the audit feature's entries to the append-only audit log: who, when, what.</summary>
public sealed class AuditTrail(IAuditLog log, TimeProvider time)
{
    public const string AuditSubject = "audit";
    public const string ReturnSubject = "audit-return";
    public const string EscalationSubject = "safety-escalation";

    public Task RecordAsync(PersonRef who, string action, string subjectType, Guid subjectId, object? detail, CancellationToken ct) =>
        log.AppendAsync(new NewAuditEvent(
            time.GetUtcNow(),
            who.UserId,
            who.DisplayName,
            action,
            subjectType,
            subjectId.ToString("D"),
            detail is null ? null : JsonSerializer.Serialize(detail, DocumentStoreExtensions.DefaultJsonOptions)), ct);
}
