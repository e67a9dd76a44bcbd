using WorkshopBot.Cards;
using WorkshopBot.Common.Teams;
using WorkshopBot.Workshop.Domain;
using static WorkshopBot.Workshop.Teams.WorkshopCardKit;

namespace WorkshopBot.Workshop.Teams;

/// <summary>
/// The moderation part of the chair's controls for an idea board: merge, edit or hide an idea before voting opens, and edit
/// its wording after.
/// </summary>
public static class ModerationCard
{
    /// <summary>Nothing unless the poll is an idea board with ideas on it.</summary>
    /// <param name="session">The workshop.</param>
    /// <param name="poll">The poll.</param>
    /// <param name="width">The most bytes an idea's label takes (<see cref="WorkshopCardKit.FittingLabels"/>).</param>
    public static IEnumerable<CardElement> Section(WorkshopSession session, Poll poll, int width = AnyWidth)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(poll);
        var visibleItems = poll.Items.Where(i => i.IsVisible).ToList();
        if (poll.Kind != PollKind.IdeaBoard || visibleItems.Count == 0)
        {
            yield break;
        }

        // Merging or hiding an idea once voting has opened would lose dots on it (Poll refuses both): only its wording changes.
        var collecting = poll.Phase == PollPhase.Collecting;
        var choices = visibleItems.Select(i => new Choice(Label(i.Text, ShortLabel, width), i.Id)).ToList();
        yield return new TextBlock { Text = "Moderate ideas (logged)", Weight = TextWeight.Bolder, Separator = true };
        yield return new ChoiceSetInput
        {
            Id = CardKit.InputId(nameof(ModerateData.ItemId)),
            Label = "Idea",
            Choices = choices,
            Value = choices[0].Value,
            Wrap = true,
        };
        if (collecting)
        {
            yield return new ChoiceSetInput
            {
                Id = CardKit.InputId(nameof(ModerateData.IntoItemId)),
                Label = "Merge into (for merge)",
                Choices = choices,
                Wrap = true,
            };
        }

        yield return new TextInput
        {
            Id = CardKit.InputId(nameof(ModerateData.Text)),
            Label = collecting ? "New wording (for edit)" : "New wording",
            MaxLength = Poll.MaxItemLength,
            IsMultiline = true,
        };
        yield return new ActionSet
        {
            Actions = collecting
                ?
                [
                    Moderate(session, poll, ModerateActions.Merge, "Merge"),
                    Moderate(session, poll, ModerateActions.Edit, "Edit wording"),
                    Moderate(session, poll, ModerateActions.Hide, "Hide") with { Style = ActionStyle.Destructive },
                ]
                : [Moderate(session, poll, ModerateActions.Edit, "Edit wording")],
        };
        if (!collecting)
        {
            yield return new TextBlock
            {
                Text = "Ideas can be merged or hidden only before voting opens, so no dots are lost.",
                Wrap = true,
                IsSubtle = true,
                Size = TextSize.Small,
            };
        }
    }

    private static ExecuteAction Moderate(WorkshopSession session, Poll poll, string action, string title) =>
        ExecuteAction.Create(ModerationScreen.Moderate, new ModerateData(session.Id, poll.Id, action), title);
}
