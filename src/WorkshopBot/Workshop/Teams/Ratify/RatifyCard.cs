using WorkshopBot.Cards;
using WorkshopBot.Common.Teams;
using WorkshopBot.Workshop.Domain;
using static WorkshopBot.Workshop.Teams.WorkshopCardKit;

namespace WorkshopBot.Workshop.Teams;

/// <summary>The ratification part of the chair's controls for a grade poll: the grades so far, the grade and why.</summary>
public static class RatifyCard
{
    /// <summary>Nothing unless the poll ratifies a case's grade; the grade voted most is chosen to start with.</summary>
    /// <param name="session">The workshop.</param>
    /// <param name="snapshot">The poll and its counts.</param>
    /// <param name="width">The most bytes an agency's name takes (<see cref="WorkshopCardKit.FittingLabels"/>).</param>
    public static IEnumerable<CardElement> Section(WorkshopSession session, PollSnapshot snapshot, int width = AnyWidth)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(snapshot);
        var poll = snapshot.Poll;
        if (poll.Kind != PollKind.GradeRatification)
        {
            yield break;
        }

        foreach (var element in GradesFromReturns(poll, width))
        {
            yield return element;
        }

        var leading = snapshot.Results.FirstOrDefault(r => r.Dots > 0);
        yield return new TextBlock { Text = "Ratify the multi-agency grade", Weight = TextWeight.Bolder, Separator = true };
        yield return new ChoiceSetInput
        {
            Id = CardKit.InputId(nameof(RatifyData.Grade)),
            Label = "Grade",
            Choices = poll.Options.Select(o => new Choice(o.Label, o.Id)).ToList(),
            Value = leading?.OptionId ?? poll.Options.FirstOrDefault()?.Id,
        };
        yield return new TextInput
        {
            Id = CardKit.InputId(nameof(RatifyData.Rationale)),
            Label = "Rationale",
            IsMultiline = true,
            IsRequired = true,
            ErrorMessage = "Give the rationale.",
            MaxLength = WorkshopSession.MaxRationaleLength,
        };
        yield return new ActionSet
        {
            Actions =
            [
                ExecuteAction.Create(RatifyScreen.Ratify, new RatifyData(session.Id, poll.Id), "Confirm grade")
                    with { Style = ActionStyle.Positive },
            ],
        };
    }
}
