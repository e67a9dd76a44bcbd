using WorkshopBot.ActionPlans.Domain;
using WorkshopBot.Cards;
using WorkshopBot.Common.Privacy;
using WorkshopBot.Common.Teams;
using static WorkshopBot.Common.Teams.CardKit;

namespace WorkshopBot.ActionPlans.Teams;

/// <summary>The chair's sign-off: the request in the 1:1 chat, and the review with the evidence.</summary>
public static class SignOffCard
{
    /// <summary>
    /// The request in the chair's 1:1 chat; with <paramref name="newChairOf"/> (the audit's title), the copy a new chair is sent
    /// when the chair is handed over while the action waits, saying it is theirs to sign off now.
    /// </summary>
    public static AdaptiveCard Request(PlannedAction action, DateOnly today, string? newChairOf = null) => new()
    {
        FallbackText = $"{action.Label} is ready for sign-off",
        Body = [Heading($"{action.Label} is ready for sign-off"),
            Banner($"{ActionCardKit.Shown(action.EvidenceBy?.DisplayName)} ({ActionCardKit.Shown(action.OwnerShown)}) "
                + "marked it complete with evidence."
                + (newChairOf is null ? string.Empty
                    : $" You are now the chair of \"{ActionCardKit.Shown(newChairOf, 100)}\", so it is yours to sign off."),
                Tone.Info),
            .. ActionCardKit.Facts(action, today)],
        Actions = [Go(SignOffScreen.Review, new ActionRefData(action.Id), "Review the evidence", ActionStyle.Positive)],
    };

    /// <summary>What replaces a sign-off request's card in the chat of a chair who handed the audit over: nothing of the action.</summary>
    public static AdaptiveCard HandedOver() => ChairCardsHandedOver.Notice("Sign-off request handed over", "action", "sign it off");

    /// <summary>
    /// The evidence with the chair's two buttons, each carrying the <see cref="PlannedAction.EvidenceNumber"/> it shows, so
    /// a press signs off (or sends back) this evidence and no other. <paramref name="reason"/> is what the chair typed.
    /// </summary>
    public static AdaptiveCard Review(PlannedAction action, DateOnly today, string? error = null,
        IReadOnlyList<FieldFinding>? findings = null, string? reason = null, Tone tone = Tone.Warning)
    {
        ArgumentNullException.ThrowIfNull(action);
        List<CardElement> body = [Heading($"Sign off {action.Label}"), .. Message(error, tone), .. Findings(findings)];
        body.AddRange(ActionCardKit.Facts(action, today));
        if (action.State != ActionState.AwaitingSignOff)
        {
            body.Add(Banner($"{action.Label} is {PlannedAction.StateText(action.State)}: there is nothing to sign off.", Tone.Info));
            return new AdaptiveCard { FallbackText = $"Sign off {action.Label}", Body = body };
        }

        body.Add(new TextInput
        {
            Id = "reason", Label = "If you send it back: why (kept with the action)", IsMultiline = true,
            MaxLength = PlannedAction.MaxReasonLength, Value = CardKit.Clip(reason, PlannedAction.MaxReasonLength),
        });
        body.AddRange(ProgressCard.Confirm(findings));
        return new AdaptiveCard
        {
            FallbackText = $"Sign off {action.Label}",
            Body = body,
            Actions =
            [
                Go(SignOffScreen.SignOff, new SignOffData(action.Id, action.EvidenceNumber), "Sign off: completed",
                    ActionStyle.Positive) with
                {
                    AssociatedInputs = AssociatedInputs.None,
                },
                Go(SignOffScreen.ReturnEvidence, new { actionId = action.Id, evidenceNumber = action.EvidenceNumber },
                    "Send back to the lead"),
            ],
        };
    }
}
