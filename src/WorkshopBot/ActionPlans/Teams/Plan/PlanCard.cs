using WorkshopBot.ActionPlans.Domain;
using WorkshopBot.ActionPlans.Storage;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Cards;
using WorkshopBot.Common.Teams;
using static WorkshopBot.Common.Teams.CardKit;

namespace WorkshopBot.ActionPlans.Teams;

/// <summary>The chair's list of plans, a lead's own actions, and one audit's plan.</summary>
public static partial class PlanCard
{
    /// <summary>Actions listed on one card; the XLSX has them all.</summary>
    public const int MaxListed = 30;

    /// <summary>Audits and a lead's own actions listed on the <c>actions</c> overview.</summary>
    public const int MaxOverviewPlans = 15;

    public const int MaxOverviewActions = 10;

    /// <summary>The chair's plannable audits and the actions this person leads.</summary>
    public static AdaptiveCard Overview(IReadOnlyList<ApprovedBriefing> plannable, IReadOnlyList<PlannedAction> mine, DateOnly today)
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
                            // Named, as a screen reader reads a button's title alone.
                            Items = [Buttons(Go(PlanScreen.OpenPlan, new PlanRefData(approved.Audit.Id),
                                $"Open the plan: {Shorten(approved.Audit.Title, 40)}"))],
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

        return new AdaptiveCard { FallbackText = "Action plans", Body = body };
    }

    /// <summary>
    /// "actions" typed in a channel: a button that answers with the plans the presser chairs (shown to them alone), and
    /// <paramref name="mineElsewhere"/>, where the actions they lead are listed, instead of either list.
    /// </summary>
    public static AdaptiveCard ChooseInPrivate(bool chairsPlans, string? mineElsewhere)
    {
        var body = new List<CardElement> { Heading("Action plans") };
        if (chairsPlans)
        {
            body.Add(Subtle("Press Choose a plan: the audits you chair are shown to you alone, not to the others here."));
        }

        if (mineElsewhere is not null)
        {
            body.Add(Subheading("Actions you lead"));
            body.Add(Subtle(mineElsewhere));
        }

        return new AdaptiveCard
        {
            FallbackText = "Action plans",
            Body = body,
            Actions = chairsPlans ? [Go(PlanScreen.ChoosePlan, new ChoosePlanData(), "Choose a plan")] : [],
        };
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
                    new TextBlock($"{action.Label} · {ActionCardKit.Shown(action.OwnerShown)}"
                        + (action.IsOverdue(today) ? "" : $" · due {ActionCardKit.Day(action.DueOn)}"))
                    {
                        Wrap = true, Weight = TextWeight.Bolder,
                    },
                    Subtle($"{ActionCardKit.Shown(action.What, 120)} · {ActionCardKit.Status(action, today)}"),
                    .. withAudit ? [Small($"Audit: {ActionCardKit.Shown(action.AuditTitle, 80)}")] : Array.Empty<CardElement>(),
                ],
            },
            new Column
            {
                Width = ColumnWidth.Auto, Items = [Buttons(Go(ProgressScreen.View, new ActionRefData(action.Id), $"Open {action.Label}"))],
            },
        ],
    };
}
