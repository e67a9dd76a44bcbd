using WorkshopBot.Briefings.Domain;

namespace WorkshopBot.ActionPlans.Domain;

/// <summary>
/// What an action's recommendation shows as wherever it is shown, as the plan card has it: its wording only while a version
/// of the briefing that stands (approved or published, not withdrawn) makes that recommendation. One that came from a
/// withdrawn briefing, and that no corrected version repeats, shows only its number and that its briefing was withdrawn:
/// a briefing is withdrawn for what it said.
/// </summary>
public static class RecommendationWording
{
    public const string FromWithdrawn = "(from a withdrawn briefing)";

    /// <summary>
    /// <paramref name="recommendation"/> as it may be shown; <paramref name="recommendationsOf"/> gives a version's
    /// recommendations as the plan card numbers them.
    /// </summary>
    public static string? Of(string? recommendation, BriefingRecord? briefing,
        Func<Briefing, IReadOnlyList<Recommendation>> recommendationsOf)
    {
        ArgumentNullException.ThrowIfNull(recommendationsOf);
        if (recommendation is null || briefing is null || briefing.Withdrawals.Count == 0)
        {
            return recommendation;
        }

        var published = briefing.Publications.Select(p => p.Version).ToHashSet();
        var standing = briefing.Versions.Where(v => briefing.WithdrawalOf(v.Number) is null
            && (v.Number == briefing.ApprovedVersion || published.Contains(v.Number)));
        if (standing.Any(v => recommendationsOf(v.Content).Any(r => r.Text == recommendation)))
        {
            return recommendation;
        }

        var number = briefing.Versions.Where(v => briefing.WithdrawalOf(v.Number) is not null).Reverse()
            .Select(v => recommendationsOf(v.Content).FirstOrDefault(r => r.Text == recommendation)?.Number)
            .FirstOrDefault(n => n is not null);
        return number is { } n ? $"Recommendation {n} {FromWithdrawn}" : $"A recommendation {FromWithdrawn}";
    }
}
