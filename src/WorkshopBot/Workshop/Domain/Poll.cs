using System.Text.Json.Serialization;
using WorkshopBot.Audits.Domain;

namespace WorkshopBot.Workshop.Domain;

/// <summary>
/// One poll of a workshop. Anonymity is fixed when the poll is created. Created in <c>Poll.Create.cs</c>; ideas are
/// added and moderated in <c>Poll.Ideas.cs</c>; voting opens and closes in <c>Poll.Voting.cs</c>.
/// </summary>
public sealed partial class Poll
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

    /// <summary>The single-agency grades of the case's submitted returns, once released (<see cref="GradesReleased"/>).</summary>
    [JsonInclude]
    public IReadOnlyList<AgencyGrade> AgencyGrades { get; private set; } = [];

    /// <summary>
    /// True when <see cref="AgencyGrades"/> were read after the chair released the returns. A poll stored before this was
    /// kept reads false, so grades it took before release are never shown.
    /// </summary>
    [JsonInclude]
    public bool GradesReleased { get; private set; }

    /// <summary>The outbox key of the message that posted the poll's card in the workshop conversation (updated in place).</summary>
    [JsonInclude]
    public string? CardPostKey { get; private set; }

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
    public IReadOnlyList<PollOption> VotableOptions => Kind == PollKind.IdeaBoard ? IdeaOptions() : Options;

    // The visible ideas as options, with the list they were made from. Items is replaced, never changed in place, when
    // ideas change, so the options stand while it is the same list. A vote asks for them three times, and every turn
    // reading the same stored poll shares one instance; the pair is published as one reference, so a thread sees the
    // options of one list.
    private VotableIdeas? votableIdeas;

    private IReadOnlyList<PollOption> IdeaOptions()
    {
        var kept = votableIdeas;
        if (kept is not null && ReferenceEquals(kept.From, Items))
        {
            return kept.Options;
        }

        var items = Items;
        var options = items.Where(i => i.IsVisible).Select(i => new PollOption(i.Id, i.Text)).ToList().AsReadOnly();
        votableIdeas = new VotableIdeas(items, options);
        return options;
    }

    private sealed record VotableIdeas(IReadOnlyList<IdeaItem> From, IReadOnlyList<PollOption> Options);

    public string KindLabel => Kind switch
    {
        PollKind.IdeaBoard => "Idea board",
        PollKind.SingleChoice => "Single choice",
        PollKind.MultipleChoice => "Multiple choice",
        PollKind.Rating => "Rating",
        _ => "Grade ratification",
    };

    public IdeaItem? FindItem(string? itemId) => Items.FirstOrDefault(i => string.Equals(i.Id, itemId, StringComparison.Ordinal));

    public PollOption? FindOption(string? optionId) =>
        VotableOptions.FirstOrDefault(o => string.Equals(o.Id, optionId, StringComparison.Ordinal));

    internal void AttachCard(string postKey) => CardPostKey = postKey;

    /// <summary>
    /// True when this poll is set up as <paramref name="other"/> and nothing has happened on it yet (never opened, no
    /// ideas): <paramref name="other"/> is then the same poll again, as a double press of Create poll makes it.
    /// </summary>
    internal bool IsUnusedTwinOf(Poll other) =>
        Openings == 0 && Resets == 0 && Items.Count == 0 && !Revealed && Phase == other.Phase && Kind == other.Kind
        && Prompt == other.Prompt && Board == other.Board && Anonymous == other.Anonymous && DotsPerVoter == other.DotsPerVoter
        && MaxDotsPerItem == other.MaxDotsPerItem && Visibility == other.Visibility && TimerMinutes == other.TimerMinutes
        && CaseReference == other.CaseReference && Options.Select(o => o.Label).SequenceEqual(other.Options.Select(o => o.Label));

    /// <summary>True when <paramref name="released"/> (null: not released) is not what the poll shows.</summary>
    public bool GradesDifferFrom(IReadOnlyList<AgencyGrade>? released) =>
        Kind == PollKind.GradeRatification
        && (GradesReleased != (released is not null) || (released is not null && !AgencyGrades.SequenceEqual(released)));

    /// <summary>The grades as read now: the released ones, or none (and a line saying why) while not released.</summary>
    internal void ShowGrades(IReadOnlyList<AgencyGrade>? released)
    {
        AgencyGrades = released ?? [];
        GradesReleased = released is not null;
    }
}
