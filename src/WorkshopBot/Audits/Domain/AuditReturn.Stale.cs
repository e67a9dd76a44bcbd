// A save from a card older than the return: refused, saying who saved it since; or, when it carries exactly what is stored
// (the same button pressed twice, or Teams sending the press again), already saved. A new "yes, a child is unsafe now" on it
// is saved all the same (SaveConcernFromOlderCard), so no alert waits on an out-of-date card.
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
    /// Of the answers on a card of the section <paramref name="sectionId"/>, those that say a child is unsafe now where the
    /// return does not: an immediate-safety question of that section answered yes, stored as anything but yes.
    /// </summary>
    public IReadOnlyList<AnswerInput> NewConcerns(string sectionId, IEnumerable<AnswerInput> answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var section = Sections.FirstOrDefault(s => s.Id == sectionId);
        return section is null ? [] : answers.Where(a => a.Value == AnswerValue.Yes
            && section.Questions.Any(q => q.Id == a.QuestionId && q.IsSafetyQuestion)
            && AnswerTo(a.QuestionId)?.Value != AnswerValue.Yes).ToList();
    }

    /// <summary>
    /// A card older than the return never saves over newer answers, but a child unsafe now never waits on it: of its answers,
    /// the new concerns (<see cref="NewConcerns"/>) are saved as a save from a current card would save them, those in
    /// <paramref name="checking"/> by their yes alone (<see cref="ValuesSavedBeforeCheck"/>); nothing else on the card is.
    /// AlreadyDone when the return already says yes to each (the first of two presses saved them); refused as any save is
    /// when the return is submitted, or when the card is not older than the return.
    /// </summary>
    public DomainResult<ReturnSaveOutcome> SaveConcernFromOlderCard(string sectionId, IReadOnlyCollection<AnswerInput> answers,
        IReadOnlyCollection<AnswerInput> checking, int expectedVersion, PersonRef by, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(answers);
        ArgumentNullException.ThrowIfNull(checking);
        var refusal = RefuseEdit(expectedVersion, by);
        if (refusal is null || refusal.Kind != DomainErrorKind.Stale)
        {
            return refusal is null
                ? DomainResult<ReturnSaveOutcome>.Fail(DomainErrorKind.NotAllowed, "This card is up to date: save it as usual.")
                : DomainResult<ReturnSaveOutcome>.From(refusal);
        }

        var fresh = NewConcerns(sectionId, answers.Concat(checking));
        return fresh.Count == 0
            ? DomainResult<ReturnSaveOutcome>.Fail(DomainErrorKind.AlreadyDone, "Your immediate-safety answer is already saved.")
            : SaveSection(sectionId, answers.Where(fresh.Contains).ToList(), Version, by, now,
                checking: checking.Where(fresh.Contains).ToList());
    }

    /// <summary>
    /// Why a save from a card of <paramref name="expectedVersion"/>, older than the return, saves nothing over it: who saved it
    /// since (<paramref name="savedSinceBy"/>, read before a save of the card's new concern; else the last to save it).
    /// </summary>
    public string StaleMessage(int expectedVersion, PersonRef by, PersonRef? savedSinceBy = null) =>
        StaleError(expectedVersion, by, savedSinceBy ?? LastSavedBy).Message;

    /// <summary>
    /// The refusal of a save from a card older than the return: who saved it since, unless that was <paramref name="by"/>
    /// (another card of theirs, or a second press), who is not told it as if someone else had.
    /// </summary>
    private DomainError StaleError(int expectedVersion, PersonRef by) => StaleError(expectedVersion, by, LastSavedBy);

    private DomainError StaleError(int expectedVersion, PersonRef by, PersonRef? lastSavedBy) => new(DomainErrorKind.Stale,
        lastSavedBy is { } last && last.IsSamePerson(by)
            ? $"This return has changed since you opened it: you have saved it since, from another card or with a second press "
                + $"(you had version {expectedVersion}, it is now version {Version}). Check the answers below, then make your "
                + "change again if it is not there."
            : $"This return has changed since you opened it (you had version {expectedVersion}, it is now version {Version}"
                + (lastSavedBy is null ? string.Empty : $", last saved by {MarkdownText.Escape(lastSavedBy.DisplayName)}")
                + "). Reload it to see the latest answers, then make your change again.");
}
