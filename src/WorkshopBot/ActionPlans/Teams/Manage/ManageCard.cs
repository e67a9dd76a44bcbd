using WorkshopBot.ActionPlans.Domain;
using WorkshopBot.Cards;
using WorkshopBot.Common.Privacy;
using WorkshopBot.Common.Teams;
using static WorkshopBot.Common.Teams.CardKit;

namespace WorkshopBot.ActionPlans.Teams;

/// <summary>The chair's changes to one action: reassign, extend, close; one reason, kept with whichever change is made.</summary>
public static class ManageCard
{
    public static AdaptiveCard Form(PlannedAction action, DateOnly today, IReadOnlyList<string> agencies, IReadOnlyList<TeamMember> members,
        string? error = null, IReadOnlyList<FieldFinding>? findings = null)
    {
        ArgumentNullException.ThrowIfNull(action);
        List<CardElement> body = [Heading($"Change {action.Label}"), .. Message(error, Tone.Error), .. Findings(findings)];
        body.AddRange(ActionCardKit.Facts(action, today));
        if (!action.IsActive)
        {
            body.Add(Banner($"{action.Label} is {PlannedAction.StateText(action.State)}: it can no longer be changed.", Tone.Info));
            return new AdaptiveCard { FallbackText = $"Change {action.Label}", Body = body };
        }

        body.Add(new TextInput
        {
            Id = "reason", Label = "Reason (required; kept with the action)", IsMultiline = true, MaxLength = PlannedAction.MaxReasonLength,
            Separator = true,
        });
        body.Add(Subheading("Reassign"));
        body.Add(new ChoiceSetInput
        {
            Id = "ownerAgency", Label = "Owner agency", Style = ChoiceInputStyle.Compact, Value = action.OwnerAgency,
            Choices = [.. new[] { CreateCard.Partnership }.Concat(agencies).Distinct(StringComparer.OrdinalIgnoreCase)
                .Select(a => new Choice(a, a))],
        });
        body.Add(new ChoiceSetInput
        {
            Id = "lead", Label = "Named lead (from this team)", Style = ChoiceInputStyle.Compact, Placeholder = "Choose a person",
            Choices = TeamRoster.Choices(members),
        });
        body.Add(Buttons(Go(ManageScreen.Reassign, new { actionId = action.Id }, "Reassign")));
        body.Add(Subheading("Extend"));
        // A date kept before due dates were bounded may be the calendar's last day, which has no day after it.
        var earliest = action.DueOn < DateOnly.MaxValue ? action.DueOn.AddDays(1) : action.DueOn;
        body.Add(new DateInput { Id = "dueOn", Label = "New due date", Min = earliest });
        body.Add(Buttons(Go(ManageScreen.Extend, new { actionId = action.Id }, "Extend")));
        body.Add(Subheading("Close as no longer needed"));
        body.Add(Buttons(Go(ManageScreen.Close, new { actionId = action.Id }, "Close the action", ActionStyle.Destructive)));
        body.AddRange(ProgressCard.Confirm(findings));
        return new AdaptiveCard
        {
            FallbackText = $"Change {action.Label}",
            Body = body,
            Actions = [Go(ProgressScreen.View, new ActionRefData(action.Id), "Back to the action")],
        };
    }
}
