using WorkshopBot.ActionPlans.Domain;
using WorkshopBot.ActionPlans.Storage;
using WorkshopBot.Cards;
using WorkshopBot.Common;
using WorkshopBot.Common.Privacy;
using WorkshopBot.Common.Teams;
using static WorkshopBot.Common.Teams.CardKit;

namespace WorkshopBot.ActionPlans.Teams;

/// <summary>The form that creates an action, with the recommendation it comes from.</summary>
public static class CreateCard
{
    public const string Partnership = PlannedAction.PartnershipOwner;

    public static AdaptiveCard Form(ApprovedBriefing approved, Recommendation? recommendation, IReadOnlyList<TeamMember> members,
        CreateActionData values, string? error = null, IReadOnlyList<FieldFinding>? findings = null)
    {
        ArgumentNullException.ThrowIfNull(approved);
        ArgumentNullException.ThrowIfNull(values);
        var body = new List<CardElement>
        {
            Heading($"New action: {ActionCardKit.Shown(approved.Audit.Title, 100)}"),
            Subtle(recommendation is null
                ? "An action of its own (not from one of the briefing's recommendations)."
                : $"From recommendation {recommendation.Number}: {ActionCardKit.Shown(recommendation.Text, 300)}"),
        };
        if (recommendation is { IsPartnership: false, TargetDate: null })
        {
            body.Add(Subtle("The agency gave this recommendation no target date: choose the action's due date."));
        }

        body.AddRange(Message(error, Tone.Warning));
        if (members.Count == 0)
        {
            body.AddRange(Message(TeamRoster.Unavailable, Tone.Warning));
        }

        body.AddRange(Findings(findings));
        body.Add(new TextInput
        {
            Id = "what", Label = "What will be done", IsMultiline = true, MaxLength = PlannedAction.MaxWhatLength,
            Value = CardKit.Clip(values.What, PlannedAction.MaxWhatLength),
            IsRequired = true, ErrorMessage = "Say what will be done.",
        });
        body.Add(new ChoiceSetInput
        {
            Id = "ownerAgency", Label = "Owner agency", Style = ChoiceInputStyle.Compact,
            Value = OwnerAgencies.Find(approved.Audit, values.OwnerAgency) is { } owner ? OwnerAgencies.ChoiceValue(owner) : null,
            Placeholder = "Choose the agency", IsRequired = true, ErrorMessage = "Choose the owner agency.",
            Choices =
            [
                .. OwnerAgencies.Of(approved.Audit).Select(o => new Choice(OwnerAgencies.ChoiceTitle(o), OwnerAgencies.ChoiceValue(o))),
            ],
        });
        body.Add(new ChoiceSetInput
        {
            Id = "lead", Label = "Named lead (from this team)", Style = ChoiceInputStyle.Compact,
            Value = members.Any(m => m.TeamsId == values.Lead) ? values.Lead : null,
            Placeholder = "Choose a person", IsRequired = true, ErrorMessage = "Choose the lead.",
            Choices = TeamRoster.Choices(members),
        });
        body.Add(new DateInput
        {
            Id = "dueOn", Label = "Due date", IsRequired = true, ErrorMessage = "Give a due date.",
            Value = CardInput.Date(values.DueOn),
        });
        body.Add(new TextInput
        {
            Id = "measure", Label = "Measure of success: how will we know it worked?", IsMultiline = true,
            MaxLength = PlannedAction.MaxMeasureLength, Value = CardKit.Clip(values.Measure, PlannedAction.MaxMeasureLength),
            IsRequired = true,
            ErrorMessage = "Say how you will know it worked.",
        });
        body.Add(new ChoiceSetInput
        {
            Id = "themes", Label = $"Themes (up to {PlannedAction.MaxThemes})", IsMultiSelect = true, Style = ChoiceInputStyle.Compact,
            Value = KnownThemes(values.Themes),
            Choices = ActionCardKit.ThemeChoices(),
        });
        if (FreeTextCheck.MayConfirm(findings) && !findings!.Any(f => f.Field == CreateScreen.WhatField))
        {
            body.Add(new ToggleInput { Id = "confirm", Title = "It does not identify anyone: save it as it is", Value = "false" });
        }

        return new AdaptiveCard
        {
            FallbackText = "New action",
            Body = body,
            Actions =
            [
                Go(CreateScreen.Create, new { auditId = approved.Audit.Id, recommendation = recommendation?.Number ?? 0 },
                    "Create the action", ActionStyle.Positive),
                Go(PlanScreen.OpenPlan, new PlanRefData(approved.Audit.Id), "Back to the plan"),
            ],
        };
    }

    // The themes the form had that are the taxonomy's, each once (forged data may repeat one or name others).
    private static string? KnownThemes(string? values) =>
        string.Join(',', CardInput.List(values).Where(Themes.IsKnown).Distinct(StringComparer.Ordinal)) is { Length: > 0 } known
            ? known
            : null;
}
