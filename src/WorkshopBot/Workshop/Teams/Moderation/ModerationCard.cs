using WorkshopBot.Cards;
using WorkshopBot.Common.Teams;
using WorkshopBot.Workshop.Domain;
using static WorkshopBot.Workshop.Teams.WorkshopCardKit;

namespace WorkshopBot.Workshop.Teams;

/// <summary>The moderation part of the chair's controls for an idea board: merge, edit or hide an idea.</summary>
public static class ModerationCard
{
    /// <summary>Nothing unless the poll is an idea board with ideas on it.</summary>
    public static IEnumerable<CardElement> Section(WorkshopSession session, Poll poll)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(poll);
        var visibleItems = poll.Items.Where(i => i.IsVisible).ToList();
        if (poll.Kind != PollKind.IdeaBoard || visibleItems.Count == 0)
        {
            yield break;
        }

        var choices = visibleItems.Select(i => new Choice(Label(i.Text, ShortLabel), i.Id)).ToList();
        yield return new TextBlock { Text = "Moderate ideas (logged)", Weight = TextWeight.Bolder, Separator = true };
        yield return new ChoiceSetInput
        {
            Id = CardKit.InputId(nameof(ModerateData.ItemId)),
            Label = "Idea",
            Choices = choices,
            Value = choices[0].Value,
            Wrap = true,
        };
        yield return new ChoiceSetInput
        {
            Id = CardKit.InputId(nameof(ModerateData.IntoItemId)),
            Label = "Merge into (for merge)",
            Choices = choices,
            Wrap = true,
        };
        yield return new TextInput
        {
            Id = CardKit.InputId(nameof(ModerateData.Text)),
            Label = "New wording (for edit)",
            MaxLength = Poll.MaxItemLength,
            IsMultiline = true,
        };
        yield return new ActionSet
        {
            Actions =
            [
                Moderate(session, poll, ModerateActions.Merge, "Merge"),
                Moderate(session, poll, ModerateActions.Edit, "Edit wording"),
                Moderate(session, poll, ModerateActions.Hide, "Hide") with { Style = ActionStyle.Destructive },
            ],
        };
    }

    private static ExecuteAction Moderate(WorkshopSession session, Poll poll, string action, string title) =>
        ExecuteAction.Create(ModerationScreen.Moderate, new ModerateData(session.Id, poll.Id, action), title);
}
