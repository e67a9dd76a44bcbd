using WorkshopBot.Cards;
using WorkshopBot.Common.Teams;
using WorkshopBot.Workshop.Domain;
using static WorkshopBot.Workshop.Teams.WorkshopCardKit;

namespace WorkshopBot.Workshop.Teams;

/// <summary>One person's view of a poll: their dots or choices, what is left, and how to change them.</summary>
public static class BallotCard
{
    public static AdaptiveCard Ballot(WorkshopSession session, PollSnapshot snapshot, IReadOnlyDictionary<string, int> mine, string? notice,
        IReadOnlyList<string> refreshUserIds)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(mine);
        var poll = snapshot.Poll;
        return poll.Kind == PollKind.IdeaBoard
            ? IdeaBoard(session, poll, new VoterDotLines(snapshot, mine), notice, refreshUserIds)
            : FittingLabels(width => Compose(session, poll, notice, refreshUserIds,
                (body, actions) => AddChoices(session, poll, mine, body, actions, width), Results(snapshot, width: width), width));
    }

    /// <summary>
    /// An idea board's ballot, with the lines that change from vote to vote taken from <paramref name="lines"/>. Its labels
    /// are as wide as the card allows with every such line at its widest (<see cref="WidestDotLines"/>), so they depend on
    /// the poll only: every voter's ballot fits, and one written from a template (<see cref="BallotTemplate"/>) is the same.
    /// </summary>
    internal static AdaptiveCard IdeaBoard(WorkshopSession session, Poll poll, DotLines lines, string? notice,
        IReadOnlyList<string> refreshUserIds)
    {
        var widest = new WidestDotLines(poll.VotableOptions.Count);
        var width = LabelWidth(w => IdeaBoard(session, poll, widest, notice, refreshUserIds, w));
        return IdeaBoard(session, poll, lines, notice, refreshUserIds, width);
    }

    private static AdaptiveCard IdeaBoard(WorkshopSession session, Poll poll, DotLines lines, string? notice,
        IReadOnlyList<string> refreshUserIds, int width) =>
        Compose(session, poll, notice, refreshUserIds, (body, actions) => AddDots(session, poll, lines, body, actions, width),
            poll.ResultsVisible ? [] : [ResultsHidden(lines.HiddenResults)], width);

    // An idea board shows its results beside each idea; other polls (and a board whose results are hidden) end with them.
    private static AdaptiveCard Compose(WorkshopSession session, Poll poll, string? notice, IReadOnlyList<string> refreshUserIds,
        Action<List<CardElement>, List<CardAction>> votes, IEnumerable<CardElement> results, int width)
    {
        var body = new List<CardElement>
        {
            new TextBlock { Text = $"{poll.KindLabel} {poll.Number} · your view", Size = TextSize.Small, IsSubtle = true, Wrap = true },
            Title(Shown(poll.Prompt)),
        };
        if (notice is not null)
        {
            body.Add(new TextBlock { Text = notice, Wrap = true, Color = TextColor.Warning });
        }

        body.AddRange(GradesFromReturns(poll, width));
        var actions = new List<CardAction>();
        votes(body, actions);
        if (!poll.IsOpen)
        {
            body.Add(new TextBlock
            {
                Text = poll.Phase == PollPhase.Closed ? "Voting has closed." : "Voting has not opened yet.",
                Wrap = true,
                IsSubtle = true,
            });
        }

        body.AddRange(results);
        return new AdaptiveCard
        {
            FallbackText = $"Your vote: {Label(poll.Prompt)}",
            Body = body,
            Actions = actions,
            Refresh = Refresh(session, poll, refreshUserIds),
        };
    }

    /// <summary>While voting is open, each person's card refreshes to their own ballot (for up to 60 people).</summary>
    public static CardRefresh? Refresh(WorkshopSession session, Poll poll, IReadOnlyList<string> refreshUserIds)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(poll);
        ArgumentNullException.ThrowIfNull(refreshUserIds);
        return refreshUserIds.Count == 0 || !poll.IsOpen
            ? null
            : new CardRefresh(ExecuteAction.Create(BallotScreen.View, new PollRef(session.Id, poll.Id), "Refresh"), refreshUserIds);
    }

    private static void AddDots(WorkshopSession session, Poll poll, DotLines lines, List<CardElement> body, List<CardAction> actions,
        int width)
    {
        var options = poll.VotableOptions;
        body.Add(new TextBlock { Text = lines.Used, Wrap = true, Weight = TextWeight.Bolder });
        // One list: the person's dots on each idea and, when visible, the idea's rank and count.
        body.Add(new FactSet { Facts = options.Select((o, i) => new Fact(lines.Idea(i), Shown(o.Label, bytes: width))).ToList() });
        if (!poll.IsOpen)
        {
            return;
        }

        body.Add(new ChoiceSetInput
        {
            Id = CardKit.InputId(nameof(DotData.OptionId)),
            Label = "Idea",
            Choices = options.Select(o => new Choice(Label(o.Label, ShortLabel, width), o.Id)).ToList(),
            Value = options.FirstOrDefault()?.Id,
            Wrap = true,
        });
        actions.Add(ExecuteAction.Create(BallotScreen.Dot, new DotData(session.Id, poll.Id, 1), "Add a dot")
            with { Style = ActionStyle.Positive });
        actions.Add(ExecuteAction.Create(BallotScreen.Dot, new DotData(session.Id, poll.Id, -1), "Take a dot back"));
    }

    private static void AddChoices(WorkshopSession session, Poll poll, IReadOnlyDictionary<string, int> mine, List<CardElement> body,
        List<CardAction> actions, int width)
    {
        var chosen = poll.Options.Where(o => mine.ContainsKey(o.Id)).Select(o => Shown(o.Label, bytes: width)).ToList();
        body.Add(new TextBlock
        {
            Text = chosen.Count == 0 ? "You have not voted yet." : "Your vote: " + string.Join(", ", chosen),
            Wrap = true,
            Weight = TextWeight.Bolder,
        });
        if (!poll.IsOpen)
        {
            return;
        }

        body.Add(new ChoiceSetInput
        {
            Id = CardKit.InputId(nameof(ChooseData.Choice)),
            Label = poll.Kind == PollKind.MultipleChoice ? "Choose all that apply" : "Choose one",
            Style = ChoiceInputStyle.Expanded,
            IsMultiSelect = poll.Kind == PollKind.MultipleChoice,
            Choices = poll.Options.Select(o => new Choice(Label(o.Label, bytes: width), o.Id)).ToList(),
            Value = string.Join(',', poll.Options.Where(o => mine.ContainsKey(o.Id)).Select(o => o.Id)),
            Wrap = true,
        });
        actions.Add(ExecuteAction.Create(BallotScreen.Choose, new ChooseData(session.Id, poll.Id), "Vote")
            with { Style = ActionStyle.Positive });
    }
}
