using WorkshopBot.Cards;
using WorkshopBot.Common.Teams;
using WorkshopBot.Workshop.Domain;
using static WorkshopBot.Workshop.Teams.WorkshopCardKit;

namespace WorkshopBot.Workshop.Teams;

/// <summary>Data of <see cref="PollsScreen.OpenAnyway"/>: the chair opens voting on a board with fewer places than dots.</summary>
public sealed record OpenAnywayData(Guid WorkshopId, string PollId) : IPollData, IWorkshopCardData
{
    public bool IdsWellFormed => WorkshopCardIds.IsWellFormed(PollId);
}

/// <summary>
/// Asked when the chair presses Open voting on an idea board whose ideas cannot take every person's dots (the default
/// board gives 5 dots, at most 1 on an idea, so 3 ideas take only 3): nothing is opened until the chair chooses to open
/// anyway or goes back to add ideas. Read from the poll alone, so the press is answered as fast as an opening.
/// </summary>
public static class OpenVotingCheck
{
    /// <summary>The question to ask before opening <paramref name="poll"/>; null when every dot can be placed.</summary>
    public static AdaptiveCard? Warning(WorkshopSession session, Poll poll)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(poll);
        var ideas = poll.VotableOptions.Count;
        var placeable = poll.PlaceableDots;
        if (poll.Kind != PollKind.IdeaBoard || poll.Phase != PollPhase.Collecting || ideas == 0 || placeable >= poll.DotsPerVoter)
        {
            return null;
        }

        var dots = poll.DotsPerVoter;
        var unplaced = dots - placeable;
        return new AdaptiveCard
        {
            FallbackText = "Open voting with fewer ideas than dots?",
            Body =
            [
                new TextBlock { Text = $"Chair · {poll.KindLabel} {poll.Number}", Size = TextSize.Small, IsSubtle = true },
                Title(Shown(poll.Prompt)),
                new TextBlock
                {
                    Text = $"Each person has {Plural(dots, "dot")}, at most {Plural(poll.MaxDotsPerItem, "dot")} on an idea, and the "
                        + $"board has {Plural(ideas, "idea")}. So each person can place only {placeable} of their {Plural(dots, "dot")}; "
                        + $"the other {unplaced} cannot be placed.",
                    Wrap = true,
                    Color = TextColor.Warning,
                },
                new TextBlock
                {
                    Text = "You can open voting anyway, or add ideas first and then press Open voting again.",
                    Wrap = true,
                },
            ],
            Actions =
            [
                ExecuteAction.Create(PollsScreen.OpenAnyway, new OpenAnywayData(session.Id, poll.Id), "Open voting anyway")
                    with { Style = ActionStyle.Positive },
                IdeasCard.AddIdea(session, poll),
                ExecuteAction.Create(PollsScreen.Manage, new PollRef(session.Id, poll.Id), "Back to the poll"),
            ],
        };
    }
}
