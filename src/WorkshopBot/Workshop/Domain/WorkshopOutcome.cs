using WorkshopBot.Audits.Domain;
namespace WorkshopBot.Workshop.Domain;

/// <summary>An idea from a workshop board with the dots it received (hidden items are left out).</summary>
public sealed record RankedIdea(
    string Text,
    IdeaBoardKind Board,
    int Dots,
    int Rank,
    string? AgencyName,
    string? ThemeKey,
    string? CaseReference);

/// <summary>What a workshop concluded, for the briefing.</summary>
public sealed record WorkshopOutcome(
    Guid AuditId,
    IReadOnlyList<RankedIdea> Ideas,
    IReadOnlyList<MultiAgencyJudgement> Judgements);
