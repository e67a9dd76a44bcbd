using WorkshopBot.ActionPlans.Domain;
using WorkshopBot.ActionPlans.Storage;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Cards;
using WorkshopBot.Common.Teams;
using static WorkshopBot.Common.Teams.CardKit;

namespace WorkshopBot.ActionPlans.Teams;

/// <summary>The chair's list of plans, a lead's own actions, and one audit's plan.</summary>
public static class PlanCard
{
    /// <summary>Actions listed on one card; the XLSX has them all.</summary>
    public const int MaxListed = 30;

    /// <summary>
    /// Recommendations and actions listed on one audit's plan card, each with its button, so that the card stays within
    /// Teams' size limit (about 28 KB) however long their texts; the XLSX has every action.
    /// </summary>
    public const int MaxRecommendations = 15;

    public const int MaxPlanActions = 20;

    /// <summary>What the plan of a withdrawn briefing says instead of the version it is from (nothing of what it said).</summary>
    public const string WithdrawnText = "The approved 7-minute briefing was withdrawn, so its recommendations are not offered: a "
        + "corrected version must be approved first. The actions below stay as they are.";

    /// <summary>Audits and a lead's own actions listed on the <c>actions</c> overview.</summary>
    public const int MaxOverviewPlans = 15;

    public const int MaxOverviewActions = 10;

    /// <summary>The chair's plannable audits and the actions this person leads, or instead of those <paramref name="mineElsewhere"/>,
    /// a sentence saying where they are listed.</summary>
    public static AdaptiveCard Overview(IReadOnlyList<ApprovedBriefing> plannable, IReadOnlyList<PlannedAction> mine, DateOnly today,
        string? mineElsewhere = null)
    {
        var body = new List<CardElement> { Heading("Action plans") };
        if (plannable.Count > 0)
        {
            body.Add(Subtle("Audits you chair with an approved briefing: open one to turn its recommendations into actions."));
            // Open audits first, the newest first: those whose plans are still monitored.
            var listed = plannable.OrderBy(a => a.Audit.Status == AuditStatus.Closed).ThenByDescending(a => a.Audit.CreatedAt)
                .Take(MaxOverviewPlans);
            foreach (var approved in listed)
            {
                body.Add(new ColumnSet
                {
                    Separator = true,
                    Columns =
                    [
                        new Column
                        {
                            Width = ColumnWidth.Stretch,
                            Items = [new TextBlock(ActionCardKit.Shown(approved.Audit.Title, 120)) { Wrap = true }],
                        },
                        new Column
                        {
                            Width = ColumnWidth.Auto,
                            Items = [Buttons(Go(PlanScreen.OpenPlan, new PlanRefData(approved.Audit.Id), "Open the plan"))],
                        },
                    ],
                });
            }

            if (plannable.Count > MaxOverviewPlans)
            {
                var more = plannable.Count - MaxOverviewPlans;
                body.Add(Subtle($"{Plural(more, "more audit")} with an approved briefing {(more == 1 ? "is" : "are")} not listed: "
                    + "open audits come first, the newest first."));
            }
        }

        if (mine.Count > 0)
        {
            body.Add(Subheading($"Actions you lead ({mine.Count})"));
            body.AddRange(mine.Take(MaxOverviewActions).Select(a => Row(a, today, withAudit: true)));
            if (mine.Count > MaxOverviewActions)
            {
                body.Add(Subtle($"{mine.Count - MaxOverviewActions} more are not listed here: type **my actions** to see them."));
            }
        }

        if (mineElsewhere is not null)
        {
            body.Add(Subheading("Actions you lead"));
            body.Add(Subtle(mineElsewhere));
        }

        return new AdaptiveCard { FallbackText = "Action plans", Body = body };
    }

    /// <summary>
    /// A lead's own actions, overdue first, each with its audit (A1 of one audit is not A1 of another); as many as fit on
    /// one card, at most <see cref="MaxListed"/>, and how many more there are.
    /// </summary>
    public static AdaptiveCard Mine(IReadOnlyList<PlannedAction> mine, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(mine);
        var ordered = mine.OrderByDescending(a => a.IsOverdue(today)).ThenBy(a => a.DueOn).ToList();
        return CardKit.Fitting(Math.Min(ordered.Count, MaxListed), shown => Mine(ordered, today, shown));
    }

    private static AdaptiveCard Mine(IReadOnlyList<PlannedAction> ordered, DateOnly today, int shown)
    {
        var body = new List<CardElement>
        {
            Heading("My actions"),
            Subtle("Actions of your agency, overdue first. Open one to update its status, or to mark it complete with evidence."),
        };
        body.AddRange(ordered.Take(shown).Select(a => Row(a, today, withAudit: true)));
        if (ordered.Count > shown)
        {
            var more = ordered.Count - shown;
            body.Add(Subtle($"{Plural(more, "more action")} {(more == 1 ? "is" : "are")} not listed: the overdue and those due "
                + "soonest come first, and the rest appear here as these are completed."));
        }

        return new AdaptiveCard { FallbackText = "My actions", Body = body, Actions = [Go(PlanScreen.Mine, new MineData(), "Refresh")] };
    }

