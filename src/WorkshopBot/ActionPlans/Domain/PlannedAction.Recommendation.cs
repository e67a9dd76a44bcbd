using WorkshopBot.Common;

namespace WorkshopBot.ActionPlans.Domain;

/// <summary>The wording an action copied from its briefing, cleared when that briefing is withdrawn.</summary>
public sealed partial class PlannedAction
{
    /// <summary>
    /// Clears the recommendation's wording copied into the action, because the briefing version it came from was withdrawn
    /// (a briefing is withdrawn for what it said). Everything else stays as it was: what will be done, the owner, the lead,
    /// the due date, the status and the history. Where it came from is kept (<paramref name="from"/>, for an action stored
    /// before that was kept and found by its wording), so it is still shown as "Recommendation N (from a withdrawn briefing)".
    /// The bot's own note, not a person's change: a card drawn before it is not refused as out of date. Refused as already
    /// done when there is no wording left to clear.
    /// </summary>
    public DomainResult ClearWithdrawnRecommendation(RecommendationOrigin? from) => Recommendation is null
        ? DomainResult.Fail(DomainErrorKind.AlreadyDone, "The recommendation's wording is not kept.")
        : Note(() =>
        {
            Recommendation = null;
            RecommendationFrom ??= from;
            RecommendationWithdrawn = true;
        });
}
