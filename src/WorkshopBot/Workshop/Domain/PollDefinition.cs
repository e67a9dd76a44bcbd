using WorkshopBot.Audits.Domain;
namespace WorkshopBot.Workshop.Domain;

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
