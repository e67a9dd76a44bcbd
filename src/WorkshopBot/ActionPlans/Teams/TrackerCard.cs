using WorkshopBot.ActionPlans.Domain;
using WorkshopBot.Cards;
using WorkshopBot.Common;
using static WorkshopBot.Common.Teams.CardKit;

namespace WorkshopBot.ActionPlans.Teams;

/// <summary>
/// The tracker in the QA sub-group's channel: actions by agency and RAG (an agency's overdue actions, which are among its
/// RAG counts, are counted under its name, not in a column beside them), then the open actions with the overdue ones
/// first. No case detail. Listed actions are capped (fewer with long texts) so the card stays within Teams' 28 KB;
/// the card says how many it leaves out.
/// </summary>
public static class TrackerCard
{
    public const int MaxListed = 25;

    private static readonly string[] Headers = ["Agency", "🔴 Red", "🟠 Amber", "🟢 Green", "Not yet", "Sign-off", "Done"];

    public static AdaptiveCard Tracker(ActionTrackerView view, Guid auditId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(view);
        return Fitting(Math.Min(view.Listed.Count, MaxListed), shown => Tracker(view, auditId, now, shown));
    }

    /// <summary>The tracker listing the first <paramref name="shown"/> open actions, and how many more there are.</summary>
    private static AdaptiveCard Tracker(ActionTrackerView view, Guid auditId, DateTimeOffset now, int shown)
    {
        var today = EnglandTime.DateOf(now);
        var body = new List<CardElement>
        {
            Heading($"Action plan: {ActionCardKit.Shown(view.AuditTitle, 120)}"),
            // Overdue actions are among those not finished: each action is counted once.
            Subtle($"{Plural(view.Total, "action")}: {view.Listed.Count} not finished ({view.Overdue} of them overdue), "
                + $"{view.Done} finished. Updated {DateTime(now)}."),
        };
        if (view.Agencies.Count > 0)
        {
            body.Add(new Table
            {
                FirstRowAsHeader = true,
                // Headers in words: an emoji alone reads as nothing, or as "red circle". "Not yet" is no status reported; actions
                // the lead marked complete wait for the chair's sign-off apart. Overdue actions are among the red, amber, green
                // and not yet: they are named under the agency, not a column to add up.
                Columns = [new(ColumnWidth.Weighted(3)), .. Enumerable.Repeat(new TableColumnDefinition(ColumnWidth.Weighted(1)), 6)],
                Rows = [new() { Cells = Headers.Select(Header).ToList() },
                    .. view.Agencies.Select(a => new TableRow
                    {
                        Cells = [AgencyCell(a), .. new[] { a.Red, a.Amber, a.Green, a.NotReported, a.AwaitingSignOff, a.Done }
                            .Select(n => new TableCell(new TextBlock(Count(n)) { Wrap = true }))],
                    })],
            });
        }

        foreach (var action in view.Listed.Take(shown))
        {
            body.Add(new Container
            {
                Separator = true,
                Style = action.IsOverdue(today) ? ContainerStyle.Attention : null,
                Items =
                [
                    // An overdue action's status says when it was due: the date is not given twice.
                    new TextBlock($"{action.Label} · {ActionCardKit.Shown(action.OwnerShown)} · "
                        + (action.IsOverdue(today) ? string.Empty : $"due {ActionCardKit.Day(action.DueOn)} · ")
                        + ActionCardKit.Status(action, today)) { Weight = TextWeight.Bolder, Wrap = true },
                    Subtle($"{ActionCardKit.Shown(action.What, 140)} (lead: {ActionCardKit.Shown(action.Lead.Person.DisplayName)})"),
                ],
            });
        }

        if (view.Listed.Count > shown)
        {
            body.Add(Small($"and {Plural(view.Listed.Count - shown, "more open action")}: download the plan to see them all."));
        }

        return new AdaptiveCard
        {
            FallbackText = $"Action plan tracker: {view.AuditTitle}",
            MsTeams = TeamsCardProperties.FullWidth,
            Body = body,
            Actions = [Go(PlanScreen.OpenPlan, new PlanRefData(auditId), "Open the plan (chair)")],
        };
    }

    /// <summary>A count as a number, 0 too: a screen reader reads a dot as nothing, or as "dot".</summary>
    private static string Count(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The agency's name and, under it, how many of its open actions are overdue (when any are).</summary>
    private static TableCell AgencyCell(AgencyRow row)
    {
        var name = new TextBlock(ActionCardKit.Shown(row.Agency)) { Wrap = true };
        return row.Overdue == 0
            ? new TableCell(name)
            : new TableCell(name, new TextBlock($"{row.Overdue} overdue")
            {
                Wrap = true, Size = TextSize.Small, Color = TextColor.Attention, Spacing = Spacing.None,
            });
    }

    private static TableCell Header(string text) => new(new TextBlock(text) { Wrap = true, Weight = TextWeight.Bolder });
}
