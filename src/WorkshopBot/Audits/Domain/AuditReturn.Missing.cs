using WorkshopBot.Common;

namespace WorkshopBot.Audits.Domain;

/// <summary>The kinds of thing missing before a return can be submitted, in the order the review lists them.</summary>
public enum MissingKind
{
    /// <summary>A required question without an answer.</summary>
    Unanswered,

    /// <summary>An immediate-safety question answered yes without the details of the concern.</summary>
    SafetyDetails,

    /// <summary>An answer kept for its author, not saved (<see cref="AuditReturn.Held"/>).</summary>
    HeldAnswer,

    /// <summary>A part of the learning kept for its author, not saved (<see cref="AuditReturn.HeldLearning"/>).</summary>
    HeldLearning,

    /// <summary>Neither good practice nor areas for development.</summary>
    Learning,

    /// <summary>No single-agency grade.</summary>
    Grade,
}

/// <summary>
/// One thing missing before a return can be submitted and where it is asked: <paramref name="Id"/> is the question's id, or
/// for the learning and grade the part of the summary (<see cref="ReturnSummaryFields"/>).
/// </summary>
public sealed record MissingItem(MissingKind Kind, string Id);

/// <summary>What is still missing before a return can be submitted: one list, so the review and "Continue" agree.</summary>
public sealed partial class AuditReturn
{
    /// <summary>
    /// Everything missing before this return can be submitted, one item each, in the order <see cref="MissingForSubmission"/>
    /// lists it: required questions unanswered (in the tool's order), immediate-safety questions answered yes without their
    /// details, answers kept for their author, learning kept for its author, the learning, then the grade.
    /// </summary>
    public IReadOnlyList<MissingItem> MissingItems()
    {
        var missing = new List<MissingItem>();
        missing.AddRange(RequiredQuestions.Where(q => AnswerTo(q.Id)?.IsAnswered != true)
            .Select(q => new MissingItem(MissingKind.Unanswered, q.Id)));
        missing.AddRange(AllQuestions.Where(q => q.IsSafetyQuestion && AnswerTo(q.Id) is { Value: AnswerValue.Yes, Narrative: null })
            .Select(q => new MissingItem(MissingKind.SafetyDetails, q.Id)));
        missing.AddRange(AllQuestions.Where(q => Held.ContainsKey(q.Id)).Select(q => new MissingItem(MissingKind.HeldAnswer, q.Id)));
        missing.AddRange(ReturnSummaryFields.Texts.Where(HeldLearning.ContainsKey)
            .Select(field => new MissingItem(MissingKind.HeldLearning, field)));
        if (GoodPractice is null && AreasForDevelopment is null)
        {
            missing.Add(new MissingItem(MissingKind.Learning, ReturnSummaryFields.GoodPractice));
        }

        if (GradeKey is null)
        {
            missing.Add(new MissingItem(MissingKind.Grade, ReturnSummaryFields.Grade));
        }

        return missing;
    }

    /// <summary>
    /// What is still missing before this return can be submitted, one user-facing line each: <see cref="MissingItems"/>, in
    /// its order, those of a kind on one line (each immediate-safety question on its own).
    /// </summary>
    public IReadOnlyList<string> MissingForSubmission() =>
        MissingItems().GroupBy(m => m.Kind).SelectMany(g => Lines(g.Key, g.Select(m => m.Id).ToList())).ToList();

    private IEnumerable<string> Lines(MissingKind kind, IReadOnlyList<string> ids) => kind switch
    {
        MissingKind.Unanswered => [ids.Count == 1
            ? $"Answer question {Quoted(ids[0])}"
            : $"Answer these {ids.Count} questions: {string.Join("; ", ids.Select(Quoted))}"],
        MissingKind.SafetyDetails => ids.Select(id =>
            $"You answered yes to question {NumberOf(id)}: describe the concern and the action taken"),
        MissingKind.HeldAnswer => [$"Check and save what you typed for question{(ids.Count == 1 ? "" : "s")} "
            + $"{string.Join(", ", ids.Select(NumberOf))}: it is kept for you but not saved yet"],
        MissingKind.HeldLearning => [$"Check and save what you typed for "
            + $"{string.Join(", ", ids.Select(ReturnSummaryFields.Label)).ToLowerInvariant()}: it is kept for you but not saved yet"],
        MissingKind.Learning => ["Add good practice, areas for development, or both"],
        _ => [$"Choose a single-agency grade ({GradeScale.DescribeLevels()})"],
    };

    /// <summary>A question by its number and its text as the chair wrote it, cut and quoted.</summary>
    private string Quoted(string questionId) => $"{NumberOf(questionId)} {Shorten(AllQuestions.First(q => q.Id == questionId).Text)}";

    // The question as the chair wrote it, cut (never between the two halves of an emoji) and quoted, escaped for the card it
    // is shown on (see MarkdownText).
    private static string Shorten(string text) =>
        $"\"{MarkdownText.Escape(text.Length <= 60 ? text : TextCut.Prefix(text, 57).TrimEnd() + "...")}\"";
}
