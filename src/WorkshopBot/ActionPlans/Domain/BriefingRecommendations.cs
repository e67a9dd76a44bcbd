using System.Text.RegularExpressions;
using WorkshopBot.Briefings.Domain;
using WorkshopBot.Common.Privacy;

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

    /// <summary>
    /// The id of the owner the workshop chose (the partnership's, or one of the audit's agencies'), where the briefing kept it
    /// (see <see cref="BriefingRecommendation.OwnerId"/>); null otherwise.
    /// </summary>
    public string? OwnerId { get; init; }
}

/// <summary>
/// The recommendations of an approved briefing, as the plan card lists them and the create form fills them in. The plan
/// starts from exactly what was approved: the points of its "What the partnership will do next" box, in order. A point
/// still as the composer wrote it brings the recommendation it states, as the briefing keeps it as data (owner, target,
/// measure); the briefing keeps each point's wording as composed, so a later release's wording does not matter. A point
/// the chair rewrote is read as the chair wrote it ("text. Owner: X. Target: month."), and the recommendation the chair
/// rewrote or removed is not offered. The box's closing line counting agencies' undated recommendations is not one of
/// them. What the briefing keeps but its text never stated (agencies' undated recommendations, while the box still counts
/// them, and any dated one past the box's fifth point or trimmed to fit) is offered only when it carries no possible
/// identifier and no case reference, confirmed in a return or not: the plan card is shown in a channel. Every
/// recommendation is screened so, whatever its source. A briefing stored before it kept recommendations as data has only
/// its box.
/// </summary>
public static partial class BriefingRecommendations
{
    public static IReadOnlyList<Recommendation> Of(Briefing briefing, FreeTextCheck identifiers, IReadOnlyList<string>? caseReferences) =>
        Screen(briefing, identifiers, caseReferences).Offered;

    /// <summary>The recommendations offered, numbered in order, and how many were left off for what they carry.</summary>
    public static (IReadOnlyList<Recommendation> Offered, int Withheld) Screen(Briefing briefing, FreeTextCheck identifiers,
        IReadOnlyList<string>? caseReferences)
    {
        ArgumentNullException.ThrowIfNull(briefing);
        ArgumentNullException.ThrowIfNull(identifiers);
        var read = Read(briefing).ToList();
        var offered = read
            .Where(r => BriefingScreening.Of(string.Join("\n", r.Text, r.Owner, r.Measure), identifiers, caseReferences).IsClean)
            .Select((r, i) => r with { Number = i + 1 })
            .ToList();
        return (offered, read.Count - offered.Count);
    }

    private static IEnumerable<Recommendation> Read(Briefing briefing)
    {
        var box = briefing.Box(BriefingBoxKind.NextSteps);
        var dated = briefing.Recommendations.ToList();
        var stated = new bool[dated.Count];
        foreach (var point in box.Points.Where(p => !BriefingNextSteps.IsUndatedSummary(briefing, p)))
        {
            var kept = Enumerable.Range(0, dated.Count)
                .FirstOrDefault(
                    i => !stated[i] && string.Equals(BriefingNextSteps.StatedAs(dated[i]), point, StringComparison.Ordinal), -1);
            if (kept < 0)
            {
                yield return Parse(point);
                continue;
            }

            stated[kept] = true;
            yield return Of(dated[kept]);
        }

        // Left out of the box's text: by the composer (past its fifth point, or trimmed to fit) or, in a box the chair
        // edited, by the chair, whose box stands for every recommendation it showed.
        for (var i = 0; i < dated.Count; i++)
        {
            if (!stated[i] && !(box.EditedByChair && i < BriefingComposer.MaxNextSteps))
            {
                yield return Of(dated[i]);
            }
        }

        if (box.EditedByChair && !box.Points.Any(p => BriefingNextSteps.IsUndatedSummary(briefing, p)))
        {
            yield break;
        }

        foreach (var r in briefing.UndatedRecommendations)
        {
            yield return new Recommendation(0, r.Text, r.Owner, false, ThemeInference.Infer(r.Text));
        }
    }

    private static Recommendation Of(BriefingRecommendation r) =>
        new(0, r.Text, r.Owner, r.Source == RecommendationSource.Partnership, ThemeInference.Infer(r.Text))
        {
            TargetDate = r.TargetDate, Measure = r.Measure, OwnerId = r.OwnerId,
        };

    private static Recommendation Parse(string point)
    {
        var match = OwnerAndTarget().Match(point);
        var text = match.Success ? point[..match.Index].Trim() : point.Trim();
        var owner = match.Success ? match.Groups["owner"].Value.Trim() : null;
        var partnership = owner is null || owner.Contains("partnership", StringComparison.OrdinalIgnoreCase);
        return new Recommendation(0, text, owner, partnership, ThemeInference.Infer(text));
    }

    [GeneratedRegex(@"\s*Owner:\s*(?<owner>[^.]+)\.\s*(Target:[^.]*\.?)?\s*$", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex OwnerAndTarget();
}
