using System.Globalization;
using WorkshopBot.Audits;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Cards;
using WorkshopBot.Common;
using WorkshopBot.Common.Privacy;
using WorkshopBot.Workshop.Domain;

namespace WorkshopBot.Workshop.Teams;

/// <summary>Every card the workshop sends. Channel cards carry no case detail beyond pseudonymous references.</summary>
public static class WorkshopCards
{
    /// <summary>Longest idea text shown on a card; the CSV export has the full text.</summary>
    public const int MaxLabelOnCard = 200;

    public static AdaptiveCard ChooseAudit(IReadOnlyList<Audit> audits) => new()
    {
        FallbackText = "Choose the audit for this workshop.",
        Body =
        [
            Title("Start a workshop"),
            new ChoiceSetInput
            {
                Id = "auditId",
                Label = "Which audit is this workshop for?",
                IsRequired = true,
                ErrorMessage = "Choose an audit.",
                Choices = audits.Select(a => new Choice(Label(a.Title), a.Id.ToString())).ToList(),
                Value = audits.Count > 0 ? audits[0].Id.ToString() : null,
            },
        ],
        Actions = [ExecuteAction.Create(WorkshopVerbs.Start, new { }, "Start workshop")],
    };

    public static AdaptiveCard Workshop(WorkshopSession session, int participants) => new()
    {
        FallbackText = $"Workshop: {session.AuditTitle}. Press Join to take part.",
        MsTeams = TeamsCardProperties.FullWidth,
        Body =
        [
            Title("Multi-agency audit workshop"),
            new TextBlock { Text = Label(session.AuditTitle), Wrap = true, Weight = TextWeight.Bolder },
            new TextBlock { Text = $"Chair: {session.Chair.DisplayName} · {Plural(participants, "participant")} · {Plural(session.Cases.Count, "case")}", Wrap = true, IsSubtle = true },
            new TextBlock
            {
                Text = "Ground rules: what is said here stays here. Use case references only; never a child's name, date of birth, NHS number or address.",
                Wrap = true,
                Size = TextSize.Small,
            },
        ],
        Actions =
        [
            ExecuteAction.Create(WorkshopVerbs.Join, new JoinData(session.Id), "Join") with { Style = ActionStyle.Positive },
            ExecuteAction.Create(WorkshopVerbs.ChairPanel, new WorkshopRef(session.Id), "Chair: new poll"),
            ExecuteAction.Create(WorkshopVerbs.Export, new WorkshopRef(session.Id), "Chair: export CSV"),
        ],
    };

    public static AdaptiveCard ChooseAgency(WorkshopSession session) => new()
    {
        FallbackText = "Which agency are you here for?",
        Body =
        [
            Title("Join the workshop"),
            new ChoiceSetInput
            {
                Id = "agencyId",
                Label = "Which agency are you here for?",
                IsRequired = true,
                ErrorMessage = "Choose your agency.",
                Choices = [.. session.Agencies.Select(a => new Choice(Label(a.Name), a.Id)), new Choice("Another agency or observer", "other")],
            },
        ],
        Actions = [ExecuteAction.Create(WorkshopVerbs.Join, new JoinData(session.Id), "Join")],
    };

    public static AdaptiveCard Joined(WorkshopSession session, WorkshopParticipant participant) =>
        Notice("You have joined", $"You are taking part in the workshop for {Label(session.AuditTitle)}"
            + (participant.AgencyName is null ? "." : $" for {participant.AgencyName}.")
            + " Polls appear in this conversation; press Vote on a poll to take part.");

