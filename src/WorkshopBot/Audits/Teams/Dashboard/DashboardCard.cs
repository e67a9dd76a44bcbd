using WorkshopBot.Audits.Domain;
using WorkshopBot.Cards;
using WorkshopBot.Common;
using WorkshopBot.Common.Teams;
using static WorkshopBot.Common.Teams.CardKit;

namespace WorkshopBot.Audits.Teams;

/// <summary>The audit's dashboard, the list of audits a chair runs, and the delivery block the tracker shares.</summary>
public static class DashboardCard
{
    /// <summary>
    /// The dashboard; with <paramref name="today"/>, an audit whose returns are released offers Close, its confirmation
    /// naming the day its data would be deleted.
    /// </summary>
    public static AdaptiveCard Dashboard(Audit audit, DeliverySummary? delivery = null, string? message = null, Tone tone = Tone.Info,
        DateTimeOffset? today = null)
    {
        var id = new AuditRefData(audit.Id);
        var facts = new List<Fact>
        {
            new("Stage", audit.StageInWords),
            new("Theme", Literal(audit.ThemeName)),
            new("Grade scale", audit.GradeScale.Name),
            new("Look-back", audit.LookBackWindow.Describe()),
            new("Returns due", Date(audit.ReturnsDueAt)),
            new("Workshop", Date(audit.WorkshopAt)),
            new("Reminders", audit.RemindersInWords(today, delivery?.AutoRemindedForDue)),
            new("Audit tool", $"{audit.Questions.Sections.Count} sections, {audit.Questions.AllQuestions.Count()} questions"),
            new("Cases", audit.Cases.Count == 0
                ? "none yet"
                : string.Join(", ", audit.Cases.Select(c => $"{c.Reference} ({AgeBands.Label(c.AgeBand)})"))),
            new("Agencies", audit.Agencies.Count == 0 ? "none yet" : string.Join(", ", audit.Agencies.Select(a => Literal(a.Name)))),
            new("Lawful basis", Recorded(audit.DataProtection.LawfulBasis)),
            new("DPIA reference", Recorded(audit.DataProtection.DpiaReference)),
            new("Data-sharing agreement", Recorded(audit.DataProtection.DataSharingAgreementReference)),
        };
        var body = new List<CardElement>
        {
            Heading(Literal(audit.Title)),
            Subtle($"Chaired by {Literal(audit.Chair.DisplayName)}"),
        };
        if (audit.ClosedAt is { } closedAt)
        {
            facts.Insert(1, new("Closed", $"{Date(closedAt)}; data deleted "
                + (audit.PurgeDueAt is { } purge ? $"on {Date(purge)}" : "not while the legal hold is in place")));
        }

        body.AddRange(Message(message, tone));
        body.Add(new FactSet { Facts = facts });
        if (delivery is not null && audit.Status != AuditStatus.Draft)
        {
            body.Add(Delivery(delivery, audit.Status == AuditStatus.Issued));
        }

        var actions = new List<CardAction>();
        if (audit.Status == AuditStatus.Draft)
        {
            body.Add(Small("While the audit is a draft you can shape the questions, add cases and agencies, and correct its title, "
                + "dates and settings with Edit details. Issue it when every agency has a representative."));
            actions.Add(Go(QuestionsScreen.Questions, new QuestionsData(audit.Id, null), "Questions"));
            actions.Add(Go(CasesScreen.Cases, id, "Cases"));
            actions.Add(Go(AgenciesScreen.Agencies, id, "Agencies"));
            actions.Add(Go(DashboardScreen.Issue, id, "Issue audit tools", ActionStyle.Positive));
        }
        else
        {
            actions.Add(Go(TrackerScreen.Tracker, id, "Returns tracker", ActionStyle.Positive));
            actions.Add(Go(AgenciesScreen.Agencies, id, "Agencies"));
            if (audit.Status == AuditStatus.Issued)
            {
                // Safe to press again: only tools not yet delivered are sent (see DashboardScreen.IssueAsync).
                actions.Add(Go(DashboardScreen.Issue, id, SendMissingTools));
            }

            actions.Add(Go(ExportScreen.Export, id, "Export returns"));
        }

        actions.Add(Go(RetentionScreen.Retention, id, "Retention"));
        // Teams shows at most five actions at the foot of a card: editing the details, moving the workshop and closing the
        // audit stand in the body, as release does.
        // Handing over the chair stays open after closure: retention, the legal hold and the export stay the chair's.
        var handOver = Go(ChairScreen.HandOver, id, "Hand over the chair");
        if (audit.Status != AuditStatus.Closed)
        {
            var editDetails = Go(DetailsScreen.Details, id, "Edit details");
            body.Add(today is { } now && audit.ReturnsReleased
                ? Buttons(editDetails, ChangeWorkshopDate(audit), CloseAudit(audit, now), handOver)
                : Buttons(editDetails, ChangeWorkshopDate(audit), handOver));
        }
        else
        {
            body.Add(Buttons(handOver));
        }

        return new AdaptiveCard
        {
            FallbackText = $"Audit: {audit.Title}", MsTeams = TeamsCardProperties.FullWidth, Body = body, Actions = actions,
        };
    }

