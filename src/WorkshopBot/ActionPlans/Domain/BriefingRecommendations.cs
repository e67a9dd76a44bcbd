using System.Text.RegularExpressions;
using WorkshopBot.Briefings.Domain;

namespace WorkshopBot.ActionPlans.Domain;

/// <summary>A recommendation of the approved briefing, as the chair may turn it into actions.</summary>
/// <param name="Owner">The owner the briefing names ("the partnership", or agencies), if any.</param>
/// <param name="IsPartnership">Agreed by the partnership at its workshop rather than made by one agency in its returns.</param>
public sealed record Recommendation(int Number, string Text, string? Owner, bool IsPartnership, string? ThemeKey)
{
    /// <summary>The target the briefing gives, if it kept one as data: the new action's due date to start from.</summary>
    public DateOnly? TargetDate { get; init; }

    /// <summary>The measure of success the workshop agreed, if any.</summary>
    public string? Measure { get; init; }
}

/// <summary>
/// The recommendations of an approved briefing: the partnership's, agreed at the workshop (owner, target, measure), then
/// agencies' own from their returns with a target, then agencies' own without one (no target: the chair gives the due
/// date), as the briefing keeps them as data. A briefing stored before it kept them has only
/// its "What the partnership will do next" box: each point is then read as "text. Owner: X. Target: month." as the
/// composer wrote it (a chair's edit may drop the owner and target). The box's closing line counting agencies' undated
/// recommendations is not one of them.
/// </summary>
public static partial class BriefingRecommendations
{
    public static IReadOnlyList<Recommendation> Of(Briefing briefing)
    {
        ArgumentNullException.ThrowIfNull(briefing);
        if (briefing.Recommendations.Count > 0 || briefing.UndatedRecommendations.Count > 0)
        {
            var dated = briefing.Recommendations.Count;
            return briefing.Recommendations
                .Select((r, i) => new Recommendation(i + 1, r.Text, r.Owner, r.Source == RecommendationSource.Partnership,
                    ThemeInference.Infer(r.Text)) { TargetDate = r.TargetDate, Measure = r.Measure })
                .Concat(briefing.UndatedRecommendations.Select((r, i) =>
                    new Recommendation(dated + i + 1, r.Text, r.Owner, false, ThemeInference.Infer(r.Text))))
                .ToList();
        }

        return briefing.Box(BriefingBoxKind.NextSteps).Points
            .Where(point => !BriefingNextSteps.IsUndatedSummary(point))
            .Select((point, i) => Parse(i + 1, point))
            .ToList();
    }

    private static Recommendation Parse(int number, string point)
    {
        var match = OwnerAndTarget().Match(point);
        var text = match.Success ? point[..match.Index].Trim() : point.Trim();
        var owner = match.Success ? match.Groups["owner"].Value.Trim() : null;
        var partnership = owner is null || owner.Contains("partnership", StringComparison.OrdinalIgnoreCase);
        return new Recommendation(number, text, owner, partnership, ThemeInference.Infer(text));
    }

    [GeneratedRegex(@"\s*Owner:\s*(?<owner>[^.]+)\.\s*(Target:[^.]*\.?)?\s*$", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex OwnerAndTarget();
}
