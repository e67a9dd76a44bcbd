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

/// <summary>
/// A recommendation the workshop agreed, as the chair listed it: what will change, the agency that owns it (or the
/// partnership itself), when it is due and how the partnership will know it worked.
/// </summary>
public sealed record WorkshopRecommendation(
    string Id,
    string Text,
    string OwnerId,
    string OwnerName,
    DateOnly TargetDate,
    string Measure,
    string AddedByUserId,
    DateTimeOffset AddedAt)
{
    /// <summary>The owner id of a recommendation the partnership (its QA sub-group) owns rather than one agency.</summary>
    public const string PartnershipOwnerId = "partnership";

    public const string PartnershipOwnerName = "The partnership's QA sub-group";
}

/// <summary>What a workshop concluded, for the briefing.</summary>
public sealed record WorkshopOutcome(
    Guid AuditId,
    IReadOnlyList<RankedIdea> Ideas,
    IReadOnlyList<MultiAgencyJudgement> Judgements)
{
    /// <summary>The partnership's recommendations, in the order the chair listed them.</summary>
    public IReadOnlyList<WorkshopRecommendation> Recommendations { get; init; } = [];
}
