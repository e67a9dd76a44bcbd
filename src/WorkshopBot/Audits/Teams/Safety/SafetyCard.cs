using WorkshopBot.Audits.Domain;
using WorkshopBot.Cards;
using WorkshopBot.Common.Teams;
using static WorkshopBot.Common.Teams.CardKit;

namespace WorkshopBot.Audits.Teams;

/// <summary>The immediate-safety alert sent to the chair and the agency's named lead.</summary>
public static class SafetyCard
{
    public const string ProceduresNote =
        "WorkshopBot routes this alert only. The referral itself must go through the agency's own safeguarding procedures.";

    /// <summary>What an alert raised from an older card of a submitted return says: the return does not show it.</summary>
    public const string AfterSubmissionNote = "Raised after the return was submitted, from an earlier card of it. The submitted "
        + "return has not been changed, so it does not show this concern: this alert is the record of it.";

    /// <summary>What an alert says once it carries a yes pressed on an older card of the return submitted since it was raised.</summary>
    public const string CarriedAfterSubmissionNote = "The representative answered yes again after the return was submitted, from an "
        + "earlier card of it. The submitted return has not been changed, so it does not show this: this alert is the record of it.";

    /// <summary>The button that records who acknowledged the alert, and when.</summary>
    public const string AcknowledgeTitle = "Acknowledge this alert";

    /// <summary>
    /// What the chair or named lead does next with an open alert: check the agency is acting, then acknowledge; until then
    /// it is sent again.
    /// </summary>
    public static string NextStep(SafetyEscalation escalation)
    {
        ArgumentNullException.ThrowIfNull(escalation);
        // A withdrawn alert's mark already says it is sent again until acknowledged.
        return $"What to do now: check with {Literal(escalation.RaisedBy.DisplayName)} that their agency is acting on this. "
            + $"Then press \"{AcknowledgeTitle}\" to record that you have seen it."
            + (escalation.IsWithdrawn ? "" : " Until someone does, it is sent again as a reminder.");
    }

    /// <summary>How much of the concern the card shows; a longer one ends "… (more in the return)".</summary>
    public const int ConcernShown = 1500;

    public static AdaptiveCard Alert(Audit audit, SafetyEscalation escalation, string? message = null)
    {
        var title = escalation.ResendCount > 0 ? "Immediate safety concern (reminder: not yet acknowledged)" : "Immediate safety concern";
        var body = new List<CardElement>
        {
            new Container
            {
                Style = ContainerStyle.Attention,
                Items =
                [
                    new TextBlock(title) { Size = TextSize.Large, Weight = TextWeight.Bolder, Wrap = true, Style = TextBlockStyle.Heading },
                    new TextBlock("A child may be unsafe now, or immediate action may be required.") { Wrap = true },
                ],
            },
        };
        if (escalation.IsWithdrawn)
        {
            // The alert is not cancelled by a change of answer, nor is an acknowledgement undone by one.
            body.Add(Banner(WithdrawnMark(escalation), Tone.Warning));
        }

        if (escalation.RaisedAfterSubmission)
        {
            body.Add(Banner(AfterSubmissionNote, Tone.Warning));
        }
        else if (escalation.CarriedAfterSubmission is not null)
        {
            body.Add(Banner(CarriedAfterSubmissionNote, Tone.Warning));
        }

        body.AddRange(Message(message, Tone.Info));
        body.Add(new FactSet
        {
            Facts = [.. RaisedFacts(audit, escalation), new("Concern", Literal(SafetyEscalation.Cut(escalation.Details, ConcernShown)))],
        });
        body.Add(Banner(ProceduresNote, Tone.Warning));
        if (escalation.IsAcknowledged)
        {
            var by = Literal(escalation.AcknowledgedBy?.DisplayName);
            body.Add(Banner($"Acknowledged by {by} on {DateTime(escalation.AcknowledgedAt)}.", Tone.Success));
        }
        else
        {
            body.Add(new TextBlock(NextStep(escalation)) { Wrap = true, Weight = TextWeight.Bolder });
        }

        return new AdaptiveCard
        {
            FallbackText = $"Immediate safety concern: case {escalation.CaseReference}",
            Body = body,
            Actions = escalation.IsAcknowledged
                ? null
                : [Go(SafetyScreen.AcknowledgeAlert, new AcknowledgeAlertData(escalation.Id), AcknowledgeTitle, ActionStyle.Positive)],
        };
    }

