using WorkshopBot.Common;
using WorkshopBot.Workshop.Domain;

namespace WorkshopBot.Briefings.Domain;

/// <summary>One point on its way into a box: its text, who made it, and how strongly (dots, agencies) it was supported.</summary>
internal sealed class PointCandidate(string text, FindingGist gist, int order)
{
    public string Text { get; } = text;

    /// <summary>What the first wording said, which later wordings are compared with (<see cref="FindingSimilarity"/>).</summary>
    public FindingGist Gist { get; } = gist;

    public int Order { get; } = order;

    public List<string> Agencies { get; } = [];

    public int Dots { get; set; }

    public int Support { get; set; }

    public bool Voted { get; set; }

    public string? Theme { get; set; }
}

/// <summary>
/// The source read once for composing: inputs put in a fixed order, near-duplicate points merged, points ranked,
/// improvement themes weighed and the grades counted.
/// </summary>
/// <remarks>
/// <see cref="ImprovementThemes"/> are the themes of the areas for development with how often each was raised (each
/// return's point and each workshop idea counts once), most often first; <see cref="Topic"/> is what the audit is about.
/// </remarks>
internal sealed record BriefingAnalysis(
    IReadOnlyList<PointCandidate> WorkedWell,
    IReadOnlyList<PointCandidate> CouldImprove,
    IReadOnlyList<PointCandidate> Recommendations,
    IReadOnlyList<(string Theme, int Count)> ImprovementThemes,
    IReadOnlyList<GradeCount> Grades,
    string GradeLead,
    IReadOnlyList<string> GradePoints,
    AuditTopic Topic)
{
    public IReadOnlyList<string> TopImprovementThemes => ImprovementThemes.Select(t => t.Theme).ToList();

    public static BriefingAnalysis Of(BriefingSource source)
    {
        var returns = source.Returns
            .OrderBy(r => r.CaseReference, StringComparer.Ordinal)
            .ThenBy(r => r.AgencyId, StringComparer.Ordinal)
            .ToList();
        var ideas = source.Ideas
            .OrderByDescending(i => i.Dots)
            .ThenBy(i => i.Rank)
            .ThenBy(i => i.Text, StringComparer.Ordinal)
            .ThenBy(i => i.AgencyName, StringComparer.Ordinal)
            .ToList();
        var scrubber = new CaseScrubber(source.CaseReferences);

        var workedWell = new List<PointCandidate>();
        var couldImprove = new List<PointCandidate>();
        var recommendations = new List<PointCandidate>();
        foreach (var idea in ideas)
        {
            var target = idea.Board switch
            {
                IdeaBoardKind.WorkedWell => workedWell,
                IdeaBoardKind.CouldImprove => couldImprove,
                _ => null,
            };
            if (target is not null)
            {
                AddOrMerge(target, scrubber.Scrub(idea.Text), idea.AgencyName, idea.Dots, voted: true, idea.ThemeKey);
            }
        }

        foreach (var learning in returns)
        {
            foreach (var point in BriefingText.SplitPoints(learning.GoodPractice))
            {
                AddOrMerge(workedWell, scrubber.Scrub(point), learning.AgencyName, 0, voted: false, null);
            }

            foreach (var point in BriefingText.SplitPoints(learning.AreasForDevelopment))
            {
                AddOrMerge(couldImprove, scrubber.Scrub(point), learning.AgencyName, 0, voted: false, null);
            }

            foreach (var point in BriefingText.SplitPoints(learning.Recommendations))
            {
                AddOrMerge(recommendations, scrubber.Scrub(point), learning.AgencyName, 0, voted: false, null);
            }
        }

        foreach (var candidate in couldImprove)
        {
            candidate.Theme ??= ThemeInference.Infer(candidate.Text);
        }

        // Most often raised first; the workshop's dots break a tie, then the order the findings came in.
        var themes = couldImprove
            .Where(c => c.Theme is not null)
            .GroupBy(c => c.Theme!, StringComparer.Ordinal)
            .Select(g => (Theme: g.Key, Count: g.Sum(c => c.Support), Dots: g.Sum(c => c.Dots), First: g.Min(c => c.Order)))
            .OrderByDescending(t => t.Count)
            .ThenByDescending(t => t.Dots)
            .ThenBy(t => t.First)
            .Select(t => (t.Theme, t.Count))
            .ToList();

        var (grades, lead, gradePoints) = GradeSummary.Of(source, returns, themes);
        return new BriefingAnalysis(Ranked(workedWell), Ranked(couldImprove), Ranked(recommendations), themes, grades, lead,
            gradePoints, AuditTopics.Of(source.TemplateKey, source.ThemeName, source.Title));
    }

    // Voted workshop items first (by dots), then returns' points by how many agencies made them.
    private static List<PointCandidate> Ranked(List<PointCandidate> candidates) => candidates
        .OrderByDescending(c => c.Voted)
        .ThenByDescending(c => c.Dots)
        .ThenByDescending(c => c.Support)
        .ThenBy(c => c.Order)
        .ToList();

    private static void AddOrMerge(List<PointCandidate> list, string text, string? agency, int dots, bool voted, string? theme)
    {
        if (text.Length == 0 || BriefingText.SaysNothing(text))
        {
            return;
        }

        text = Acronyms.Fix(text);
        var gist = FindingGist.Of(text, theme);
        var match = list.FirstOrDefault(c => FindingSimilarity.Compare(c.Gist, gist).SameFinding);
        if (match is null)
        {
            match = new PointCandidate(BriefingText.LimitWords(text, BriefingComposer.MaxWordsPerPoint), gist, list.Count);
            list.Add(match);
        }

        match.Dots += dots;
        match.Support++;
        match.Voted |= voted;
        match.Theme ??= Themes.IsKnown(theme) ? theme : null;
        if (!string.IsNullOrWhiteSpace(agency) && !match.Agencies.Contains(agency, StringComparer.OrdinalIgnoreCase))
        {
            match.Agencies.Add(agency.Trim());
        }
    }
}
