// A save from a card older than the return: refused, saying who saved it since; or, when it carries exactly what is stored
// (the same button pressed twice, or Teams sending the press again), already saved.
using WorkshopBot.Common;
using WorkshopBot.Common.Privacy;

namespace WorkshopBot.Audits.Domain;

public sealed partial class AuditReturn
{
    /// <summary>Why a save from an older card that carries exactly the stored answers changes nothing (AlreadyDone).</summary>
    public const string AlreadySaved = "These answers are already saved.";

    /// <summary>
    /// True when every one of <paramref name="answers"/> is a question of the section answered exactly as stored (an empty
    /// answer where none is stored), with no text kept for its author in its place: saving them would change nothing.
    /// </summary>
    public bool Stores(string sectionId, IReadOnlyCollection<AnswerInput> answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var section = Sections.FirstOrDefault(s => s.Id == sectionId);
        return section is not null && answers.All(a => section.Questions.Any(q => q.Id == a.QuestionId)
            && !Held.ContainsKey(a.QuestionId) && Same(AnswerTo(a.QuestionId), a));

        static bool Same(QuestionAnswer? stored, AnswerInput input)
        {
            var narrative = FreeText.Normalise(input.Narrative);
            return stored is null
                ? input.Value is null && narrative.Length == 0
                : stored.Value == input.Value && string.Equals(stored.Narrative ?? string.Empty, narrative, StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// True when each part of the learning and grade that <paramref name="summary"/> sets is as stored (an empty text where
    /// none is stored, a grade by its key on the scale), with no text kept for its author in its place: saving it would change
    /// nothing.
    /// </summary>
    public bool Stores(ReturnSummaryInput summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var texts = ReturnSummaryFields.Texts.Where(summary.Sets).All(field => !HeldLearning.ContainsKey(field)
            && string.Equals(LearningText(field) ?? string.Empty, FreeText.Normalise(field switch
            {
                ReturnSummaryFields.GoodPractice => summary.GoodPractice,
                ReturnSummaryFields.AreasForDevelopment => summary.AreasForDevelopment,
                _ => summary.Recommendations,
            }), StringComparison.Ordinal));
        var grade = string.IsNullOrWhiteSpace(summary.GradeKey) ? null : summary.GradeKey.Trim();
        return texts && (!summary.Sets(ReturnSummaryFields.Grade)
            || (grade is null ? GradeKey is null : GradeScale.FindLevel(grade) is { } level && level.Key == GradeKey));
    }

    /// <summary>
    /// The refusal of a save from a card older than the return: who saved it since, unless that was <paramref name="by"/>
    /// (another card of theirs, or a second press), who is not told it as if someone else had.
    /// </summary>
    private DomainError StaleError(int expectedVersion, PersonRef by) => new(DomainErrorKind.Stale,
        LastSavedBy is { } last && last.IsSamePerson(by)
            ? $"This return has changed since you opened it: you have saved it since, from another card or with a second press "
                + $"(you had version {expectedVersion}, it is now version {Version}). Check the answers below, then make your "
                + "change again if it is not there."
            : $"This return has changed since you opened it (you had version {expectedVersion}, it is now version {Version}"
                + (LastSavedBy is null ? string.Empty : $", last saved by {MarkdownText.Escape(LastSavedBy.DisplayName)}")
                + "). Reload it to see the latest answers, then make your change again.");
}
