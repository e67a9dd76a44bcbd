using WorkshopBot.Audits.Domain;
namespace WorkshopBot.Workshop.Domain;

/// <summary>Which prompt an idea answered.</summary>
public enum IdeaBoardKind
{
    WorkedWell,
    CouldImprove,
    Custom,
}

/// <summary>An idea from a workshop board with the dots it received (hidden items are left out).</summary>
public sealed record RankedIdea(
    string Text,
    IdeaBoardKind Board,
    int Dots,
    int Rank,
    string? AgencyName,
    string? ThemeKey,
    string? CaseReference);

/// <summary>A case's multi-agency grade as ratified in the workshop.</summary>
public sealed record MultiAgencyJudgement(
    Guid AuditId,
    string CaseReference,
    string GradeKey,
    string GradeLabel,
    string Rationale,
    string RatifiedByUserId,
    string RatifiedByName,
    DateTimeOffset RatifiedAt);

/// <summary>What a workshop concluded, for the briefing.</summary>
public sealed record WorkshopOutcome(
    Guid AuditId,
    IReadOnlyList<RankedIdea> Ideas,
    IReadOnlyList<MultiAgencyJudgement> Judgements);

/// <summary>Read side of the workshop for other features (the briefing composes from it).</summary>
public interface IWorkshopResults
{
    /// <summary>The stored outcome of the audit's workshops, or null when none was held.</summary>
    Task<WorkshopOutcome?> GetForAuditAsync(Guid auditId, CancellationToken cancellationToken);
}
