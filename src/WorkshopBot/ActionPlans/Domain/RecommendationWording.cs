using WorkshopBot.Briefings.Domain;

namespace WorkshopBot.ActionPlans.Domain;

/// <summary>
/// What an action's recommendation shows as wherever it is shown, as the plan card has it: its wording only while a version
/// of the briefing that stands (approved or published, not withdrawn) makes that recommendation. One that came from a
/// withdrawn briefing, and that no corrected version repeats, shows only its number and that its briefing was withdrawn: a
/// briefing is withdrawn for what it said. The withdrawal clears such wording from the action itself
/// (<see cref="ToClear"/>); an action stored before it was cleared is shown the same way.
/// </summary>
public static class RecommendationWording
{
    public const string FromWithdrawn = "(from a withdrawn briefing)";

    /// <summary>
    /// <paramref name="action"/>'s recommendation as it may be shown; <paramref name="recommendationsOf"/> gives a version's
    /// recommendations as the plan card numbers them.
    /// </summary>
    public static string? Of(PlannedAction action, BriefingRecord? briefing,
        Func<Briefing, IReadOnlyList<Recommendation>> recommendationsOf)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(recommendationsOf);
        if (action.Recommendation is null)
        {
            return action.RecommendationWithdrawn ? Withdrawn(action.RecommendationFrom?.Number) : null;
        }

        if (briefing is null || !ToClear(action, briefing, recommendationsOf))
        {
            return action.Recommendation;
        }

        return Withdrawn((action.RecommendationFrom ?? FoundIn(action.Recommendation, briefing, recommendationsOf))?.Number);
    }

    /// <summary>
    /// True when the action keeps wording that no version of the briefing that stands makes, while some version was withdrawn:
    /// the wording came from a withdrawn version (every recommendation is taken from an approved version) and is no longer
    /// to be kept or shown.
    /// </summary>
    public static bool ToClear(PlannedAction action, BriefingRecord briefing,
        Func<Briefing, IReadOnlyList<Recommendation>> recommendationsOf)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(briefing);
        ArgumentNullException.ThrowIfNull(recommendationsOf);
        if (action.Recommendation is not { } text || briefing.Withdrawals.Count == 0)
        {
            return false;
        }

        var published = briefing.Publications.Select(p => p.Version).ToHashSet();
        var standing = briefing.Versions.Where(v => briefing.WithdrawalOf(v.Number) is null
            && (v.Number == briefing.ApprovedVersion || published.Contains(v.Number)));
        return !standing.Any(v => recommendationsOf(v.Content).Any(r => r.Text == text));
    }

    /// <summary>
    /// Where wording stored before its source was kept came from: the newest withdrawn version that makes it, and its number
    /// there; null when none does.
    /// </summary>
    public static RecommendationOrigin? FoundIn(string? recommendation, BriefingRecord briefing,
        Func<Briefing, IReadOnlyList<Recommendation>> recommendationsOf)
    {
        ArgumentNullException.ThrowIfNull(briefing);
        ArgumentNullException.ThrowIfNull(recommendationsOf);
        return recommendation is null ? null : briefing.Versions.Where(v => briefing.WithdrawalOf(v.Number) is not null).Reverse()
            .Select(v => recommendationsOf(v.Content).FirstOrDefault(r => r.Text == recommendation) is { } r
                ? new RecommendationOrigin(v.Number, r.Number)
                : null)
            .FirstOrDefault(s => s is not null);
    }

    private static string Withdrawn(int? number) =>
        number is { } n ? $"Recommendation {n} {FromWithdrawn}" : $"A recommendation {FromWithdrawn}";
}
