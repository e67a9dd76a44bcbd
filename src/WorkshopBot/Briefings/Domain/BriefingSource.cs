using WorkshopBot.Audits.Domain;
using WorkshopBot.Workshop.Domain;

namespace WorkshopBot.Briefings.Domain;

/// <summary>What one submitted return contributes to the briefing: its learning and single-agency grade.</summary>
public sealed record ReturnLearning(
    string CaseReference,
    string AgencyId,
    string AgencyName,
    string? GoodPractice,
    string? AreasForDevelopment,
    string? Recommendations,
    string? GradeKey);

/// <summary>
/// Everything the composer reads, already loaded: the audit's facts, its submitted returns and the workshop's
/// ranked ideas and multi-agency judgements. Composing from the same source always gives the same briefing.
/// </summary>
public sealed record BriefingSource(
    Guid AuditId,
    string Title,
    string ThemeName,
    string TemplateKey,
    string TemplateDescription,
    IReadOnlyList<string> CaseReferences,
    IReadOnlyList<string> AgencyNames,
    string LookBack,
    DateTimeOffset AuditedAt,
    GradeScale GradeScale,
    IReadOnlyList<ReturnLearning> Returns,
    IReadOnlyList<RankedIdea> Ideas,
    IReadOnlyList<MultiAgencyJudgement> Judgements)
{
    /// <summary>Builds the source from the audit, its returns (only submitted ones count) and the workshop outcome.</summary>
    public static BriefingSource From(Audit audit, IEnumerable<AuditReturn> returns, WorkshopOutcome? outcome)
    {
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(returns);
        var template = QuestionTemplates.Find(audit.TemplateKey);
        return new BriefingSource(
            audit.Id,
            audit.Title,
            audit.ThemeName,
            audit.TemplateKey,
            template?.Description ?? string.Empty,
            audit.Cases.Select(c => c.Reference.Value).ToList(),
            audit.Agencies.Select(a => a.Name).ToList(),
            audit.LookBack.Describe(),
            audit.WorkshopAt ?? audit.IssuedAt ?? audit.CreatedAt,
            audit.GradeScale,
            returns
                .Where(r => r.AuditId == audit.Id && r.Status == ReturnStatus.Submitted)
                .Select(r => new ReturnLearning(r.CaseReference.Value, r.AgencyId, r.AgencyName, r.GoodPractice,
                    r.AreasForDevelopment, r.Recommendations, r.GradeKey))
                .ToList(),
            outcome?.Ideas ?? [],
            outcome?.Judgements ?? []);
    }
}
