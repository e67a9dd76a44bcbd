using WorkshopBot.Audits.Domain;
using WorkshopBot.Cards;
using WorkshopBot.Common;
using WorkshopBot.Common.Privacy;
using WorkshopBot.Common.Teams;
using WorkshopBot.Workshop.Domain;
using static WorkshopBot.Workshop.Teams.WorkshopCardKit;

namespace WorkshopBot.Workshop.Teams;

/// <summary>The Add idea form on an idea board's card, and the warning when an idea may identify someone.</summary>
public static class IdeasCard
{
    /// <summary>The form shown in place on the board's card when a participant presses Add idea.</summary>
    public static CardAction AddIdea(WorkshopSession session, Poll poll) => new ShowCardAction
    {
        Title = "Add idea",
        Card = new AdaptiveCard
        {
            Schema = null,
            Body =
            [
                new TextInput
                {
                    Id = CardKit.InputId(nameof(AddIdeaData.Text)),
                    Label = "Your idea",
                    IsMultiline = true,
                    IsRequired = true,
                    ErrorMessage = "Write your idea.",
                    MaxLength = Poll.MaxItemLength,
                },
                new ChoiceSetInput
                {
                    Id = CardKit.InputId(nameof(AddIdeaData.CaseReference)),
                    Label = "Case (optional)",
                    Choices = session.Cases.Select(c => new Choice(c, c)).ToList(),
                },
                new ChoiceSetInput
                {
                    Id = CardKit.InputId(nameof(AddIdeaData.AgencyId)),
                    Label = "Agency (optional)",
                    Choices = session.Agencies.Select(a => new Choice(Label(a.Name), a.Id)).ToList(),
                },
                new ChoiceSetInput
                {
                    Id = CardKit.InputId(nameof(AddIdeaData.Theme)),
                    Label = "Theme (optional)",
                    Choices = Themes.All.Select(t => new Choice(t.DisplayName, t.Key)).ToList(),
                },
                new TextBlock
                {
                    Text = poll.Anonymous
                        ? "This board is anonymous: your name is not stored with your idea."
                        : "Your name is stored with your idea (not shown on the card).",
                    Wrap = true,
                    Size = TextSize.Small,
                    IsSubtle = true,
                },
            ],
            Actions = [ExecuteAction.Create(IdeasScreen.AddIdea, new AddIdeaData(session.Id, poll.Id), "Add the idea")],
        },
    };

    public static AdaptiveCard IdentifierWarning(AddIdeaData data, IReadOnlyList<FieldFinding> findings)
    {
        var check = FreeTextCheck.Of(findings);
        List<CardAction> actions =
        [
            ExecuteAction.Create(IdeasScreen.AddIdea, data with { Text = null, ConfirmNotIdentifying = false }, "Add the edited idea"),
        ];
        if (check.Confirmable)
        {
            actions.Add(ExecuteAction.Create(IdeasScreen.AddIdea, data with { Text = null, ConfirmNotIdentifying = true },
                "It does not identify anyone: add it"));
        }

        return new AdaptiveCard
        {
            FallbackText = "Check your idea for personal information.",
            Body =
            [
                Title("Check before adding"),
                new TextBlock
                {
                    Text = check.Unchecked
                        ? check.Summary
                        : "Your idea may contain information that identifies someone: " + check.Summary,
                    Wrap = true,
                    Color = TextColor.Warning,
                },
                new TextBlock
                {
                    Text = check.Confirmable
                        ? "Remove it and add the idea again, or confirm that it does not identify anyone (your confirmation is logged)."
                        : "Nothing has been added.",
                    Wrap = true,
                },
                new TextInput
                {
                    Id = CardKit.InputId(nameof(AddIdeaData.Text)),
                    Label = "Your idea",
                    Value = data.Text,
                    IsMultiline = true,
                    MaxLength = Poll.MaxItemLength,
                },
            ],
            Actions = actions,
        };
    }
}
