using WorkshopBot.Common.Privacy;

namespace WorkshopBot.Audits.Domain;

/// <summary>
/// An immediate-safety answer never waits on the identifier check of free text: while a page's text is refused or kept for
/// its author, the yes or no of its safety questions is saved at once, so the alert (or its withdrawal) goes at once.
/// </summary>
public sealed partial class AuditReturn
{
    /// <summary>Whether <paramref name="questionId"/> is one of this tool's immediate-safety questions.</summary>
    public bool IsSafetyQuestion(string questionId) => AllQuestions.Any(q => q.Id == questionId && q.IsSafetyQuestion);

    /// <summary>
    /// Of answers whose text waits on the identifier check (shown back to their author, or kept for them), what is saved all
    /// the same: an immediate-safety question's yes or no, as the text typed is not saved until it is checked. It keeps the
    /// narrative stored before only when that went with the same yes or no: a "yes" never carries the details of an earlier
    /// "no" to the chair, but has none yet. An empty answer is a change of nothing certain: it waits with its text.
    /// </summary>
    public IReadOnlyList<AnswerInput> ValuesSavedBeforeCheck(IEnumerable<AnswerInput> waiting)
    {
        ArgumentNullException.ThrowIfNull(waiting);
        return waiting.Where(a => a.Value is AnswerValue.Yes or AnswerValue.No && IsSafetyQuestion(a.QuestionId))
            .Select(a => new AnswerInput(a.QuestionId, a.Value,
                AnswerTo(a.QuestionId) is { } stored && stored.Value == a.Value ? stored.Narrative : null)).ToList();
    }

    /// <summary>
    /// Whether saving <paramref name="answers"/> whole and, of <paramref name="checking"/>, what
    /// <see cref="ValuesSavedBeforeCheck"/> saves, would change a stored immediate-safety answer: a page refused for its
    /// text is then saved that far at once (<see cref="SaveSection"/> with <c>checking</c>), and otherwise not at all.
    /// </summary>
    public bool ChangesSafetyAnswers(IEnumerable<AnswerInput> answers, IEnumerable<AnswerInput> checking)
    {
        ArgumentNullException.ThrowIfNull(answers);
        ArgumentNullException.ThrowIfNull(checking);
        return answers.Where(a => IsSafetyQuestion(a.QuestionId)).Concat(ValuesSavedBeforeCheck(checking)).Any(a =>
            AnswerTo(a.QuestionId) is var stored && (stored?.Value != a.Value
                || !string.Equals(stored?.Narrative ?? string.Empty, FreeText.Normalise(a.Narrative), StringComparison.Ordinal)));
    }
}
