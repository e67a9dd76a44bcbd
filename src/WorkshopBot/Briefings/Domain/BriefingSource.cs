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
/// ranked ideas, multi-agency judgements and recommendations. Composing from the same source always gives the same briefing.
/// Nothing of the audit tool's template (its description, guidance or help text) is carried: a briefing speaks for the
/// partnership, so its aims come from the audit itself.
/// </summary>
public sealed record BriefingSource(
    Guid AuditId,
    string Title,
    string ThemeName,
    string TemplateKey,
    IReadOnlyList<string> CaseReferences,
    IReadOnlyList<string> AgencyNames,
    string LookBack,
    DateTimeOffset AuditedAt,
    GradeScale GradeScale,
    IReadOnlyList<ReturnLearning> Returns,
    IReadOnlyList<RankedIdea> Ideas,
    IReadOnlyList<MultiAgencyJudgement> Judgements)
{
    /// <summary>One age band per case (empty when not known).</summary>
    public IReadOnlyList<AgeBand> CaseAges { get; init; } = [];

    /// <summary>The questions the chair wrote or reworded for this audit: the audit's own aims.</summary>
    public IReadOnlyList<string> ChairQuestions { get; init; } = [];

    /// <summary>The titles of the audit tool's sections (the immediate-safety section left out): what the audit looked at.</summary>
    public IReadOnlyList<string> AreasLookedAt { get; init; } = [];

    /// <summary>The recommendations the workshop agreed, with owner, target date and measure.</summary>
    public IReadOnlyList<WorkshopRecommendation> Recommendations { get; init; } = [];

    /// <summary>Builds the source from the audit, its returns (only submitted ones count) and the workshop outcome.</summary>
    public static BriefingSource From(Audit audit, IEnumerable<AuditReturn> returns, WorkshopOutcome? outcome)
    {
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(returns);
        var templateQuestions = QuestionTemplates.Find(audit.TemplateKey)?.AllQuestions.ToDictionary(q => q.Id, q => q.Text)
            ?? [];
        var asked = audit.Questions.AllQuestions.Where(q => !q.IsSafetyQuestion).ToList();
        return new BriefingSource(
            audit.Id,
            audit.Title,
            ThemeOf(audit),
            audit.TemplateKey,
            audit.Cases.Select(c => c.Reference.Value).ToList(),
            audit.Agencies.Select(a => a.Name).ToList(),
            audit.LookBackWindow.Describe(),
            audit.WorkshopAt ?? audit.IssuedAt ?? audit.CreatedAt,
            audit.GradeScale,
            returns
                .Where(r => r.AuditId == audit.Id && r.Status == ReturnStatus.Submitted)
                .Select(r => new ReturnLearning(r.CaseReference.Value, r.AgencyId, r.AgencyName, r.GoodPractice,
                    r.AreasForDevelopment, r.Recommendations, r.GradeKey))
                .ToList(),
            outcome?.Ideas ?? [],
            outcome?.Judgements ?? [])
        {
            CaseAges = audit.Cases.Select(c => c.AgeBand).ToList(),
            ChairQuestions = asked
                .Where(q => !templateQuestions.TryGetValue(q.Id, out var original) || original != q.Text)
                .Select(q => q.Text)
                .ToList(),
            AreasLookedAt = audit.Questions.Sections
                .Where(s => s.Questions.Any(q => !q.IsSafetyQuestion))
                .Select(s => s.Title)
                .ToList(),
            Recommendations = outcome?.Recommendations ?? [],
        };
    }

    // An audit on the blank tool starts with the theme "Blank"; a chair who never renamed it meant the title.
    private static string ThemeOf(Audit audit) =>
        string.IsNullOrWhiteSpace(audit.ThemeName)
        || string.Equals(audit.ThemeName, QuestionTemplates.Blank.Name, StringComparison.OrdinalIgnoreCase)
            ? audit.Title
            : audit.ThemeName;
}
