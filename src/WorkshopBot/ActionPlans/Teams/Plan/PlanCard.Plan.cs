using WorkshopBot.ActionPlans.Domain;
using WorkshopBot.ActionPlans.Storage;
using WorkshopBot.Cards;
using WorkshopBot.Common.Teams;
using static WorkshopBot.Common.Teams.CardKit;

namespace WorkshopBot.ActionPlans.Teams;

/// <summary>One audit's plan card: the briefing's recommendations, each with its button, and the plan's actions.</summary>
public static partial class PlanCard
{
    /// <summary>
    /// Recommendations and actions listed on one audit's plan card at most, each with its button; fewer when their texts
    /// (and agencies' names) are long, so that the card stays within Teams' size limit (about 28 KB), and the card says
    /// how many it leaves out. The XLSX has every action.
    /// </summary>
    public const int MaxRecommendations = 15;

    public const int MaxPlanActions = 20;

    /// <summary>
    /// The owner a recommendation names, as shown: the briefing may name several agencies ("A, B and C"), each up to
    /// <see cref="PlannedAction.MaxAgencyLength"/> characters.
    /// </summary>
    public const int MaxOwnerShown = PlannedAction.MaxAgencyLength;

    /// <summary>What the plan of a withdrawn briefing says instead of the version it is from (nothing of what it said).</summary>
    public const string WithdrawnText = "The approved 7-minute briefing was withdrawn, so its recommendations are not offered: a "
        + "corrected version must be approved first. The actions below stay as they are.";

    public static AdaptiveCard Plan(ApprovedBriefing approved, IReadOnlyList<Recommendation> recommendations,
        IReadOnlyList<PlannedAction> actions, DateOnly today, string? message = null, Tone tone = Tone.Info, int withheld = 0)
    {
        ArgumentNullException.ThrowIfNull(approved);
        ArgumentNullException.ThrowIfNull(recommendations);
        ArgumentNullException.ThrowIfNull(actions);
        // An audit of many agencies can bring dozens of recommendations: those still without an action come first (so the
        // chair reaches every one as the plan fills), in the briefing's order.
        var ordered = recommendations.Select(r => (Recommendation: r, Count: actions.Count(a => a.Recommendation == r.Text)))
            .OrderBy(r => r.Count > 0).ThenBy(r => r.Recommendation.Number).ToList();
        var plan = new PlanContent(approved, ordered, recommendations.Count <= 8 ? 300 : 140, actions, today, message, tone, withheld);
        var most = Math.Max(Math.Min(ordered.Count, MaxRecommendations), Math.Min(actions.Count, MaxPlanActions));
        return Fitting(most, shown => Plan(plan, shown));
    }

    /// <summary>What one plan card is made from (the recommendations in the order they are listed).</summary>
    private sealed record PlanContent(ApprovedBriefing Approved, IReadOnlyList<(Recommendation Recommendation, int Count)> Ordered,
        int TextLength, IReadOnlyList<PlannedAction> Actions, DateOnly Today, string? Message, Tone Tone, int Withheld);