    /// <summary>
    /// The short card that tells the people an acknowledged alert went to, and whoever acknowledged it, that the representative
    /// has since changed their answer to no, and when: the case, agency and times only, never the concern's text.
    /// </summary>
    public static AdaptiveCard WithdrawnAfterAcknowledgement(Audit audit, SafetyEscalation escalation)
    {
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(escalation);
        var title = $"Immediate safety concern withdrawn: case {escalation.CaseReference}";
        var acknowledged = $"{Literal(escalation.AcknowledgedBy?.DisplayName)} on {DateTime(escalation.AcknowledgedAt)}";
        return new AdaptiveCard
        {
            FallbackText = title,
            Body =
            [
                Heading(title),
                Banner($"The representative changed their answer to no at {DateTime(escalation.WithdrawnAt)}, after the alert was "
                    + $"acknowledged by {acknowledged}. The acknowledgement stands; there is nothing to press. If anyone acted on "
                    + "the alert, for example by contacting children's social care, let them know through your agency's own "
                    + "procedures, and check with the representative why their answer changed.", Tone.Warning),
                new FactSet
                {
                    Facts =
                    [
                        .. RaisedFacts(audit, escalation), new("Acknowledged", acknowledged),
                        new("Withdrawn", DateTime(escalation.WithdrawnAt)),
                    ],
                },
            ],
        };
    }

    /// <summary>
    /// What replaces an alert's card in the chat of a chair who handed the audit over: that the alert went with the chair, and
    /// nothing of it (no case, agency, concern or button).
    /// </summary>
    public static AdaptiveCard HandedOver(SafetyEscalation escalation)
    {
        ArgumentNullException.ThrowIfNull(escalation);
        const string title = "Immediate-safety alert handed over";
        var text = escalation.IsAcknowledged
            ? "You no longer chair the audit this alert belongs to, so its details are no longer shown here. It was acknowledged "
                + "before the chair was handed over; its record stays with the audit."
            : "You no longer chair the audit this alert belongs to. It has been sent to the new chair, who can acknowledge it, "
                + "and its details are no longer shown here.";
        return NoticeCard.Create(title, text, Tone.Info);
    }

    /// <summary>Which alert it is: the audit, case and agency, and who raised it when (never the concern).</summary>
    private static IEnumerable<Fact> RaisedFacts(Audit audit, SafetyEscalation escalation) =>
    [
        new("Audit", Literal(audit.Title)),
        new("Case", escalation.CaseReference.Value),
        new("Agency", Literal(escalation.AgencyName)),
        new("Raised by", Literal(escalation.RaisedBy.DisplayName)),
        new("Raised", DateTime(escalation.RaisedAt)),
    ];

    /// <summary>
    /// The withdrawn mark: an open alert stays open, and is re-sent, until acknowledged; an acknowledged one keeps its
    /// acknowledgement, and says whether the answer changed after it.
    /// </summary>
    private static string WithdrawnMark(SafetyEscalation escalation)
    {
        var mark = $"Withdrawn by the representative at {DateTime(escalation.WithdrawnAt)}";
        return escalation switch
        {
            { IsWithdrawnAfterAcknowledgement: true } => $"{mark}, after it was acknowledged: they changed their answer to no.",
            { IsAcknowledged: true } => $"{mark}: they changed their answer to no.",
            _ => $"{mark}: they changed their answer to no. This alert stays open, and is sent again as a reminder, until it is "
                + "acknowledged.",
        };
    }
}
