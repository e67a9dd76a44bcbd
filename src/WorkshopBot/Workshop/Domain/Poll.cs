using System.Globalization;
using System.Text.Json.Serialization;
using WorkshopBot.Audits;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Common;
using WorkshopBot.Common.Privacy;

namespace WorkshopBot.Workshop.Domain;

public enum PollKind
{
    /// <summary>Participants add ideas, then spend dots on them.</summary>
    IdeaBoard,
    SingleChoice,
    MultipleChoice,
    Rating,

    /// <summary>Participants vote a case's multi-agency grade; the chair confirms it with a rationale.</summary>
    GradeRatification,
}

public enum PollPhase
{
    /// <summary>Ideas are being added (idea boards) or the poll is ready but not open.</summary>
    Collecting,
    Voting,
    Closed,
}

public enum ResultsVisibility
{
    /// <summary>Counts show as votes arrive.</summary>
    Live,

    /// <summary>Counts show once the poll closes, or when the chair reveals them.</summary>
    HiddenUntilClose,
}

public enum RatingScale
{
    OneToFive,
    AgreeDisagree,
}

/// <summary>Something to vote for: an idea's id and text, a choice, a rating or a grade level.</summary>
public sealed record PollOption(string Id, string Label);

/// <summary>
/// An idea on a board. On an anonymous board <see cref="AuthorKey"/> is null from the start: the author is never stored.
/// </summary>
public sealed record IdeaItem(
    string Id,
    string Text,
    string? AuthorKey,
    string? AgencyName,
    string? ThemeKey,
    string? CaseReference,
    bool Hidden,
    string? MergedIntoId,
    DateTimeOffset AddedAt)
{
    public bool IsVisible => !Hidden && MergedIntoId is null;
}

/// <summary>A single-agency grade from a return, shown while the multi-agency grade is voted.</summary>
public sealed record AgencyGrade(string AgencyName, string GradeLabel);

/// <summary>What the chair chose when creating a poll.</summary>
public sealed record PollDefinition(
    PollKind Kind,
    string Prompt,
    IdeaBoardKind? Board = null,
    bool Anonymous = false,
    int DotsPerVoter = 5,
    int MaxDotsPerItem = 5,
    ResultsVisibility Visibility = ResultsVisibility.Live,
    int? TimerMinutes = null,
    IReadOnlyList<string>? Choices = null,
    RatingScale RatingScale = RatingScale.OneToFive,
    string? CaseReference = null);

/// <summary>One poll of a workshop. Anonymity is fixed when the poll is created.</summary>
public sealed class Poll
{
    public const int MaxPromptLength = 300;
    public const int MaxItemLength = 500;
    public const int MaxItems = 40;
    public const int MaxChoices = 12;
    public const int MaxDots = 20;
    public const int MaxTimerMinutes = 120;

    public static readonly string WorkedWellPrompt = "What worked well?";
    public static readonly string CouldImprovePrompt = "What could we improve?";

    [JsonConstructor]
    private Poll()
    {
    }

    [JsonInclude]
    public string Id { get; private set; } = "";

    [JsonInclude]
    public int Number { get; private set; }

    [JsonInclude]
    public PollKind Kind { get; private set; }

    [JsonInclude]
    public string Prompt { get; private set; } = "";

    [JsonInclude]
    public IdeaBoardKind? Board { get; private set; }

    /// <summary>Chosen at creation; there is no method that changes it.</summary>
    [JsonInclude]
    public bool Anonymous { get; private set; }

    [JsonInclude]
    public int DotsPerVoter { get; private set; }

    [JsonInclude]
    public int MaxDotsPerItem { get; private set; }

    [JsonInclude]
    public ResultsVisibility Visibility { get; private set; }

    [JsonInclude]
    public bool Revealed { get; private set; }

    [JsonInclude]
    public PollPhase Phase { get; private set; }

    [JsonInclude]
    public int? TimerMinutes { get; private set; }

    [JsonInclude]
    public DateTimeOffset? ClosesAt { get; private set; }

    [JsonInclude]
    public IReadOnlyList<PollOption> Options { get; private set; } = [];

    [JsonInclude]
    public IReadOnlyList<IdeaItem> Items { get; private set; } = [];

    [JsonInclude]
    public string? CaseReference { get; private set; }

    [JsonInclude]
    public IReadOnlyList<AgencyGrade> AgencyGrades { get; private set; } = [];

    /// <summary>The id of the poll's card in the workshop conversation, updated in place.</summary>
    [JsonInclude]
    public string? CardActivityId { get; private set; }

    /// <summary>Grows each time voting opens, so per-opening sends (personal ballots) have their own dedupe keys.</summary>
    [JsonInclude]
    public int Openings { get; private set; }

    [JsonInclude]
    public int Resets { get; private set; }

    [JsonInclude]
    public int NextItemNumber { get; private set; } = 1;

    [JsonInclude]
    public DateTimeOffset CreatedAt { get; private set; }

    public bool IsOpen => Phase == PollPhase.Voting;

    public bool ResultsVisible => Visibility == ResultsVisibility.Live || Revealed || Phase == PollPhase.Closed;