    /// <summary>The plan card listing at most <paramref name="shown"/> recommendations and <paramref name="shown"/> actions.</summary>
    private static AdaptiveCard Plan(PlanContent plan, int shown)
    {
        var (approved, actions, today) = (plan.Approved, plan.Actions, plan.Today);
        var auditId = approved.Audit.Id;
        var recommendationsShown = Math.Min(shown, Math.Min(plan.Ordered.Count, MaxRecommendations));
        var actionsShown = Math.Min(shown, Math.Min(actions.Count, MaxPlanActions));
        var body = new List<CardElement>
        {
            Heading($"Action plan: {ActionCardKit.Shown(approved.Audit.Title, 120)}"),
            Subtle(approved.Withdrawn
                ? WithdrawnText
                : $"From version {approved.Version} of the approved 7-minute briefing. Each recommendation becomes one or more "
                    + "actions, each with an owner agency, a named lead, a due date and a measure of success."),
        };
        body.AddRange(Message(plan.Message, plan.Tone));
        body.Add(Subheading("Recommendations"));
        if (approved.Withdrawn)
        {
            body.Add(Subtle("None: a corrected version of the briefing must be approved first."));
        }

        body.AddRange(plan.Ordered.Take(recommendationsShown).Select(r => RecommendationItem(auditId, r.Recommendation, r.Count,
            plan.TextLength)));
        if (plan.Ordered.Count > recommendationsShown)
        {
            var more = plan.Ordered.Count - recommendationsShown;
            body.Add(Subtle($"{Plural(more, "more recommendation")} {(more == 1 ? "is" : "are")} not listed: those still "
                + "without an action come first, so the rest appear here as you create actions."
                + (recommendationsShown < Math.Min(plan.Ordered.Count, MaxRecommendations) ? LongTexts : "")));
        }

        if (plan.Withheld > 0)
        {
            // Never quoted: what was left off is what must not be shown in a channel.
            body.Add(Subtle($"{Plural(plan.Withheld, "recommendation")} of the approved briefing "
                + $"{(plan.Withheld == 1 ? "is not listed: it contains" : "are not listed: each contains")} a possible identifier or a "
                + "case reference, which this card (shown in the channel) never carries. Add what is needed with **Add another "
                + "action**, in words that identify no one."));
        }

        body.Add(Subheading($"Actions ({actions.Count})"));
        body.AddRange(Listed(actions, today, actionsShown).Select(a => Row(a, today)));
        if (actions.Count > actionsShown)
        {
            var more = actions.Count - actionsShown;
            body.Add(Subtle($"{Plural(more, "more action")} {(more == 1 ? "is" : "are")} in the Excel download. Overdue actions, then "
                + "the others still open or waiting for sign-off, are listed here before finished ones."
                + (actionsShown < Math.Min(actions.Count, MaxPlanActions) ? LongTexts : "")));
        }

        return new AdaptiveCard
        {
            FallbackText = $"Action plan: {approved.Audit.Title}",
            MsTeams = TeamsCardProperties.FullWidth,
            Body = body,
            Actions =
            [
                Go(CreateScreen.Form, new CreateFormData(auditId, 0), "Add another action"),
                Go(ExportScreen.Export, new PlanRefData(auditId), "Download the plan (Excel)"),
                Go(PlanScreen.OpenPlan, new PlanRefData(auditId), "Refresh"),
            ],
        };
    }

    private const string LongTexts = " Their texts are long, so fewer fit on one card.";

    private static Container RecommendationItem(Guid auditId, Recommendation recommendation, int count, int textLength) => new()
    {
        Separator = true,
        Items =
        [
            new TextBlock($"{recommendation.Number}. {ActionCardKit.Shown(recommendation.Text, textLength)}") { Wrap = true },
            Small($"{(recommendation.IsPartnership ? "Partnership (agreed at the workshop)" : "Single-agency")}"
                + (recommendation.Owner is { } owner
                    ? $" · owner named in the briefing: {ActionCardKit.Shown(owner, MaxOwnerShown)}"
                    : "")
                + $"{(recommendation.TargetDate is { } target ? $" · target {ActionCardKit.Day(target)}" : "")}"
                + $" · {Plural(count, "action")}"),
            Buttons(Go(CreateScreen.Form, new CreateFormData(auditId, recommendation.Number),
                $"Create an action for recommendation {recommendation.Number}")),
        ],
    };

    /// <summary>
    /// The plan's actions the card lists, in the plan's order: all of them while <paramref name="shown"/> allows, else the
    /// overdue first, then the others still open or waiting for the chair's sign-off, then finished ones, so one the chair
    /// must act on is never only in the download.
    /// </summary>
    private static IEnumerable<PlannedAction> Listed(IReadOnlyList<PlannedAction> actions, DateOnly today, int shown) =>
        actions.Count <= shown
            ? actions
            : actions.OrderByDescending(a => a.IsOverdue(today)).ThenByDescending(a => a.IsActive)
                .ThenBy(a => a.Number).Take(shown).OrderBy(a => a.Number);
}
