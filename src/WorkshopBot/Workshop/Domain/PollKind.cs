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
