using System.Globalization;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Cards;
using WorkshopBot.Common;
using WorkshopBot.Common.Teams;
using WorkshopBot.Workshop.Domain;
using static WorkshopBot.Workshop.Teams.WorkshopCardKit;

namespace WorkshopBot.Workshop.Teams;

/// <summary>
/// The chair's panel for a new poll, the poll's own card in the conversation (counts for everyone, a per-person view
/// through refresh) and the chair's controls for one poll.
/// </summary>
public static class PollsCard
{
    public static AdaptiveCard ChairPanel(WorkshopSession session) => new()
    {
        FallbackText = "New workshop poll",
        Body =
        [
            Title("New poll"),
            new ChoiceSetInput
            {
                Id = CardKit.InputId(nameof(CreatePollData.PollType)),
                Label = "Kind",
                Value = PollTypes.WorkedWell,
                Choices =
                [
                    new("Idea board: What worked well?", PollTypes.WorkedWell),
                    new("Idea board: What could we improve?", PollTypes.CouldImprove),
                    new("Idea board: custom prompt", PollTypes.CustomBoard),
                    new("Single choice", PollTypes.Single),
                    new("Multiple choice", PollTypes.Multiple),
                    new("Rating 1 to 5", PollTypes.RatingFive),
                    new("Rating agree / disagree", PollTypes.RatingAgree),
                    new("Ratify a case's multi-agency grade", PollTypes.Grade),
                ],
            },
            new TextInput
            {
                Id = CardKit.InputId(nameof(CreatePollData.Prompt)),
                Label = "Question or prompt (optional for the two standard boards)",
                MaxLength = Poll.MaxPromptLength,
            },
            new TextInput
            {
                Id = CardKit.InputId(nameof(CreatePollData.Choices)),
                Label = "Choices, one per line (single and multiple choice)",
                IsMultiline = true,
                MaxLength = 2000,
            },
            new ChoiceSetInput
            {
                Id = CardKit.InputId(nameof(CreatePollData.CaseReference)),
                Label = "Case (grade ratification)",
                Choices = session.Cases.Select(c => new Choice(c, c)).ToList(),
                Value = session.Cases.FirstOrDefault(),
            },
            new ToggleInput
            {
                Id = CardKit.InputId(nameof(CreatePollData.Anonymous)),
                Title = "Anonymous ideas (cannot be changed later; no author is stored)",
                Value = "false",
                ValueOn = "true",
                ValueOff = "false",
                Wrap = true,
            },
            new NumberInput
            {
                Id = CardKit.InputId(nameof(CreatePollData.Dots)),
                Label = "Dots per person (idea boards)",
                Min = 1,
                Max = Poll.MaxDots,
                Value = 5,
            },
            new NumberInput
            {
                Id = CardKit.InputId(nameof(CreatePollData.MaxPerItem)),
                Label = "Most dots one person may put on one idea",
                Min = 1,
                Max = Poll.MaxDots,
                Value = 1,
            },
            new ChoiceSetInput
            {
                Id = CardKit.InputId(nameof(CreatePollData.Visibility)),
                Label = "Results",
                Value = nameof(ResultsVisibility.Live),
                Choices =
                [
                    new("Show live", nameof(ResultsVisibility.Live)),
                    new("Hide until closed (or revealed)", nameof(ResultsVisibility.HiddenUntilClose)),
                ],
            },
            new NumberInput
            {
                Id = CardKit.InputId(nameof(CreatePollData.Timer)),
                Label = "Close voting automatically after (minutes, optional)",
                Min = 1,
                Max = Poll.MaxTimerMinutes,
            },
        ],
        Actions =
        [
            ExecuteAction.Create(PollsScreen.CreatePoll, new CreatePollData(session.Id), "Create poll")
                with { Style = ActionStyle.Positive },
        ],
    };

    /// <summary>The poll's card in the conversation: counts for everyone, a per-person view for up to 60 people through refresh.</summary>
    public static AdaptiveCard Posted(WorkshopSession session, PollSnapshot snapshot, IReadOnlyList<string> refreshUserIds) =>
        FittingLabels(width => Posted(session, snapshot, refreshUserIds, width));

    private static AdaptiveCard Posted(WorkshopSession session, PollSnapshot snapshot, IReadOnlyList<string> refreshUserIds, int width)
    {
        var poll = snapshot.Poll;
        var body = new List<CardElement>
        {
            new TextBlock { Text = $"{poll.KindLabel} {poll.Number}", Size = TextSize.Small, IsSubtle = true, Wrap = true },
            Title(Shown(poll.Prompt)),
            new TextBlock { Text = Status(poll, snapshot), Wrap = true, IsSubtle = true, Size = TextSize.Small },
        };
        body.AddRange(GradesFromReturns(poll, width));
        var collectingIdeas = poll.Kind == PollKind.IdeaBoard && poll.Phase == PollPhase.Collecting;
        body.AddRange(collectingIdeas ? IdeaList(poll, width) : Results(snapshot, width: width));
        if (poll.Kind == PollKind.GradeRatification
            && session.Judgements.FirstOrDefault(j => j.CaseReference == poll.CaseReference) is { } judgement)
        {
            body.Add(new TextBlock
            {
                Text = $"Ratified multi-agency grade: **{judgement.GradeLabel}**",
                Wrap = true,
                Color = TextColor.Good,
            });
        }

        var actions = new List<CardAction>();
        if (collectingIdeas)
        {
            actions.Add(IdeasCard.AddIdea(session, poll));
        }

        if (poll.IsOpen)
        {
            actions.Add(ExecuteAction.Create(BallotScreen.View, new PollRef(session.Id, poll.Id), "Vote")
                with { Style = ActionStyle.Positive });
        }

        actions.Add(ExecuteAction.Create(PollsScreen.Manage, new PollRef(session.Id, poll.Id), "Chair controls"));
        return new AdaptiveCard
        {
            FallbackText = $"{poll.KindLabel}: {Label(poll.Prompt)}",
            MsTeams = TeamsCardProperties.FullWidth,
            Body = body,
            Actions = actions,
            Refresh = BallotCard.Refresh(session, poll, refreshUserIds),
        };
    }

