using WorkshopBot.ActionPlans.Domain;
using WorkshopBot.Cards;
using WorkshopBot.Common.Privacy;
using WorkshopBot.Common.Teams;
using static WorkshopBot.Common.Teams.CardKit;

namespace WorkshopBot.ActionPlans.Teams;

/// <summary>What the chair typed and chose on the Change form, shown again when a change is refused or checked.</summary>
public sealed record ManageInput(string? Reason, string? OwnerAgency = null, string? Lead = null, string? DueOn = null);

/// <summary>
/// The chair's changes to one action: reassign, extend, close; one reason, kept with whichever change is made. Each button
/// carries the action's version the form was drawn from ("version"), as the lead's forms do (see <see cref="ProgressCard"/>).
/// </summary>
public static class ManageCard
{
    /// <param name="typed">The chair's input when the form comes back after a refusal or the identifier check: kept, not lost.</param>
    /// <param name="owners">The owners the action may be given (<see cref="OwnerAgencies.Of"/>).</param>
    public static AdaptiveCard Form(PlannedAction action, DateOnly today, IReadOnlyList<OwnerAgency> owners,
        IReadOnlyList<TeamMember> members, string? error = null, IReadOnlyList<FieldFinding>? findings = null, ManageInput? typed = null,
        Tone tone = Tone.Warning)
    {
        ArgumentNullException.ThrowIfNull(action);
        List<CardElement> body = [Heading($"Change {action.Label}"), .. Message(error, tone), .. Findings(findings)];
        body.AddRange(ActionCardKit.Facts(action, today));
        if (!action.IsActive)
        {
            body.Add(Banner($"{action.Label} is {PlannedAction.StateText(action.State)}: it can no longer be changed.", Tone.Info));
            return new AdaptiveCard { FallbackText = $"Change {action.Label}", Body = body };
        }

        body.Add(new TextInput
        {
            Id = "reason", Label = "Reason (required; kept with the action)", IsMultiline = true, MaxLength = PlannedAction.MaxReasonLength,
            Separator = true, Value = CardKit.Clip(typed?.Reason, PlannedAction.MaxReasonLength),
        });
        // What the chair chose, else the action's owner now (one no longer the audit's is shown by its name, as stored).
        var chosen = OwnerAgencies.Find(owners, typed?.OwnerAgency) ?? OwnerAgencies.OwnerOf(owners, action);
        body.Add(Subheading("Reassign"));
        body.Add(new ChoiceSetInput
        {
            Id = "ownerAgency", Label = "Owner agency", Style = ChoiceInputStyle.Compact,
            Value = chosen is null ? action.OwnerAgency : OwnerAgencies.ChoiceValue(chosen),
            Choices = [.. owners.DistinctBy(o => OwnerAgencies.ChoiceValue(o), StringComparer.OrdinalIgnoreCase)
                .Select(o => new Choice(OwnerAgencies.ChoiceTitle(o), OwnerAgencies.ChoiceValue(o)))],
        });
        body.Add(new ChoiceSetInput
        {
            Id = "lead", Label = "Named lead (from this team)", Style = ChoiceInputStyle.Compact, Placeholder = "Choose a person",
            Value = members.FirstOrDefault(m => string.Equals(m.TeamsId, typed?.Lead, StringComparison.Ordinal))?.TeamsId,
            Choices = TeamRoster.Choices(members),
        });
        var data = new { actionId = action.Id, version = action.Version };
        body.Add(Buttons(Go(ManageScreen.Reassign, data, "Reassign")));
        body.Add(Subheading("Extend"));
        // A date kept before due dates were bounded may be the calendar's last day, which has no day after it.
        var earliest = action.DueOn < DateOnly.MaxValue ? action.DueOn.AddDays(1) : action.DueOn;
        body.Add(new DateInput { Id = "dueOn", Label = "New due date", Min = earliest, Value = CardInput.Date(typed?.DueOn) });
        body.Add(Buttons(Go(ManageScreen.Extend, data, "Extend")));
        body.Add(Subheading("Close as no longer needed"));
        body.Add(Buttons(Go(ManageScreen.Close, data, "Close the action", ActionStyle.Destructive)));
        body.AddRange(ProgressCard.Confirm(findings));
        return new AdaptiveCard
        {
            FallbackText = $"Change {action.Label}",
            Body = body,
            Actions = [Go(ProgressScreen.View, new ActionRefData(action.Id), "Back to the action")],
        };
    }
}
