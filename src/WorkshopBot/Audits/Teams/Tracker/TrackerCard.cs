using System.Globalization;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Cards;
using WorkshopBot.Common.Teams;
using static WorkshopBot.Audits.Teams.AuditCardKit;
using static WorkshopBot.Common.Teams.CardKit;

namespace WorkshopBot.Audits.Teams;

/// <summary>The returns tracker (agencies by cases) and the form that reopens a submitted return.</summary>
public static partial class TrackerCard
{
    public static AdaptiveCard Tracker(Audit audit, ReturnsTrackerView view, DeliverySummary delivery, DateTimeOffset now,
        string? message = null, Tone tone = Tone.Info)
    {
        var id = new AuditRefData(audit.Id);
        var body = new List<CardElement>
        {
            Heading($"Returns tracker: {Literal(audit.Title)}"),
            Subtle($"Due {DateTime(audit.ReturnsDueAt)} · updated {DateTime(now)}"),
        };
        if (audit.ReleasedForModerationAt is { } released)
        {
            body.Add(Small($"Returns released for moderation {DateTime(released)}."));
        }

        body.AddRange(Message(message, tone));
        var c = view.Counts;
        body.Add(new ColumnSet
        {
            Columns =
            [
                Count("Submitted", c.Submitted, TextColor.Good),
                Count("Draft", c.Draft, TextColor.Warning),
                Count("Not started", c.NotStarted, TextColor.Default),
                Count("Overdue", c.Overdue, TextColor.Attention),
            ],
        });
        if (view.Cases.Count <= MaxGridCases)
        {
            body.Add(Grid(view));
        }
        else
        {
            body.AddRange(AgencyList(view));
        }

        body.Add(Small("Done = submitted · Draft = started · To do = not started · Late = overdue"));
        body.Add(Subheading(view.NonResponders.Count == 0 ? "Every return is in." : "Still to respond"));
        if (view.NonResponders.Count > 0)
        {
            body.Add(new FactSet
            {
                Facts = view.NonResponders.Take(30).Select(n => new Fact(Literal(n.AgencyName, 40),
                    $"{Literal(n.Representative?.DisplayName ?? "no representative", 40)}: {n.Outstanding} outstanding"
                    + (n.Overdue > 0 ? $", {n.Overdue} overdue" : string.Empty))).ToList(),
            });
        }

        body.Add(DashboardCard.Delivery(delivery, audit.Status == AuditStatus.Issued));
        var actions = new List<CardAction> { Go(TrackerScreen.Tracker, id, "Refresh") };
        if (audit.Status == AuditStatus.Issued)
        {
            actions.Add(Go(TrackerScreen.Remind, id, "Remind non-responders"));
            actions.Add(new ShowCardAction
            {
                Title = "Extend due date",
                Card = new AdaptiveCard
                {
                    Schema = null,
                    Body =
                    [
                        new DateInput
                        {
                            Id = "newDueDate", Label = "New due date", IsRequired = true, ErrorMessage = "Choose the new due date.",
                        },
                    ],
                    Actions = [Go(TrackerScreen.ExtendDue, new { auditId = audit.Id }, "Extend", ActionStyle.Positive)],
                },
            });
        }

        actions.Add(Go(TrackerScreen.ReopenForm, id, "Reopen a return"));
        actions.Add(Go(ExportScreen.Export, id, "Export"));
        // Teams shows at most five actions at the foot of a card: releasing the returns stands with the way back.
        body.Add(audit.Status == AuditStatus.Issued
            ? Buttons(Release(id), Go(DashboardScreen.Dashboard, id, "Back to the audit"))
            : Buttons(Go(DashboardScreen.Dashboard, id, "Back to the audit")));
        return new AdaptiveCard
        {
            FallbackText = $"Returns: {c.Submitted} of {c.Expected} submitted",
            MsTeams = TeamsCardProperties.FullWidth,
            Body = body,
            Actions = actions,
        };
    }

    private static ShowCardAction Release(AuditRefData id) => new()
    {
        Title = "Release for moderation",
        Card = new AdaptiveCard
        {
            Schema = null,
            Body =
            [
                new TextBlock("Releasing the returns lets the workshop's grade polls show each agency's single-agency grade. "
                    + "Reminders stop and the due date can no longer be extended; late returns can still be submitted.")
                {
                    Wrap = true,
                },
            ],
            Actions = [Go(TrackerScreen.Release, id, "Release the returns", ActionStyle.Positive)],
        },
    };

    // Short cell words and no per-cell styling beyond colour: a 15-case, 12-agency grid must stay under 28 KB.
    private static Table Grid(ReturnsTrackerView view)
    {
        var header = new TableRow([
            new TableCell(new TextBlock("Agency") { Weight = TextWeight.Bolder, Wrap = true }),
            .. view.Cases.Select(r => new TableCell(
                new TextBlock(r.Value) { Weight = TextWeight.Bolder, Wrap = true, Size = TextSize.Small })),
        ])
        {
            Style = ContainerStyle.Emphasis,
        };
        var rows = view.Rows.Select(r => new TableRow([
            new TableCell(new TextBlock(Literal(r.AgencyName, 40)) { Wrap = true }),
            .. r.Cells.Select(cell => new TableCell(new TextBlock(CellWord(cell.Status))
            {
                Wrap = true,
                Color = StatusColor(cell.Status) is var c && c != TextColor.Default ? c : null,
            })),
        ])).ToList();
        return new Table
        {
            FirstRowAsHeader = true,
            ShowGridLines = true,
            Columns =
            [
                new TableColumnDefinition(ColumnWidth.Weighted(2)),
                .. view.Cases.Select(_ => new TableColumnDefinition(ColumnWidth.Weighted(1))),
            ],
            Rows = [header, .. rows],
        };
    }

    private static string CellWord(TrackerCellStatus status) => status switch
    {
        TrackerCellStatus.Submitted => "Done",
        TrackerCellStatus.Draft => "Draft",
        TrackerCellStatus.NotStarted => "To do",
        TrackerCellStatus.Overdue => "Late",
        _ => "-",
    };

    private static Column Count(string label, int value, TextColor color) => new()
    {
        Width = ColumnWidth.Stretch,
        Items =
        [
            new TextBlock(value.ToString(CultureInfo.InvariantCulture))
            {
                Size = TextSize.ExtraLarge, Weight = TextWeight.Bolder, Color = color, HorizontalAlignment = HorizontalAlignment.Center,
            },
            new TextBlock(label)
            {
                Size = TextSize.Small, HorizontalAlignment = HorizontalAlignment.Center, Spacing = Spacing.None, Wrap = true,
            },
        ],
    };
}
