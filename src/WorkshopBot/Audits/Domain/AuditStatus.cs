using System.Text.Json.Serialization;

namespace WorkshopBot.Audits.Domain;

/// <summary>
/// The audit lifecycle, in order. "Returns due" is not stored: it is derived from the due date while Issued
/// (see <see cref="Audit.AreReturnsOverdue"/>).
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<AuditStatus>))]
public enum AuditStatus
{
    Draft,
    Issued,
    Moderation,
    Workshop,
    Briefing,
    Monitoring,
    Closed,
}
