using WorkshopBot.ActionPlans.Domain;
using WorkshopBot.Cards;
using WorkshopBot.Common.Privacy;
using WorkshopBot.Common.Teams;
using static WorkshopBot.Common.Teams.CardKit;

namespace WorkshopBot.ActionPlans.Teams;

/// <summary>The chair's sign-off: the request in the 1:1 chat, and the review with the evidence.</summary>
public static class SignOffCard
{
    public static AdaptiveCard Request(PlannedAction action, DateOnly today) => new()
    {
        FallbackText = $"{action.Label} is ready for sign-off",
        Body = [Heading($"{action.Label} is ready for sign-off"),
            Banner($"{action.EvidenceBy?.DisplayName} ({action.OwnerAgency}) marked it complete with evidence.", Tone.Info),
            .. ActionCardKit.Facts(action, today)],
        Actions = [Go(SignOffScreen.Review, new ActionRefData(action.Id), "Review the evidence", ActionStyle.Positive)],
    };

    public static AdaptiveCard Review(PlannedAction action, DateOnly today, string? error = null,
        IReadOnlyList<FieldFinding>? findings = null)
    {
        ArgumentNullException.ThrowIfNull(action);
        List<CardElement> body = [Heading($"Sign off {action.Label}"), .. Message(error, Tone.Error), .. Findings(findings)];
        body.AddRange(ActionCardKit.Facts(action, today));
        if (action.State != ActionState.AwaitingSignOff)
        {
            body.Add(Banner($"{action.Label} is {PlannedAction.StateText(action.State)}: there is nothing to sign off.", Tone.Info));
            return new AdaptiveCard { FallbackText = $"Sign off {action.Label}", Body = body };
        }

        body.Add(new TextInput
        {
            Id = "reason", Label = "If you send it back: why (kept with the action)", IsMultiline = true,
            MaxLength = PlannedAction.MaxReasonLength,
        });
        body.AddRange(ProgressCard.Confirm(findings));
        return new AdaptiveCard
        {
            FallbackText = $"Sign off {action.Label}",
            Body = body,
            Actions =
            [
                Go(SignOffScreen.SignOff, new ActionRefData(action.Id), "Sign off: completed", ActionStyle.Positive) with
                {
                    AssociatedInputs = AssociatedInputs.None,
                },
                Go(SignOffScreen.ReturnEvidence, new { actionId = action.Id }, "Send back to the lead"),
            ],
        };
    }
}