    public static AdaptiveCard ChairPanel(WorkshopSession session) => new()
    {
        FallbackText = "New workshop poll",
        Body =
        [
            Title("New poll"),
            new ChoiceSetInput
            {
                Id = "pollType",
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
            new TextInput { Id = "prompt", Label = "Question or prompt (optional for the two standard boards)", MaxLength = Poll.MaxPromptLength },
            new TextInput { Id = "choices", Label = "Choices, one per line (single and multiple choice)", IsMultiline = true, MaxLength = 2000 },
            new ChoiceSetInput
            {
                Id = "caseReference",
                Label = "Case (grade ratification)",
                Choices = session.Cases.Select(c => new Choice(c, c)).ToList(),
                Value = session.Cases.FirstOrDefault(),
            },
            new ToggleInput { Id = "anonymous", Title = "Anonymous ideas (cannot be changed later; no author is stored)", Value = "false", ValueOn = "true", ValueOff = "false", Wrap = true },
            new NumberInput { Id = "dots", Label = "Dots per person (idea boards)", Min = 1, Max = Poll.MaxDots, Value = 5 },
            new NumberInput { Id = "maxPerItem", Label = "Most dots one person may put on one idea", Min = 1, Max = Poll.MaxDots, Value = 1 },
            new ChoiceSetInput
            {
                Id = "visibility",
                Label = "Results",
                Value = nameof(ResultsVisibility.Live),
                Choices = [new("Show live", nameof(ResultsVisibility.Live)), new("Hide until closed (or revealed)", nameof(ResultsVisibility.HiddenUntilClose))],
            },
            new NumberInput { Id = "timer", Label = "Close voting automatically after (minutes, optional)", Min = 1, Max = Poll.MaxTimerMinutes },
        ],
        Actions = [ExecuteAction.Create(WorkshopVerbs.CreatePoll, new CreatePollData(session.Id), "Create poll") with { Style = ActionStyle.Positive }],
    };

    /// <summary>The poll's card in the channel: counts for everyone, a per-user view for up to 60 people through refresh.</summary>
    public static AdaptiveCard PollCard(WorkshopSession session, PollSnapshot snapshot, IReadOnlyList<string> refreshUserIds)
    {
        var poll = snapshot.Poll;
        var body = new List<CardElement>
        {
            new TextBlock { Text = $"{poll.KindLabel} {poll.Number}", Size = TextSize.Small, IsSubtle = true, Wrap = true },
            Title(Label(poll.Prompt)),
            new TextBlock { Text = Status(poll, snapshot), Wrap = true, IsSubtle = true, Size = TextSize.Small },
        };
        body.AddRange(GradesFromReturns(poll));
        if (poll.Kind == PollKind.IdeaBoard && poll.Phase == PollPhase.Collecting)
        {
            body.AddRange(IdeaList(poll));
        }
        else
        {
            body.AddRange(Results(snapshot));
        }

        if (poll.Kind == PollKind.GradeRatification && session.Judgements.FirstOrDefault(j => j.CaseReference == poll.CaseReference) is { } judgement)
        {
            body.Add(new TextBlock { Text = $"Ratified multi-agency grade: **{judgement.GradeLabel}**", Wrap = true, Color = TextColor.Good });
        }

        var actions = new List<CardAction>();
        if (poll.Kind == PollKind.IdeaBoard && poll.Phase == PollPhase.Collecting)
        {
            actions.Add(AddIdeaAction(session, poll));
        }

        if (poll.IsOpen)
        {
            actions.Add(ExecuteAction.Create(WorkshopVerbs.View, new PollRef(session.Id, poll.Id), "Vote") with { Style = ActionStyle.Positive });
        }

        actions.Add(ExecuteAction.Create(WorkshopVerbs.Manage, new PollRef(session.Id, poll.Id), "Chair"));
        return new AdaptiveCard
        {
            FallbackText = $"{poll.KindLabel}: {Label(poll.Prompt)}",
            MsTeams = TeamsCardProperties.FullWidth,
            Body = body,
            Actions = actions,
            Refresh = refreshUserIds.Count == 0 || !poll.IsOpen
                ? null
                : new CardRefresh(ExecuteAction.Create(WorkshopVerbs.View, new PollRef(session.Id, poll.Id), "Refresh"), refreshUserIds),
        };
    }

    /// <summary>One person's view of an open poll: their dots or choices, what is left, and how to change them.</summary>
    public static AdaptiveCard Ballot(WorkshopSession session, PollSnapshot snapshot, IReadOnlyDictionary<string, int> mine, string? notice,
        IReadOnlyList<string> refreshUserIds)
    {
        var poll = snapshot.Poll;
        var used = mine.Values.Sum();
        var body = new List<CardElement>
        {
            new TextBlock { Text = $"{poll.KindLabel} {poll.Number} · your view", Size = TextSize.Small, IsSubtle = true, Wrap = true },
            Title(Label(poll.Prompt)),
        };
        if (notice is not null)
        {
            body.Add(new TextBlock { Text = notice, Wrap = true, Color = TextColor.Attention, Weight = TextWeight.Bolder });
        }

        body.AddRange(GradesFromReturns(poll));
        var actions = new List<CardAction>();
        if (poll.Kind == PollKind.IdeaBoard)
        {
            body.Add(new TextBlock { Text = $"You have used {used} of {poll.DotsPerVoter} dots; {Plural(Math.Max(0, poll.DotsPerVoter - used), "dot")} left.", Wrap = true, Weight = TextWeight.Bolder });
            // One list: the person's dots on each idea and, when visible, the idea's rank and count.
            var results = snapshot.Results.ToDictionary(r => r.OptionId, StringComparer.Ordinal);
            body.Add(new FactSet
            {
                Facts = poll.VotableOptions.Select(o => new Fact(
                    Dots(mine.GetValueOrDefault(o.Id)) + (poll.ResultsVisible && results.TryGetValue(o.Id, out var r) ? $" · #{r.Rank} · {Plural(r.Dots, "dot")}" : ""),
                    Label(o.Label))).ToList(),
            });
            if (poll.IsOpen)
            {
                body.Add(new ChoiceSetInput
                {
                    Id = "optionId",
                    Label = "Idea",
                    Choices = poll.VotableOptions.Select(o => new Choice(Label(o.Label, ShortLabel), o.Id)).ToList(),
                    Value = poll.VotableOptions.FirstOrDefault()?.Id,
                    Wrap = true,
                });
                actions.Add(ExecuteAction.Create(WorkshopVerbs.Dot, new DotData(session.Id, poll.Id, 1), "Add a dot") with { Style = ActionStyle.Positive });
                actions.Add(ExecuteAction.Create(WorkshopVerbs.Dot, new DotData(session.Id, poll.Id, -1), "Take a dot back"));
            }
        }
        else
        {
            var chosen = poll.Options.Where(o => mine.ContainsKey(o.Id)).Select(o => o.Label).ToList();
            body.Add(new TextBlock { Text = chosen.Count == 0 ? "You have not voted yet." : "Your vote: " + string.Join(", ", chosen), Wrap = true, Weight = TextWeight.Bolder });
            if (poll.IsOpen)
            {
                body.Add(new ChoiceSetInput
                {
                    Id = "choice",
                    Label = poll.Kind == PollKind.MultipleChoice ? "Choose all that apply" : "Choose one",
                    Style = ChoiceInputStyle.Expanded,
                    IsMultiSelect = poll.Kind == PollKind.MultipleChoice,
                    Choices = poll.Options.Select(o => new Choice(Label(o.Label), o.Id)).ToList(),
                    Value = string.Join(',', poll.Options.Where(o => mine.ContainsKey(o.Id)).Select(o => o.Id)),
                    Wrap = true,
                });
                actions.Add(ExecuteAction.Create(WorkshopVerbs.Choose, new ChooseData(session.Id, poll.Id), "Vote") with { Style = ActionStyle.Positive });
            }
        }

        if (!poll.IsOpen)
        {
            body.Add(new TextBlock { Text = poll.Phase == PollPhase.Closed ? "Voting has closed." : "Voting has not opened yet.", Wrap = true, IsSubtle = true });
        }

        if (poll.Kind != PollKind.IdeaBoard)
        {
            body.AddRange(Results(snapshot));
        }
        else if (!poll.ResultsVisible)
        {
            body.AddRange(Results(snapshot));
        }

        return new AdaptiveCard
        {
            FallbackText = $"Your vote: {Label(poll.Prompt)}",
            Body = body,
            Actions = actions,
            Refresh = refreshUserIds.Count == 0 || !poll.IsOpen
                ? null
                : new CardRefresh(ExecuteAction.Create(WorkshopVerbs.View, new PollRef(session.Id, poll.Id), "Refresh"), refreshUserIds),
        };
    }

    /// <summary>The chair's controls for one poll: phases, moderation of ideas, ratification.</summary>
    public static AdaptiveCard Manage(WorkshopSession session, PollSnapshot snapshot, string? notice = null)
    {
        var poll = snapshot.Poll;
        var body = new List<CardElement>
        {
            new TextBlock { Text = $"Chair · {poll.KindLabel} {poll.Number}", Size = TextSize.Small, IsSubtle = true },
            Title(Label(poll.Prompt)),
            new TextBlock { Text = Status(poll, snapshot), Wrap = true, IsSubtle = true, Size = TextSize.Small },
        };
        if (notice is not null)
        {
            body.Add(new TextBlock { Text = notice, Wrap = true, Color = TextColor.Accent, Weight = TextWeight.Bolder });
        }

        var phase = new List<CardAction>();
        void Phase(string action, string title) => phase.Add(ExecuteAction.Create(WorkshopVerbs.Phase, new PhaseData(session.Id, poll.Id, action), title));
        switch (poll.Phase)
        {
            case PollPhase.Collecting:
                Phase(PhaseActions.Open, "Open voting");
                break;
            case PollPhase.Voting:
                Phase(PhaseActions.Close, "Close voting");
                break;
            default:
                Phase(PhaseActions.Reopen, "Reopen");
                break;
        }

        Phase(PhaseActions.Reset, "Reset votes");
        if (!poll.ResultsVisible)
        {
            Phase(PhaseActions.Reveal, "Reveal results");
        }

        body.Add(new ActionSet { Actions = phase });
        var visibleItems = poll.Items.Where(i => i.IsVisible).ToList();
        if (poll.Kind == PollKind.IdeaBoard && visibleItems.Count > 0)
        {
            var choices = visibleItems.Select(i => new Choice(Label(i.Text, ShortLabel), i.Id)).ToList();
            body.Add(new TextBlock { Text = "Moderate ideas (logged)", Weight = TextWeight.Bolder, Separator = true });
            body.Add(new ChoiceSetInput { Id = "itemId", Label = "Idea", Choices = choices, Value = choices[0].Value, Wrap = true });
            body.Add(new ChoiceSetInput { Id = "intoItemId", Label = "Merge into (for merge)", Choices = choices, Wrap = true });
            body.Add(new TextInput { Id = "text", Label = "New wording (for edit)", MaxLength = Poll.MaxItemLength, IsMultiline = true });
            body.Add(new ActionSet
            {
                Actions =
                [
                    ExecuteAction.Create(WorkshopVerbs.Moderate, new ModerateData(session.Id, poll.Id, ModerateActions.Merge), "Merge"),
                    ExecuteAction.Create(WorkshopVerbs.Moderate, new ModerateData(session.Id, poll.Id, ModerateActions.Edit), "Edit wording"),
                    ExecuteAction.Create(WorkshopVerbs.Moderate, new ModerateData(session.Id, poll.Id, ModerateActions.Hide), "Hide") with { Style = ActionStyle.Destructive },
                ],
            });
        }

        if (poll.Kind == PollKind.GradeRatification)
        {
            body.AddRange(GradesFromReturns(poll));
            var leading = snapshot.Results.FirstOrDefault(r => r.Dots > 0);
            body.Add(new TextBlock { Text = "Ratify the multi-agency grade", Weight = TextWeight.Bolder, Separator = true });
            body.Add(new ChoiceSetInput
            {
                Id = "grade",
                Label = "Grade",
                Choices = poll.Options.Select(o => new Choice(o.Label, o.Id)).ToList(),
                Value = leading?.OptionId ?? poll.Options.FirstOrDefault()?.Id,
            });
            body.Add(new TextInput { Id = "rationale", Label = "Rationale", IsMultiline = true, IsRequired = true, ErrorMessage = "Give the rationale.", MaxLength = WorkshopSession.MaxRationaleLength });
            body.Add(new ActionSet { Actions = [ExecuteAction.Create(WorkshopVerbs.Ratify, new RatifyData(session.Id, poll.Id), "Confirm grade") with { Style = ActionStyle.Positive }] });
        }

        body.AddRange(Results(snapshot with { Poll = poll }, forceVisible: true));
        return new AdaptiveCard { FallbackText = $"Chair controls: {Label(poll.Prompt)}", Body = body };
    }

    public static AdaptiveCard IdentifierWarning(AddIdeaData data, IdentifierCheck check) => new()
    {
        FallbackText = "Check your idea for personal information.",
        Body =
        [
            Title("Check before adding"),
            new TextBlock { Text = "Your idea may contain information that identifies someone: " + check.Summary, Wrap = true, Color = TextColor.Attention },
            new TextBlock { Text = "Remove it and add the idea again, or confirm that it does not identify anyone (your confirmation is logged).", Wrap = true },
            new TextInput { Id = "text", Label = "Your idea", Value = data.Text, IsMultiline = true, MaxLength = Poll.MaxItemLength },
        ],
        Actions =
        [
            ExecuteAction.Create(WorkshopVerbs.AddIdea, data with { Text = null, ConfirmNotIdentifying = false }, "Add the edited idea"),
            ExecuteAction.Create(WorkshopVerbs.AddIdea, data with { Text = null, ConfirmNotIdentifying = true }, "It does not identify anyone: add it"),
        ],
    };

    public static AdaptiveCard Export(WorkshopSession session, IReadOnlyList<(string FileName, string Csv)> files, Uri? download = null)
    {
        var body = new List<CardElement>
        {
            Title("Workshop results (CSV)"),
            new TextBlock { Text = Label(session.AuditTitle), Wrap = true, IsSubtle = true },
            new TextBlock
            {
                Text = download is null
                    ? "Downloads need the bot's public address (WorkshopBot:PublicBaseUrl); a preview follows."
                    : "Download the full file (the link is yours alone and works for 15 minutes). A preview follows.",
                Wrap = true,
                Size = TextSize.Small,
            },
        };
        var budget = 20_000;
        foreach (var (fileName, csv) in files)
        {
            var shown = csv.Length <= budget ? csv : csv[..Math.Max(0, budget)] + "\n... (shortened)";
            budget -= shown.Length;
            body.Add(new TextBlock { Text = fileName, Weight = TextWeight.Bolder, Separator = true });
            body.Add(new TextBlock { Text = shown.Length == 0 ? "(shortened)" : shown, Wrap = true, Size = TextSize.Small, Style = TextBlockStyle.Default });
        }

        return new AdaptiveCard
        {
            FallbackText = "Workshop results as CSV",
            Body = body,
            Actions = download is null ? null : [new OpenUrlAction(download, "Download CSV")],
        };
    }

    public static AdaptiveCard Notice(string title, string message) => new()
    {
        FallbackText = message,
        Body = [Title(title), new TextBlock { Text = message, Wrap = true }],
    };

    /// <summary>Idea text in pickers, where the full text is already shown above.</summary>
    public const int ShortLabel = 80;

    internal static string Label(string text, int max = MaxLabelOnCard)
    {
        var single = text.Replace('\n', ' ');
        return single.Length <= max ? single : single[..(max - 3)] + "...";
    }

    private static IEnumerable<CardElement> IdeaList(Poll poll)
    {
        var visible = poll.Items.Where(i => i.IsVisible).ToList();
        if (visible.Count == 0)
        {
            yield return new TextBlock { Text = "No ideas yet. Press Add idea.", Wrap = true, IsSubtle = true };
            yield break;
        }

        yield return new FactSet
        {
            Facts = visible.Select((i, n) => new Fact((n + 1).ToString(CultureInfo.InvariantCulture) + ".", Label(i.Text) + Tags(i))).ToList(),
        };
    }

    private static string Tags(IdeaItem item)
    {
        var tags = new[] { item.AgencyName, Themes.Find(item.ThemeKey)?.DisplayName, item.CaseReference }.Where(t => !string.IsNullOrEmpty(t)).ToList();
        return tags.Count == 0 ? "" : " (" + string.Join("; ", tags) + ")";
    }

    private static IEnumerable<CardElement> Results(PollSnapshot snapshot, bool forceVisible = false)
    {
        var poll = snapshot.Poll;
        if (!poll.ResultsVisible && !forceVisible)
        {
            yield return new TextBlock { Text = $"Results are hidden until voting closes. {Plural(snapshot.VoterCount, "person has", "people have")} voted.", Wrap = true, IsSubtle = true };
            yield break;
        }

        var unit = poll.Kind == PollKind.IdeaBoard ? "dot" : "vote";
        yield return new FactSet
        {
            Separator = true,
            Facts = snapshot.Results.Select(r => new Fact($"#{r.Rank} · {Plural(r.Dots, unit)}", Label(r.Label))).ToList(),
        };
    }

    private static IEnumerable<CardElement> GradesFromReturns(Poll poll)
    {
        if (poll.Kind != PollKind.GradeRatification)
        {
            yield break;
        }

        yield return new TextBlock { Text = $"Single-agency grades for case {poll.CaseReference}:", Wrap = true, Weight = TextWeight.Bolder };
        yield return poll.AgencyGrades.Count == 0
            ? new TextBlock { Text = "No graded returns yet.", Wrap = true, IsSubtle = true }
            : new FactSet { Facts = poll.AgencyGrades.Select(g => new Fact(Label(g.AgencyName), g.GradeLabel)).ToList() };
    }

    private static string Status(Poll poll, PollSnapshot snapshot)
    {
        var phase = poll.Phase switch
        {
            PollPhase.Collecting when poll.Kind == PollKind.IdeaBoard => $"Adding ideas · {Plural(poll.Items.Count(i => i.IsVisible), "idea")}",
            PollPhase.Collecting => "Not open yet",
            PollPhase.Voting => $"Voting open · {snapshot.VoterCount} of {Plural(snapshot.Participants, "participant")} voted",
            _ => $"Closed · {Plural(snapshot.VoterCount, "person", "people")} voted",
        };
        if (poll.IsOpen && poll.ClosesAt is { } closesAt)
        {
            phase += $" · closes at {{{{TIME({closesAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)})}}}}";
        }

        if (poll.Kind == PollKind.IdeaBoard)
        {
            phase += $" · {Plural(poll.DotsPerVoter, "dot")} each" + (poll.Anonymous ? " · anonymous" : "");
        }

        return phase;
    }

    private static CardAction AddIdeaAction(WorkshopSession session, Poll poll) => new ShowCardAction
    {
        Title = "Add idea",
        Card = new AdaptiveCard
        {
            Schema = null,
            Body =
            [
                new TextInput { Id = "text", Label = "Your idea", IsMultiline = true, IsRequired = true, ErrorMessage = "Write your idea.", MaxLength = Poll.MaxItemLength },
                new ChoiceSetInput { Id = "caseReference", Label = "Case (optional)", Choices = session.Cases.Select(c => new Choice(c, c)).ToList() },
                new ChoiceSetInput { Id = "agencyId", Label = "Agency (optional)", Choices = session.Agencies.Select(a => new Choice(Label(a.Name), a.Id)).ToList() },
                new ChoiceSetInput { Id = "theme", Label = "Theme (optional)", Choices = Themes.All.Select(t => new Choice(t.DisplayName, t.Key)).ToList() },
                new TextBlock { Text = poll.Anonymous ? "This board is anonymous: your name is not stored with your idea." : "Your name is stored with your idea (not shown on the card).", Wrap = true, Size = TextSize.Small, IsSubtle = true },
            ],
            Actions = [ExecuteAction.Create(WorkshopVerbs.AddIdea, new AddIdeaData(session.Id, poll.Id), "Add")],
        },
    };

    private static TextBlock Title(string text) => new() { Text = text, Size = TextSize.Medium, Weight = TextWeight.Bolder, Wrap = true };

    private static string Dots(int count) => count == 0 ? "·" : new string('●', Math.Min(count, Poll.MaxDots));

    private static string Plural(int count, string singular, string? plural = null) =>
        $"{count.ToString(CultureInfo.InvariantCulture)} {(count == 1 ? singular : plural ?? singular + "s")}";
}

/// <summary>Values of the chair panel's "Kind" input.</summary>
public static class PollTypes
{
    public const string WorkedWell = "worked-well";
    public const string CouldImprove = "could-improve";
    public const string CustomBoard = "custom-board";
    public const string Single = "single";
    public const string Multiple = "multiple";
    public const string RatingFive = "rating-5";
    public const string RatingAgree = "rating-agree";
    public const string Grade = "grade";
}
