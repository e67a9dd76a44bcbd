using System.Globalization;
using System.Text.Json.Serialization;
using WorkshopBot.Common;
using WorkshopBot.Common.Privacy;

namespace WorkshopBot.Briefings.Domain;

/// <summary>The seven boxes of the 7-minute briefing, in reading order.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<BriefingBoxKind>))]
public enum BriefingBoxKind
{
    Background,
    WhyItMatters,
    WorkedWell,
    CouldImprove,
    GradesAndFindings,
    NextSteps,
    DoNow,
}

/// <summary>
/// One box: an optional lead sentence and points read aloud in order. <see cref="Questions"/> is used by the
/// "What can you do now?" box only (the questions for the team's discussion).
/// </summary>
public sealed record BriefingBox(
    BriefingBoxKind Kind,
    string Title,
    string? Lead,
    IReadOnlyList<string> Points,
    IReadOnlyList<string> Questions,
    bool EditedByChair = false)
{
    /// <summary>Every piece of text in the box, title first.</summary>
    public IEnumerable<string> AllText()
    {
        yield return Title;
        if (!string.IsNullOrEmpty(Lead))
        {
            yield return Lead;
        }

        foreach (var point in Points)
        {
            yield return point;
        }

        foreach (var question in Questions)
        {
            yield return question;
        }
    }
}

/// <summary>How many cases (multi-agency) and single-agency returns received one grade.</summary>
public sealed record GradeCount(string Key, string Label, int Cases, int Returns);

/// <summary>Who agreed a recommendation: the partnership at its workshop, or one agency in its own returns.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RecommendationSource>))]
public enum RecommendationSource
{
    Partnership,
    SingleAgency,
}

/// <summary>
/// A recommendation as the briefing states it, kept as data so that an action plan can be made from the approved briefing:
/// what will change, the owner agency, the target date and (for the partnership's) the measure of success.
/// </summary>
public sealed record BriefingRecommendation(
    string Text, string Owner, DateOnly TargetDate, string? Measure, RecommendationSource Source)
{
    /// <summary>
    /// The point the "next" box stated it as when composed, which the action plan compares the approved box with, so that
    /// a later change to the composer's wording never loses a stored briefing's points. Briefings stored before it was kept
    /// have none: the composer's wording of the day stands in.
    /// </summary>
    public string? Point { get; init; }

    /// <summary>
    /// For a workshop's recommendation, the id of the owner the chair chose (the partnership's, or one of the audit's
    /// agencies'), so that an action made from it is owned by that owner whatever its name; null for a single agency's
    /// recommendation, and for briefings stored before it was kept.
    /// </summary>
    public string? OwnerId { get; init; }
}

/// <summary>
/// A single-agency recommendation from the returns that names no target month: the briefing only counts these in the
/// closing line of its "next" box, but keeps each as data (its text and the agencies that made it) so that the chair can
/// still turn it into an action, giving it a due date.
/// </summary>
public sealed record UndatedRecommendation(string Text, string Owner);

/// <summary>
/// The footer printed under every copy of the briefing. <see cref="PublicationDate"/> (named so in stored briefings) is the
/// day the briefing was composed, which edits keep: copies print the day the version was first published instead, or
/// that it is not yet (<see cref="BriefingDates"/>, kept by <see cref="BriefingRecord"/>).
/// </summary>
public sealed record BriefingFooter(string AnonymisationNote, DateOnly PublicationDate, string Contact)
{
    /// <summary>
    /// The footer's text as scanned and counted: its date line has as many words as the one published copies print.
    /// </summary>
    public IEnumerable<string> AllText()
    {
        yield return AnonymisationNote;
        // Fixed culture: the text is scanned, counted and posted, so it must not change with the server's locale.
        yield return $"Published {PublicationDate.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"))}.";
        yield return Contact;
    }
}

/// <summary>A composed (or edited) 7-minute briefing. Immutable: an edit makes a new one.</summary>
public sealed record Briefing(
    Guid AuditId,
    string Title,
    IReadOnlyList<BriefingBox> Boxes,
    IReadOnlyList<GradeCount> Grades,
    BriefingFooter Footer)
{
    /// <summary>About seven minutes read aloud.</summary>
    public const int MaxWords = 900;

    /// <summary>The questions for a team's discussion: three or four.</summary>
    public const int MinQuestions = 3;

    public const int MaxQuestions = 4;

    /// <summary>
    /// Every recommendation with an owner and a target date, the partnership's first, as composed (the chair's edits of the
    /// "next" box change its wording, not this list: the action plan reads the approved box, and takes from this list only
    /// what the box still states as composed, or screens what it never stated). Briefings stored before it was kept have none.
    /// </summary>
    public IReadOnlyList<BriefingRecommendation> Recommendations { get; init; } = [];

    /// <summary>
    /// Agencies' recommendations without a target month, as composed (counted, not stated, in the "next" box, so not
    /// screened by approval: the action plan screens each itself). Briefings stored before they were kept have none.
    /// </summary>
    public IReadOnlyList<UndatedRecommendation> UndatedRecommendations { get; init; } = [];

    /// <summary>
    /// The "next" box's closing line counting agencies' undated recommendations, as composed (null when there were none, or
    /// in briefings stored before it was kept): the action plan knows it for a summary by this, not by its wording.
    /// </summary>
    public string? UndatedSummary { get; init; }

    public BriefingBox Box(BriefingBoxKind kind) => Boxes.First(b => b.Kind == kind);

    public IReadOnlyList<string> DiscussionQuestions => Box(BriefingBoxKind.DoNow).Questions;

    public Briefing WithBox(BriefingBox box)
    {
        ArgumentNullException.ThrowIfNull(box);
        return this with { Boxes = Boxes.Select(b => b.Kind == box.Kind ? box : b).ToList() };
    }

    /// <summary>
    /// The briefing with one box as the chair rewrote it: the opening sentence, the points and (in "What can you do
    /// now?") the team's questions, one per line. Refused when a text is too long or there are not three or four
    /// questions.
    /// </summary>
    public DomainResult<Briefing> EditBox(BriefingBoxKind kind, string? lead, string? points, string? questions)
    {
        var error = FreeText.Validate(lead, "The opening sentence", 1000)
            ?? FreeText.Validate(points, "The points")
            ?? FreeText.Validate(questions, "The questions", 2000);
        var questionList = BriefingText.SplitPoints(questions).ToList();
        if (error is null && kind == BriefingBoxKind.DoNow && questionList.Count is < MinQuestions or > MaxQuestions)
        {
            error = $"Give three or four questions for the team (one per line); there are {questionList.Count}.";
        }

        if (error is not null)
        {
            return DomainResult<Briefing>.Fail(DomainErrorKind.Invalid, error);
        }

        var normalisedLead = FreeText.Normalise(lead);
        return DomainResult<Briefing>.Ok(WithBox(Box(kind) with
        {
            Lead = normalisedLead.Length == 0 ? null : normalisedLead,
            Points = BriefingText.SplitPoints(points).ToList(),
            Questions = kind == BriefingBoxKind.DoNow ? questionList : [],
            EditedByChair = true,
        }));
    }

    /// <summary>The whole text as one string, for the identifier check and the word count.</summary>
    public string FullText() =>
        string.Join("\n", new[] { Title }.Concat(Boxes.SelectMany(b => b.AllText())).Concat(Footer.AllText()));

    public int WordCount => BriefingText.CountWords(FullText());
}