    public static AdaptiveCard Plan(ApprovedBriefing approved, IReadOnlyList<Recommendation> recommendations,
        IReadOnlyList<PlannedAction> actions, DateOnly today, string? message = null, Tone tone = Tone.Info, int withheld = 0)
    {
        ArgumentNullException.ThrowIfNull(approved);
        var auditId = approved.Audit.Id;
        var body = new List<CardElement>
        {
            Heading($"Action plan: {ActionCardKit.Shown(approved.Audit.Title, 120)}"),
            Subtle(approved.Withdrawn
                ? WithdrawnText
                : $"From version {approved.Version} of the approved 7-minute briefing. Each recommendation becomes one or more "
                    + "actions, each with an owner agency, a named lead, a due date and a measure of success."),
        };
        body.AddRange(Message(message, tone));
        body.Add(Subheading("Recommendations"));
        if (approved.Withdrawn)
        {
            body.Add(Subtle("None: a corrected version of the briefing must be approved first."));
        }

        // An audit of many agencies can bring dozens of recommendations: those still without an action come first (so the
        // chair reaches every one as the plan fills), in the briefing's order, and with many each text is shorter.
        var textLength = recommendations.Count <= 8 ? 300 : 140;
        var listed = recommendations.Select(r => (Recommendation: r, Count: actions.Count(a => a.Recommendation == r.Text)))
            .OrderBy(r => r.Count > 0).ThenBy(r => r.Recommendation.Number).Take(MaxRecommendations);
        foreach (var (recommendation, count) in listed)
        {
            body.Add(new Container
            {
                Separator = true,
                Items =
                [
                    new TextBlock($"{recommendation.Number}. {ActionCardKit.Shown(recommendation.Text, textLength)}") { Wrap = true },
                    Small($"{(recommendation.IsPartnership ? "Partnership (agreed at the workshop)" : "Single-agency")}"
                        + $"{(recommendation.Owner is { } owner ? $" · owner named in the briefing: {ActionCardKit.Shown(owner)}" : "")}"
                        + $"{(recommendation.TargetDate is { } target ? $" · target {ActionCardKit.Day(target)}" : "")}"
                        + $" · {CardKit.Plural(count, "action")}"),
                    Buttons(Go(CreateScreen.Form, new CreateFormData(auditId, recommendation.Number), "Create an action")),
                ],
            });
        }

        if (recommendations.Count > MaxRecommendations)
        {
            body.Add(Subtle($"{recommendations.Count - MaxRecommendations} more recommendations are not listed: those still "
                + "without an action come first, so the rest appear here as you create actions."));
        }

        if (withheld > 0)
        {
            // Never quoted: what was left off is what must not be shown in a channel.
            body.Add(Subtle($"{CardKit.Plural(withheld, "recommendation")} of the approved briefing "
                + $"{(withheld == 1 ? "is not listed: it contains" : "are not listed: each contains")} a possible identifier or a "
                + "case reference, which this card (shown in the channel) never carries. Add what is needed with **Add another "
                + "action**, in words that identify no one."));
        }

        body.Add(Subheading($"Actions ({actions.Count})"));
        body.AddRange(Listed(actions, today).Select(a => Row(a, today)));
        if (actions.Count > MaxPlanActions)
        {
            var more = actions.Count - MaxPlanActions;
            body.Add(Subtle($"{Plural(more, "more action")} {(more == 1 ? "is" : "are")} in the XLSX download. Overdue actions, then "
                + "the others still open or waiting for sign-off, are listed here before finished ones."));
        }
        return new AdaptiveCard
        {
            FallbackText = $"Action plan: {approved.Audit.Title}",
            MsTeams = TeamsCardProperties.FullWidth,
            Body = body,
            Actions =
            [
                Go(CreateScreen.Form, new CreateFormData(auditId, 0), "Add another action"),
                Go(ExportScreen.Export, new PlanRefData(auditId), "Download the plan (XLSX)"),
                Go(PlanScreen.OpenPlan, new PlanRefData(auditId), "Refresh"),
            ],
        };
    }

    /// <summary>
    /// The plan's actions the card lists, in the plan's order: all of them while they fit the limit, else the overdue first,
    /// then the others still open or waiting for the chair's sign-off, then finished ones, so one the chair must act on is
    /// never only in the download.
    /// </summary>
    private static IEnumerable<PlannedAction> Listed(IReadOnlyList<PlannedAction> actions, DateOnly today) =>
        actions.Count <= MaxPlanActions
            ? actions
            : actions.OrderByDescending(a => a.IsOverdue(today)).ThenByDescending(a => a.IsActive)
                .ThenBy(a => a.Number).Take(MaxPlanActions).OrderBy(a => a.Number);

    /// <param name="withAudit">On a list of several audits' actions: the audit's title too.</param>
    private static ColumnSet Row(PlannedAction action, DateOnly today, bool withAudit = false) => new()
    {
        Separator = true,
        Style = action.IsOverdue(today) ? ContainerStyle.Attention : null,
        Columns =
        [
            new Column
            {
                Width = ColumnWidth.Stretch,
                Items =
                [
                    // An overdue action's status says when it was due.
                    new TextBlock($"{action.Label} · {ActionCardKit.Shown(action.OwnerAgency)}"
                        + (action.IsOverdue(today) ? "" : $" · due {ActionCardKit.Day(action.DueOn)}"))
                    {
                        Wrap = true, Weight = TextWeight.Bolder,
                    },
                    Subtle($"{ActionCardKit.Shown(action.What, 120)} · {ActionCardKit.Status(action, today)}"),
                    .. withAudit ? [Small($"Audit: {ActionCardKit.Shown(action.AuditTitle, 80)}")] : Array.Empty<CardElement>(),
                ],
            },
            new Column { Width = ColumnWidth.Auto, Items = [Buttons(Go(ProgressScreen.View, new ActionRefData(action.Id), "Open"))] },
        ],
    };
}
