using WorkshopBot.ActionPlans.Domain;
using WorkshopBot.Cards;
using WorkshopBot.Common.Privacy;
using WorkshopBot.Common.Teams;
using static WorkshopBot.Common.Teams.CardKit;

namespace WorkshopBot.ActionPlans.Teams;

/// <summary>
/// One action as its viewer may work on it, and the lead's two forms: status update and completion with evidence. Each
/// form's button carries the action's <see cref="PlannedAction.Version"/> it was drawn from ("version"), so a save from it
/// changes nothing someone else changed since (see <see cref="PlannedAction.ChangedByOthersSince"/>).
/// </summary>
public static class ProgressCard
{
    public static AdaptiveCard View(ActionInView view, DateOnly today, string? message = null, Tone tone = Tone.Info)
    {
        ArgumentNullException.ThrowIfNull(view);
        var action = view.Action;
        var actions = new List<CardAction>();
        if (view.Viewer.Leads(action))
        {
            actions.AddRange(LeadCard.LeadButtons(action).Where(a => a is ExecuteAction { Verb: not ProgressScreen.View }));
        }

        if (view.Viewer.Chairs(view.Plan))
        {
            if (action.State == ActionState.AwaitingSignOff)
            {
                actions.Add(Go(SignOffScreen.Review, new ActionRefData(action.Id), "Review the evidence", ActionStyle.Positive));
            }

            if (action.IsActive)
            {
                actions.Add(Go(ManageScreen.Manage, new ActionRefData(action.Id), "Extend, reassign or close"));
            }
        }

        actions.Add(Go(PlanScreen.Mine, new MineData(), "My actions"));
        return new AdaptiveCard
        {
            FallbackText = $"{action.Label}: {action.What}",
            Body = [Heading($"Action {action.Label}"), .. Message(message, tone), .. ActionCardKit.Facts(action, today)],
            Actions = actions,
        };
    }

    public static AdaptiveCard UpdateForm(PlannedAction action, DateOnly today, ProgressData? values = null, string? error = null,
        IReadOnlyList<FieldFinding>? findings = null, Tone tone = Tone.Warning)
    {
        ArgumentNullException.ThrowIfNull(action);
        List<CardElement> body = [Heading($"Update {action.Label}"), .. Message(error, tone), .. Findings(findings)];
        body.AddRange(ActionCardKit.Facts(action, today));
        body.Add(new ChoiceSetInput
        {
            Id = "rag", Label = "Status", Style = ChoiceInputStyle.Expanded, IsRequired = true, ErrorMessage = "Choose a status.",
            Value = CardInput.Enum<ActionRag>(values?.Rag)?.ToString()
                ?? (action.Rag == ActionRag.NotReported ? null : action.Rag.ToString()),
            Choices = ActionCardKit.RagChoices(),
        });
        body.Add(new TextInput
        {
            Id = "note", Label = "Progress note (no names or other personal details)", IsMultiline = true,
            MaxLength = PlannedAction.MaxNoteLength, Value = CardKit.Clip(values?.Note, PlannedAction.MaxNoteLength),
            IsRequired = true, ErrorMessage = "Add a short note.",
        });
        body.AddRange(Confirm(findings));
        return new AdaptiveCard
        {
            FallbackText = $"Update {action.Label}",
            Body = body,
            Actions =
            [
                Go(ProgressScreen.Update, new { actionId = action.Id, version = action.Version }, "Save the update", ActionStyle.Positive),
                Go(ProgressScreen.View, new ActionRefData(action.Id), "Cancel"),
            ],
        };
    }

    public static AdaptiveCard EvidenceForm(PlannedAction action, DateOnly today, EvidenceData? values = null, string? error = null,
        IReadOnlyList<FieldFinding>? findings = null, Tone tone = Tone.Warning)
    {
        ArgumentNullException.ThrowIfNull(action);
        List<CardElement> body =
        [
            Heading($"Mark {action.Label} complete"),
            Subtle("Say what changed and how you know, against the measure of success. The audit's chair signs it off."),
            .. Message(error, tone), .. Findings(findings), .. ActionCardKit.Facts(action, today),
            new TextInput
            {
                Id = "evidence", Label = "Evidence", IsMultiline = true, MaxLength = PlannedAction.MaxNoteLength,
                Value = CardKit.Clip(values?.Evidence, PlannedAction.MaxNoteLength),
                IsRequired = true, ErrorMessage = "Completion needs evidence.",
            },
        ];
        body.AddRange(Confirm(findings));
        return new AdaptiveCard
        {
            FallbackText = $"Mark {action.Label} complete",
            Body = body,
            Actions =
            [
                Go(ProgressScreen.SubmitEvidence, new { actionId = action.Id, version = action.Version }, "Send for sign-off",
                    ActionStyle.Positive),
                Go(ProgressScreen.View, new ActionRefData(action.Id), "Cancel"),
            ],
        };
    }

    /// <summary>The confirmation toggle, shown only when the identifier check found something that may be confirmed.</summary>
    public static IEnumerable<CardElement> Confirm(IReadOnlyList<FieldFinding>? findings) =>
        FreeTextCheck.MayConfirm(findings)
            ? [new ToggleInput { Id = "confirm", Title = "It does not identify anyone: save it as it is", Value = "false" }]
            : [];
}
