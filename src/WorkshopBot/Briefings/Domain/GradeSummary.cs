using WorkshopBot.Audits.Domain;

namespace WorkshopBot.Briefings.Domain;

/// <summary>The grades box: how many cases and returns received each grade, and the findings most often raised.</summary>
internal static class GradeSummary
{
    public static (IReadOnlyList<GradeCount> Grades, string Lead, IReadOnlyList<string> Points) Of(
        BriefingSource source, IReadOnlyList<ReturnLearning> returns, IReadOnlyList<(string Theme, int Count)> themes)
    {
        var scale = source.GradeScale;
        // One ratified grade per case: the latest ratification wins if a case was re-graded.
        var judgements = source.Judgements
            .GroupBy(j => j.CaseReference, StringComparer.OrdinalIgnoreCase)
            .Select(g => g.OrderByDescending(j => j.RatifiedAt).ThenBy(j => j.GradeKey, StringComparer.Ordinal).First())
            .ToList();
        var counts = scale.Levels
            .OrderBy(l => l.Rank)
            .Select(level => new GradeCount(
                level.Key,
                level.Label,
                judgements.Count(j => Matches(level, j.GradeKey) || Matches(level, j.GradeLabel)),
                returns.Count(r => Matches(level, r.GradeKey))))
            .ToList();

        var caseCount = Math.Max(source.CaseReferences.Count, judgements.Count);
        var gradedReturns = counts.Sum(c => c.Returns);
        string lead;
        var points = new List<string>();
        if (judgements.Count > 0)
        {
            var ungraded = caseCount - counts.Sum(c => c.Cases);
            lead = $"Of {caseCount} {(caseCount == 1 ? "case" : "cases")}: {Distribution(counts, c => c.Cases)}"
                + (ungraded > 0 ? $", {ungraded} not graded" : string.Empty) + ".";
            if (gradedReturns > 0)
            {
                points.Add($"Single-agency grades ({gradedReturns} {(gradedReturns == 1 ? "return" : "returns")}): "
                    + $"{Distribution(counts, c => c.Returns)}.");
            }
        }
        else if (gradedReturns > 0)
        {
            lead = $"Of {gradedReturns} single-agency {(gradedReturns == 1 ? "return" : "returns")}: "
                + $"{Distribution(counts, c => c.Returns)}. The multi-agency grades have not been ratified yet.";
        }
        else
        {
            lead = "No grades have been recorded yet.";
        }

        if (themes.Count > 0)
        {
            // In order of frequency; a count is how many returns' points and workshop ideas raised the theme.
            var described = themes.Take(3)
                .Select(t => $"{BriefingText.LowerFirst(ThemeInference.DisplayName(t.Theme))} ({t.Count})")
                .ToList();
            points.Add($"Areas for development raised most often (times raised): {BriefingText.JoinWithAnd(described)}.");
        }

        return (counts, lead, points);
    }

    private static bool Matches(GradeLevel level, string? keyOrLabel) =>
        keyOrLabel is not null
        && (string.Equals(level.Key, keyOrLabel, StringComparison.OrdinalIgnoreCase)
            || string.Equals(level.Label, keyOrLabel, StringComparison.OrdinalIgnoreCase));

    /// <summary>"0 outstanding, 5 good, ..." (the chart's figures, <see cref="GradeChart.Figures"/>).</summary>
    internal static string Distribution(IReadOnlyList<GradeCount> counts, Func<GradeCount, int> count) =>
        string.Join(", ", counts.Select(c => c.Label.All(char.IsAsciiDigit)
            ? $"{count(c)} graded {c.Label}" // "3 graded 2", not "3 2", on a numeric scale
            : $"{count(c)} {c.Label.ToLowerInvariant()}"));
}
