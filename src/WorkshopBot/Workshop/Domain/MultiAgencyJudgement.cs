using WorkshopBot.Audits.Domain;
namespace WorkshopBot.Workshop.Domain;

/// <summary>A case's multi-agency grade as ratified in the workshop.</summary>
public sealed record MultiAgencyJudgement(
    Guid AuditId,
    string CaseReference,
    string GradeKey,
    string GradeLabel,
    string Rationale,
    string RatifiedByUserId,
    string RatifiedByName,
    DateTimeOffset RatifiedAt)
{
    /// <summary>The grade poll it was ratified on; null in a judgement stored before the poll was kept with it.</summary>
    public string? PollId { get; init; }
}
