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
            // Kept on every re-send until acknowledged: the alert is not cancelled by a change of answer.
            body.Add(Banner($"Withdrawn by the representative at {DateTime(escalation.WithdrawnAt)}: they changed their answer to "
                + "no. This alert stays open until it is acknowledged.", Tone.Warning));
        }

        body.AddRange(Message(message, Tone.Info));
        body.Add(new FactSet
        {
            Facts =
            [
                new("Audit", Literal(audit.Title)),
                new("Case", escalation.CaseReference.Value),
                new("Agency", Literal(escalation.AgencyName)),
                new("Raised by", Literal(escalation.RaisedBy.DisplayName)),
                new("Raised", DateTime(escalation.RaisedAt)),
                new("Concern", Literal(SafetyEscalation.Cut(escalation.Details, ConcernShown))),
            ],
        });
        body.Add(Banner(ProceduresNote, Tone.Warning));
        if (escalation.IsAcknowledged)
        {
            var by = Literal(escalation.AcknowledgedBy?.DisplayName);
            body.Add(Banner($"Acknowledged by {by} on {DateTime(escalation.AcknowledgedAt)}.", Tone.Success));
        }

        return new AdaptiveCard
        {
            FallbackText = $"Immediate safety concern: case {escalation.CaseReference}",
            Body = body,
            Actions = escalation.IsAcknowledged
                ? null
                : [Go(SafetyScreen.AcknowledgeAlert, new AcknowledgeAlertData(escalation.Id), "Acknowledge", ActionStyle.Positive)],
        };
    }
}