    /// <summary>
    /// The chair's controls for one poll: phases, moderation of ideas, ratification, and the results as they stand. Once the
    /// audit is closed, the poll and its results only, and why: the changes would be refused (<see cref="ClosedAuditGuard"/>).
    /// </summary>
    public static AdaptiveCard Manage(WorkshopSession session, PollSnapshot snapshot, string? notice = null, bool auditClosed = false) =>
        FittingLabels(width => Manage(session, snapshot, notice, auditClosed, width));

    private static AdaptiveCard Manage(WorkshopSession session, PollSnapshot snapshot, string? notice, bool auditClosed, int width)
    {
        var poll = snapshot.Poll;
        var body = new List<CardElement>
        {
            new TextBlock { Text = $"Chair · {poll.KindLabel} {poll.Number}", Size = TextSize.Small, IsSubtle = true },
            Title(Shown(poll.Prompt)),
            new TextBlock { Text = Status(poll, snapshot), Wrap = true, IsSubtle = true, Size = TextSize.Small },
        };
        if (notice is not null)
        {
            body.Add(new TextBlock { Text = notice, Wrap = true, Color = TextColor.Accent, Weight = TextWeight.Bolder });
        }

        if (auditClosed)
        {
            body.Add(new TextBlock { Text = ClosedAuditGuard.ReadOnly(session), Wrap = true, Color = TextColor.Warning });

            // Closing voting stays possible after the audit closes (the close itself waits for open polls to be closed).
            if (poll.Phase == PollPhase.Voting)
            {
                var close = new PhaseData(session.Id, poll.Id, PhaseActions.Close);
                body.Add(new ActionSet { Actions = [ExecuteAction.Create(PollsScreen.Phase, close, "Close voting")] });
            }

            body.AddRange(GradesFromReturns(poll, width));
        }
        else
        {
            body.Add(new ActionSet { Actions = PhaseButtons(session, poll) });
            body.AddRange(ModerationCard.Section(session, poll, width));
            body.AddRange(RatifyCard.Section(session, snapshot, width));
        }

        body.AddRange(Results(snapshot, forceVisible: true, width));
        return new AdaptiveCard { FallbackText = $"Chair controls: {Label(poll.Prompt)}", Body = body };
    }

    private static List<CardAction> PhaseButtons(WorkshopSession session, Poll poll)
    {
        var phase = new List<CardAction>();
        void Phase(string action, string title) =>
            phase.Add(ExecuteAction.Create(PollsScreen.Phase, new PhaseData(session.Id, poll.Id, action), title));
        switch (poll.Phase)
        {
            case PollPhase.Collecting:
                Phase(PhaseActions.Open, "Open voting");
                break;
            case PollPhase.Voting:
                Phase(PhaseActions.Close, "Close voting");
                break;
            default:
                Phase(PhaseActions.Reopen, "Reopen voting");
                break;
        }

        // Nothing to reset on a poll never opened for voting (the domain refuses it).
        if (poll.Openings > 0)
        {
            Phase(PhaseActions.Reset, "Reset votes");
        }

        if (!poll.ResultsVisible)
        {
            Phase(PhaseActions.Reveal, "Reveal results");
        }

        return phase;
    }

    private static IEnumerable<CardElement> IdeaList(Poll poll, int width)
    {
        var visible = poll.Items.Where(i => i.IsVisible).ToList();
        if (visible.Count == 0)
        {
            yield return new TextBlock { Text = "No ideas yet. Press Add idea.", Wrap = true, IsSubtle = true };
            yield break;
        }

        yield return new FactSet
        {
            Facts = visible
                .Select((i, n) => new Fact((n + 1).ToString(CultureInfo.InvariantCulture) + ".",
                    Shown(i.Text, bytes: width) + Shown(Tags(i), int.MaxValue, width)))
                .ToList(),
        };
    }

    private static string Tags(IdeaItem item)
    {
        var tags = new[] { item.AgencyName, Themes.Find(item.ThemeKey)?.DisplayName, item.CaseReference }
            .Where(t => !string.IsNullOrEmpty(t)).ToList();
        return tags.Count == 0 ? "" : " (" + string.Join("; ", tags) + ")";
    }
}