    /// <summary>Dots per person as the vote store enforces them.</summary>
    public int Budget => Kind switch
    {
        PollKind.IdeaBoard => DotsPerVoter,
        PollKind.MultipleChoice => Options.Count,
        _ => 1,
    };

    public int MaxPerOption => Kind == PollKind.IdeaBoard ? MaxDotsPerItem : 1;

    /// <summary>What can receive votes now: visible ideas, or the poll's options.</summary>
    public IReadOnlyList<PollOption> VotableOptions => Kind == PollKind.IdeaBoard
        ? Items.Where(i => i.IsVisible).Select(i => new PollOption(i.Id, i.Text)).ToList()
        : Options;

    public string KindLabel => Kind switch
    {
        PollKind.IdeaBoard => "Idea board",
        PollKind.SingleChoice => "Single choice",
        PollKind.MultipleChoice => "Multiple choice",
        PollKind.Rating => "Rating",
        _ => "Grade ratification",
    };

    internal static DomainResult<Poll> Create(string id, int number, PollDefinition definition, GradeScale gradeScale,
        IReadOnlyList<AgencyGrade> agencyGrades, DateTimeOffset now)
    {
        var prompt = FreeText.Normalise(definition.Board switch
        {
            IdeaBoardKind.WorkedWell when string.IsNullOrWhiteSpace(definition.Prompt) => WorkedWellPrompt,
            IdeaBoardKind.CouldImprove when string.IsNullOrWhiteSpace(definition.Prompt) => CouldImprovePrompt,
            _ => definition.Prompt,
        });
        if (definition.Kind == PollKind.GradeRatification && string.IsNullOrWhiteSpace(prompt))
        {
            prompt = $"What is the multi-agency grade for case {definition.CaseReference}?";
        }

        var error = string.IsNullOrWhiteSpace(prompt) ? "Give the poll a question or prompt." : FreeText.Validate(prompt, "The prompt", MaxPromptLength);
        if (error is not null)
        {
            return Fail(error);
        }

        if (IdentifierScanner.Default.Check(prompt).HasFindings)
        {
            return Fail("The prompt looks like it contains personal information (a date, phone number, postcode or NHS number). Please reword it.");
        }

        if (definition.TimerMinutes is { } minutes && minutes is < 1 or > MaxTimerMinutes)
        {
            return Fail($"A phase timer is 1 to {MaxTimerMinutes} minutes.");
        }

        var poll = new Poll
        {
            Id = id,
            Number = number,
            Kind = definition.Kind,
            Prompt = prompt,
            Visibility = definition.Visibility,
            TimerMinutes = definition.TimerMinutes,
            Phase = PollPhase.Collecting,
            DotsPerVoter = 1,
            MaxDotsPerItem = 1,
            CreatedAt = now,
        };
        switch (definition.Kind)
        {
            case PollKind.IdeaBoard:
                if (definition.DotsPerVoter is < 1 or > MaxDots || definition.MaxDotsPerItem < 1 || definition.MaxDotsPerItem > definition.DotsPerVoter)
                {
                    return Fail($"Each person has 1 to {MaxDots} dots, and at most that many on one idea.");
                }

                poll.Board = definition.Board ?? IdeaBoardKind.Custom;
                poll.Anonymous = definition.Anonymous;
                poll.DotsPerVoter = definition.DotsPerVoter;
                poll.MaxDotsPerItem = definition.MaxDotsPerItem;
                break;

            case PollKind.SingleChoice or PollKind.MultipleChoice:
                var choices = (definition.Choices ?? []).Select(FreeText.Normalise).Where(c => c.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
                if (choices.Count is < 2 or > MaxChoices)
                {
                    return Fail($"Give 2 to {MaxChoices} different choices, one per line.");
                }

                if (choices.FirstOrDefault(c => c.Length > MaxPromptLength || IdentifierScanner.Default.Check(c).HasFindings) is { } bad)
                {
                    return Fail($"The choice \"{Shorten(bad)}\" is too long or looks like personal information.");
                }

                poll.Options = choices.Select((c, i) => new PollOption("c" + (i + 1).ToString(CultureInfo.InvariantCulture), c)).ToList();
                break;

            case PollKind.Rating:
                poll.Options = definition.RatingScale == RatingScale.OneToFive
                    ? Enumerable.Range(1, 5).Select(i => new PollOption(i.ToString(CultureInfo.InvariantCulture), i.ToString(CultureInfo.InvariantCulture))).ToList()
                    : [new("strongly-agree", "Strongly agree"), new("agree", "Agree"), new("neutral", "Neither agree nor disagree"), new("disagree", "Disagree"), new("strongly-disagree", "Strongly disagree")];
                break;

            case PollKind.GradeRatification:
                if (string.IsNullOrWhiteSpace(definition.CaseReference))
                {
                    return Fail("Choose the case whose grade is being ratified.");
                }

                poll.CaseReference = definition.CaseReference;
                poll.AgencyGrades = agencyGrades;
                poll.Options = gradeScale.Levels.OrderBy(l => l.Rank).Select(l => new PollOption(l.Key, l.Label)).ToList();
                break;

            default:
                return Fail("Choose a kind of poll.");
        }

        return DomainResult<Poll>.Ok(poll);
    }

    public IdeaItem? FindItem(string? itemId) => Items.FirstOrDefault(i => string.Equals(i.Id, itemId, StringComparison.Ordinal));

    public PollOption? FindOption(string? optionId) => VotableOptions.FirstOrDefault(o => string.Equals(o.Id, optionId, StringComparison.Ordinal));

    internal DomainResult<IdeaItem> AddItem(string text, string? authorKey, string? agencyName, string? themeKey, string? caseReference, DateTimeOffset now)
    {
        if (Kind != PollKind.IdeaBoard)
        {
            return DomainResult<IdeaItem>.Fail(DomainErrorKind.NotAllowed, "Ideas are added to idea boards only.");
        }

        if (Phase != PollPhase.Collecting)
        {
            return DomainResult<IdeaItem>.Fail(DomainErrorKind.NotAllowed, "Adding ideas has finished on this board.");
        }

        if (Items.Count >= MaxItems)
        {
            return DomainResult<IdeaItem>.Fail(DomainErrorKind.NotAllowed, $"This board is full ({MaxItems} ideas). The chair can merge duplicates.");
        }

        var item = new IdeaItem("i" + NextItemNumber.ToString(CultureInfo.InvariantCulture), text,
            Anonymous ? null : authorKey, agencyName, themeKey, caseReference, Hidden: false, MergedIntoId: null, now);
        NextItemNumber++;
        Items = [.. Items, item];
        return DomainResult<IdeaItem>.Ok(item);
    }

    internal DomainResult MergeItem(string itemId, string intoItemId)
    {
        if (Phase != PollPhase.Collecting)
        {
            return DomainResult.NotAllowed("Merge duplicates before voting opens, so no dots are lost.");
        }

        var item = FindItem(itemId);
        var into = FindItem(intoItemId);
        if (item is null || into is null || !item.IsVisible || !into.IsVisible || item.Id == into.Id)
        {
            return DomainResult.NotFound("Choose two different ideas that are still on the board.");
        }

        Items = Items.Select(i => i.Id == item.Id ? i with { MergedIntoId = into.Id } : i).ToList();
        return DomainResult.Ok;
    }

    internal DomainResult EditItem(string itemId, string text)
    {
        var item = FindItem(itemId);
        if (item is null || item.MergedIntoId is not null)
        {
            return DomainResult.NotFound("That idea is not on the board.");
        }

        Items = Items.Select(i => i.Id == item.Id ? i with { Text = text } : i).ToList();
        return DomainResult.Ok;
    }

    internal DomainResult HideItem(string itemId)
    {
        // Dots already on a hidden idea could be neither taken back nor spent elsewhere.
        if (Phase != PollPhase.Collecting)
        {
            return DomainResult.NotAllowed("Hide ideas before voting opens, so no dots are lost. You can still edit the wording.");
        }

        var item = FindItem(itemId);
        if (item is null || !item.IsVisible)
        {
            return DomainResult.NotFound("That idea is not on the board.");
        }

        Items = Items.Select(i => i.Id == item.Id ? i with { Hidden = true } : i).ToList();
        return DomainResult.Ok;
    }

    internal DomainResult Open(DateTimeOffset now)
    {
        if (Phase != PollPhase.Collecting)
        {
            return DomainResult.Fail(DomainErrorKind.AlreadyDone, Phase == PollPhase.Voting ? "Voting is already open." : "This poll is closed; reopen it instead.");
        }

        if (VotableOptions.Count == 0)
        {
            return DomainResult.Invalid("There is nothing to vote on yet: add ideas first.");
        }

        StartVoting(now);
        return DomainResult.Ok;
    }

    internal DomainResult Close()
    {
        if (Phase != PollPhase.Voting)
        {
            return DomainResult.Fail(DomainErrorKind.AlreadyDone, "Voting is not open.");
        }

        Phase = PollPhase.Closed;
        ClosesAt = null;
        return DomainResult.Ok;
    }

    internal DomainResult Reopen(DateTimeOffset now)
    {
        if (Phase != PollPhase.Closed)
        {
            return DomainResult.Fail(DomainErrorKind.AlreadyDone, "Only a closed poll can be reopened.");
        }

        StartVoting(now);
        return DomainResult.Ok;
    }

    internal DomainResult Reset()
    {
        Resets++;
        return DomainResult.Ok;
    }

    internal DomainResult Reveal()
    {
        if (ResultsVisible)
        {
            return DomainResult.Fail(DomainErrorKind.AlreadyDone, "The results are already visible.");
        }

        Revealed = true;
        return DomainResult.Ok;
    }

    internal void AttachCard(string activityId) => CardActivityId = activityId;

    private void StartVoting(DateTimeOffset now)
    {
        Phase = PollPhase.Voting;
        Openings++;
        ClosesAt = TimerMinutes is { } minutes ? now.AddMinutes(minutes) : null;
    }

    private static DomainResult<Poll> Fail(string message) => DomainResult<Poll>.Fail(DomainErrorKind.Invalid, message);

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "...";
}