    /// <summary>
    /// The workshop's new date on its own card: shown when the date was refused, with the refusal and the date that was
    /// chosen (<paramref name="typed"/>), so the chair corrects it rather than starting again.
    /// </summary>
    public static AdaptiveCard WorkshopDateForm(Audit audit, DateOnly? typed, string? message)
    {
        var body = new List<CardElement>
        {
            Heading($"Change the workshop date: {Literal(audit.Title)}"),
            Subtle($"Workshop {DateTime(audit.WorkshopAt)} · returns due {DateTime(audit.ReturnsDueAt)}"),
        };
        body.AddRange(Message(message, Tone.Warning));
        body.Add(WorkshopDateInput(typed));
        return new AdaptiveCard
        {
            FallbackText = $"Change the workshop date: {audit.Title}",
            Body = body,
            Actions =
            [
                Go(DashboardScreen.RescheduleWorkshop, new { auditId = audit.Id }, "Save", ActionStyle.Positive),
                Go(DashboardScreen.Dashboard, new AuditRefData(audit.Id), "Back to the audit"),
            ],
        };
    }

    private static ShowCardAction ChangeWorkshopDate(Audit audit) => new()
    {
        Title = "Change the workshop date",
        Card = new AdaptiveCard
        {
            Schema = null,
            Body =
            [
                new TextBlock("The workshop starts at 10:00 on the day you choose, which must come after the returns due date.")
                {
                    Wrap = true,
                },
                WorkshopDateInput(audit.WorkshopAt is { } at ? EnglandTime.DateOf(at) : null),
            ],
            Actions = [Go(DashboardScreen.RescheduleWorkshop, new { auditId = audit.Id }, "Save", ActionStyle.Positive)],
        },
    };

    private static DateInput WorkshopDateInput(DateOnly? value) => new()
    {
        Id = "workshopDate",
        Label = "Workshop date",
        IsRequired = true,
        ErrorMessage = "Choose the new workshop date.",
        Value = value,
    };

    /// <summary>What closing does, said before it is done: it cannot be undone.</summary>
    private static ShowCardAction CloseAudit(Audit audit, DateTimeOffset today)
    {
        var deleted = audit.Retention.LegalHold
            ? "Its data is under a legal hold, so nothing will be deleted while the hold is in place."
            : $"The audit's data will be deleted on {Date(audit.Retention.PurgeDueAt(today))}, unless a legal hold is placed "
                + "before then.";
        return new ShowCardAction
        {
            Title = "Close the audit",
            Card = new AdaptiveCard
            {
                Schema = null,
                Body =
                [
                    new TextBlock("Closing the audit makes its returns, workshop and action plan read-only, and reminders stop. "
                        + $"The retention period of {audit.Retention.RetainForMonthsAfterClosure} months starts today. {deleted} "
                        + "Closing cannot be undone.")
                    {
                        Wrap = true,
                    },
                ],
                Actions = [Go(DashboardScreen.Close, new AuditRefData(audit.Id), "Yes, close the audit", ActionStyle.Destructive)],
            },
        };
    }

    /// <summary>The issued dashboard's button that sends the audit tools not yet delivered (verb <c>audit.issue</c>).</summary>
    public const string SendMissingTools = "Send missing audit tools";

    /// <summary>
    /// How the audit tools were delivered, and who could not be reached; <paramref name="canSend"/> while returns are
    /// collected, when <see cref="SendMissingTools"/> sends what is missing.
    /// </summary>
    internal static Container Delivery(DeliverySummary delivery, bool canSend)
    {
        var items = new List<CardElement>
        {
            new TextBlock($"Audit tools: {delivery.Delivered} delivered, {delivery.Pending} on the way, "
                + $"{delivery.Unreachable.Count} could not be delivered") { Wrap = true, Weight = TextWeight.Bolder },
        };
        if (delivery.Unreachable.Count > 0)
        {
            items.Add(new TextBlock("Not reached: " + string.Join("; ", delivery.Unreachable.Take(20).Select(u => Literal(u, 80)))
                + (canSend
                    ? $". Ask them to install WorkshopBot (or unblock it) in Teams, then press {SendMissingTools} on the audit's "
                        + "dashboard: only tools not yet delivered are sent."
                    : ". The returns have been released, so audit tools are no longer sent: ask them to install WorkshopBot (or "
                        + "unblock it) in Teams and type my audits in their chat with it."))
            {
                Wrap = true, Color = TextColor.Attention, Size = TextSize.Small,
            });
        }

        return new Container { Style = delivery.Unreachable.Count > 0 ? ContainerStyle.Attention : ContainerStyle.Emphasis, Items = items };
    }

    private static string Recorded(string? reference) => reference is null ? "not recorded" : Literal(reference);

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
                    new TextBlock(Literal(a.Title)) { Weight = TextWeight.Bolder, Wrap = true },
                    Subtle($"{a.StageInWords} · returns due {Date(a.ReturnsDueAt)}"),
                    // Named, as a screen reader reads the button alone; cut, as a title is a heading not a button.
                    Buttons(Go(DashboardScreen.Dashboard, new AuditRefData(a.Id), $"Open {Shorten(a.Title, 40)}")),
                ],
            }),
        ],
    };
}
