using WorkshopBot.Audits.Domain;
using WorkshopBot.Cards;
using WorkshopBot.Common.Teams;
using static WorkshopBot.Common.Teams.CardKit;

namespace WorkshopBot.Audits.Teams;

/// <summary>The audit's dashboard, the list of audits a chair runs, and the delivery block the tracker shares.</summary>
public static class DashboardCard
{
    public static AdaptiveCard Dashboard(Audit audit, DeliverySummary? delivery = null, string? message = null, Tone tone = Tone.Info)
    {
        var id = new AuditRefData(audit.Id);
        var facts = new List<Fact>
        {
            new("Status", audit.Status.ToString()),
            new("Theme", audit.ThemeName),
            new("Grade scale", audit.GradeScale.Name),
            new("Look-back", audit.LookBack.Describe()),
            new("Returns due", Date(audit.ReturnsDueAt)),
            new("Workshop", Date(audit.WorkshopAt)),
            new("Reminders", $"{audit.Reminders.DaysBeforeDue} day(s) before the due date"),
            new("Audit tool", $"{audit.Questions.Sections.Count} sections, {audit.Questions.AllQuestions.Count()} questions"),
            new("Cases", audit.Cases.Count == 0
                ? "none yet"
                : string.Join(", ", audit.Cases.Select(c => $"{c.Reference} ({AgeBands.Label(c.AgeBand)})"))),
            new("Agencies", audit.Agencies.Count == 0 ? "none yet" : string.Join(", ", audit.Agencies.Select(a => a.Name))),
        };
        var body = new List<CardElement>
        {
            Heading(audit.Title),
            Subtle($"Chaired by {audit.Chair.DisplayName}"),
        };
        body.AddRange(Message(message, tone));
        body.Add(new FactSet { Facts = facts });
        if (delivery is not null && audit.Status != AuditStatus.Draft)
        {
            body.Add(Delivery(delivery));
        }

        var actions = new List<CardAction>();
        if (audit.Status == AuditStatus.Draft)
        {
            body.Add(Small("While the audit is a draft you can shape the questions, add cases and agencies. "
                + "Issue it when every agency has a representative."));
            actions.Add(Go(QuestionsScreen.Questions, new QuestionsData(audit.Id, null), "Questions"));
            actions.Add(Go(CasesScreen.Cases, id, "Cases"));
            actions.Add(Go(AgenciesScreen.Agencies, id, "Agencies"));
            actions.Add(Go(DashboardScreen.Issue, id, "Issue audit tools", ActionStyle.Positive));
        }
        else
        {
            actions.Add(Go(TrackerScreen.Tracker, id, "Returns tracker", ActionStyle.Positive));
            actions.Add(Go(AgenciesScreen.Agencies, id, "Agencies"));
            actions.Add(Go(ExportScreen.Export, id, "Export returns"));
        }

        actions.Add(Go(RetentionScreen.Retention, id, "Retention"));

        return new AdaptiveCard
        {
            FallbackText = $"Audit: {audit.Title}", MsTeams = TeamsCardProperties.FullWidth, Body = body, Actions = actions,
        };
    }

    /// <summary>How the audit tools were delivered, and who could not be reached.</summary>
    internal static Container Delivery(DeliverySummary delivery)
    {
        var items = new List<CardElement>
        {
            new TextBlock($"Audit tools: {delivery.Delivered} delivered, {delivery.Pending} on the way, "
                + $"{delivery.Unreachable.Count} could not be delivered") { Wrap = true, Weight = TextWeight.Bolder },
        };
        if (delivery.Unreachable.Count > 0)
        {
            items.Add(new TextBlock("Not reached: " + string.Join("; ", delivery.Unreachable.Take(20).Select(u => Shorten(u, 80)))
                + ". Ask them to install WorkshopBot (or unblock it) in Teams, then issue again: only missing tools are sent.")
            {
                Wrap = true, Color = TextColor.Attention, Size = TextSize.Small,
            });
        }

        return new Container { Style = delivery.Unreachable.Count > 0 ? ContainerStyle.Attention : ContainerStyle.Emphasis, Items = items };
    }

    public static AdaptiveCard List(string title, IReadOnlyList<Audit> audits) => new()
    {
        FallbackText = title,
        Body =
        [
            Heading(title),
            .. audits.Count == 0 ? [Subtle("No audits yet. Type **new audit** to set one up.")] : Array.Empty<CardElement>(),
            .. audits.Take(20).Select(a => new Container
            {
                Separator = true,
                Items =
                [
                    new TextBlock(a.Title) { Weight = TextWeight.Bolder, Wrap = true },
                    Subtle($"{a.Status} · returns due {Date(a.ReturnsDueAt)}"),
                    Buttons(Go(DashboardScreen.Dashboard, new AuditRefData(a.Id), "Open")),
                ],
            }),
        ],
    };
}
