using System.Text.RegularExpressions;
using WorkshopBot.Briefings.Domain;

namespace WorkshopBot.Actions.Domain;

/// <summary>A recommendation of the approved briefing, as the chair may turn it into actions.</summary>
/// <param name="Owner">The owner the briefing names ("the partnership", or agencies), if any.</param>
/// <param name="IsPartnership">A partnership recommendation rather than a single-agency one.</param>
public sealed record Recommendation(int Number, string Text, string? Owner, bool IsPartnership, string? ThemeKey);

/// <summary>
/// Reads the recommendations out of an approved briefing's "What the partnership will do next" box: each point is
/// "text. Owner: X. Target: month." as the composer writes it (a chair's edit may drop the owner and target).
/// </summary>
public static partial class BriefingRecommendations
{
    public static IReadOnlyList<Recommendation> Of(Briefing briefing)
    {
        ArgumentNullException.ThrowIfNull(briefing);
        return briefing.Box(BriefingBoxKind.NextSteps).Points
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
