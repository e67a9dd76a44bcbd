using System.Globalization;
using WorkshopBot.Common;
using WorkshopBot.Common.Privacy;

namespace WorkshopBot.Audits.Domain;

/// <summary>Changes to a return: saving its parts, submitting it once, and the chair reopening it.</summary>
public sealed partial class AuditReturn
{
    /// <summary>
    /// Saves answers to the questions of one section. <paramref name="hold"/>: answers typed with them that may identify
    /// someone and could not all be shown back in one card, kept for their author (<see cref="Held"/>), not saved.
    /// <paramref name="checking"/>: answers shown back to their author for the identifier check, not saved. Of those two,
    /// an immediate-safety answer's yes or no is saved all the same (<see cref="ValuesSavedBeforeCheck"/>).
    /// </summary>
    public DomainResult<ReturnSaveOutcome> SaveSection(string sectionId, IReadOnlyCollection<AnswerInput> answers,
        int expectedVersion, PersonRef by, DateTimeOffset now, IReadOnlyCollection<AnswerInput>? hold = null,
        IReadOnlyCollection<AnswerInput>? checking = null)
    {
        ArgumentNullException.ThrowIfNull(answers);
        (hold, checking) = (hold ?? [], checking ?? []);
        ArgumentNullException.ThrowIfNull(by);
        if (RefuseEdit(expectedVersion, by) is { } refusal)
        {
            // An older card carrying exactly what is stored (a second press) changes nothing, and is answered as saved.
            return refusal.Kind == DomainErrorKind.Stale && hold.Count == 0 && checking.Count == 0 && Stores(sectionId, answers)
                ? Fail(DomainErrorKind.AlreadyDone, AlreadySaved)
                : DomainResult<ReturnSaveOutcome>.From(refusal);
        }

        var section = Sections.FirstOrDefault(s => s.Id == sectionId);
        if (section is null)
        {
            return Fail(DomainErrorKind.NotFound, $"There is no section \"{sectionId}\" in this audit tool.");
        }

        foreach (var input in answers.Concat(hold).Concat(checking))
        {
            var question = section.Questions.FirstOrDefault(q => q.Id == input.QuestionId);
            if (question is null)
            {
                return Fail(DomainErrorKind.NotFound, $"There is no question \"{input.QuestionId}\" in \"{section.Title}\".");
            }

            if (input.Value is { } value && !Enum.IsDefined(value))
            {
                return Fail(DomainErrorKind.Invalid, $"Question {NumberOf(question.Id)}: choose yes, no, partly or not applicable.");
            }

            // The immediate-safety question is yes or no (its card offers no more): "partly" would count as answered and
            // alert nobody.
            if (question.IsSafetyQuestion && input.Value is AnswerValue.Partly or AnswerValue.NotApplicable)
            {
                return Fail(DomainErrorKind.Invalid, $"Question {NumberOf(question.Id)} asks about immediate safety: answer yes or no.");
            }

            // Text shown back for the check is not saved: it is validated when it is.
            var error = checking.Contains(input)
                ? null : FreeText.Validate(input.Narrative, $"Your answer to question {NumberOf(question.Id)}");
            if (error is not null)
            {
                return Fail(DomainErrorKind.Invalid, error);
            }
        }

        if (answers.Concat(hold).Concat(checking).GroupBy(a => a.QuestionId).Any(g => g.Count() > 1))
        {
            return Fail(DomainErrorKind.Invalid, "Each question can be answered only once per save.");
        }

        var updated = Answers.ToDictionary(StringComparer.Ordinal);
        foreach (var input in answers.Concat(ValuesSavedBeforeCheck(hold.Concat(checking))))
        {
            var narrative = FreeText.Normalise(input.Narrative);
            if (input.Value is null && narrative.Length == 0)
            {
                updated.Remove(input.QuestionId);
            }
            else
            {
                updated[input.QuestionId] = new QuestionAnswer(input.Value, narrative.Length == 0 ? null : narrative);
            }
        }

        // A question saved is no longer held; one held replaces what was held for it before.
        var held = Held.Where(h => answers.All(a => a.QuestionId != h.Key)).ToDictionary(StringComparer.Ordinal);
        foreach (var input in hold)
        {
            // A safety question's yes or no was saved above, never held: only its text is kept.
            held[input.QuestionId] = new QuestionAnswer(IsSafetyQuestion(input.QuestionId) ? null : input.Value,
                NullIfBlank(input.Narrative));
        }

        Held = held;
        var hadConcern = HasImmediateConcern;
        var hadDetails = ImmediateConcernDetails;
        Answers = updated;
        var safetyAnswers = AllQuestions.Where(q => q.IsSafetyQuestion).Select(q => AnswerTo(q.Id)).ToList();
        HasImmediateConcern = safetyAnswers.Any(a => a?.Value == AnswerValue.Yes);
        ImmediateConcernDetails = HasImmediateConcern ? ConcernDetails(safetyAnswers) : null;
        if (ImmediateConcernDetails?.Length == 0)
        {
            ImmediateConcernDetails = null;
        }

        Touch(by, now);
        var detailsChanged = hadConcern && HasImmediateConcern
            && !string.Equals(hadDetails, ImmediateConcernDetails, StringComparison.Ordinal);
        return DomainResult<ReturnSaveOutcome>.Ok(
            new ReturnSaveOutcome(Version, !hadConcern && HasImmediateConcern, detailsChanged, hadConcern && !HasImmediateConcern));
    }

    /// <summary>Saves good practice, areas for development, recommendations and the single-agency grade.</summary>
    public DomainResult<ReturnSaveOutcome> SaveSummary(ReturnSummaryInput summary, int expectedVersion, PersonRef by, DateTimeOffset now,
        IReadOnlyDictionary<string, string>? hold = null)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(by);
        hold ??= new Dictionary<string, string>();
        if (RefuseEdit(expectedVersion, by) is { } refusal)
        {
            // An older card carrying exactly what is stored (a second press) changes nothing, and is answered as saved.
            return refusal.Kind == DomainErrorKind.Stale && hold.Count == 0 && Stores(summary)
                ? Fail(DomainErrorKind.AlreadyDone, AlreadySaved)
                : DomainResult<ReturnSaveOutcome>.From(refusal);
        }

        var error = FreeText.Validate(summary.GoodPractice, "Good practice")
            ?? FreeText.Validate(summary.AreasForDevelopment, "Areas for development")
            ?? FreeText.Validate(summary.Recommendations, "Recommendations")
            ?? hold.Select(h => FreeText.Validate(h.Value, ReturnSummaryFields.Label(h.Key))).FirstOrDefault(e => e is not null);
        if (error is not null)
        {
            return Fail(DomainErrorKind.Invalid, error);
        }

        if (hold.Keys.Any(k => !ReturnSummaryFields.Texts.Contains(k) || summary.Sets(k)))
        {
            return Fail(DomainErrorKind.Invalid, "A part of the learning can be saved or kept, not both.");
        }

        var gradeKey = string.IsNullOrWhiteSpace(summary.GradeKey) ? null : summary.GradeKey.Trim();
        var level = GradeScale.FindLevel(gradeKey);
        if (summary.Sets(ReturnSummaryFields.Grade) && gradeKey is not null && level is null)
        {
            var shown = gradeKey.Length <= 40 ? gradeKey : TextCut.Prefix(gradeKey, 37) + "...";
            return Fail(DomainErrorKind.Invalid,
                $"\"{shown}\" is not a grade on this audit's scale. Choose one of: {GradeScale.DescribeLevels()}.");
        }

        // Parts not on the card saved are left as they are; a part saved is no longer kept, one kept replaces what was.
        GoodPractice = summary.Sets(ReturnSummaryFields.GoodPractice) ? NullIfBlank(summary.GoodPractice) : GoodPractice;
        AreasForDevelopment = summary.Sets(ReturnSummaryFields.AreasForDevelopment)
            ? NullIfBlank(summary.AreasForDevelopment) : AreasForDevelopment;
        Recommendations = summary.Sets(ReturnSummaryFields.Recommendations) ? NullIfBlank(summary.Recommendations) : Recommendations;
        GradeKey = summary.Sets(ReturnSummaryFields.Grade) ? level?.Key : GradeKey;
        var held = HeldLearning.Where(h => !summary.Sets(h.Key)).ToDictionary(StringComparer.Ordinal);
        foreach (var (field, text) in hold)
        {
            held[field] = FreeText.Normalise(text);
        }

        HeldLearning = held;
        Touch(by, now);
        return DomainResult<ReturnSaveOutcome>.Ok(new ReturnSaveOutcome(Version, SafetyConcernRaised: false));
    }

    /// <summary>Submits the return. Allowed once; a second submit is refused politely and changes nothing.</summary>
    public DomainResult Submit(int expectedVersion, PersonRef by, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(by);
        if (Status == ReturnStatus.Submitted)
        {
            return DomainResult.Fail(DomainErrorKind.AlreadyDone,
                $"This return was already submitted by {MarkdownText.Escape(SubmittedBy?.DisplayName)} "
                + $"on {Moments.DateAndTime(SubmittedAt)}. "
                + "Nothing has changed.");
        }

        if (expectedVersion != Version)
        {
            return DomainResult.From(StaleError(expectedVersion, by));
        }

        var missing = MissingForSubmission();
        if (missing.Count > 0)
        {
            return DomainResult.Invalid($"This return is not complete yet. {string.Join(". ", missing)}.");
        }

        Status = ReturnStatus.Submitted;
        SubmittedBy = by;
        SubmittedAt = now;
        Version++;
        return DomainResult.Ok;
    }

    /// <summary>The chair reopens a submitted return for correction; the reason is kept with the return.</summary>
    public DomainResult Reopen(Audit audit, PersonRef by, string? reason, DateTimeOffset now)
    {
        var state = CanReopen(audit, by);
        if (!state.Succeeded)
        {
            return state;
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return DomainResult.Invalid("Give a reason for reopening; it is recorded with the return.");
        }

        var error = FreeText.Validate(reason, "The reason", ReopenReasonMaxLength);
        if (error is not null)
        {
            return DomainResult.Invalid(error);
        }

        Reopenings = [.. Reopenings, new ReopenRecord(by, FreeText.Normalise(reason), now)];
        ReopenRequests = [];
        Status = ReturnStatus.Draft;
        SubmittedAt = null;
        SubmittedBy = null;
        Version++;
        return DomainResult.Ok;
    }

    /// <summary>
    /// Whether <paramref name="by"/> may reopen this return now, by who they are and the audit's and return's state alone:
    /// <see cref="Reopen"/>'s refusals before it reads the reason, so a screen can say so before it checks the reason typed.
    /// </summary>
    public DomainResult CanReopen(Audit audit, PersonRef by)
    {
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(by);
        if (audit.Id != AuditId)
        {
            return DomainResult.NotAllowed("This return belongs to a different audit.");
        }

        if (!audit.IsChair(by))
        {
            return DomainResult.NotAllowed("Only the audit chair can reopen a submitted return.");
        }

        if (audit.Status == AuditStatus.Closed)
        {
            return DomainResult.NotAllowed("The audit is closed; its returns can no longer be reopened.");
        }

        return Status != ReturnStatus.Submitted
            ? DomainResult.Fail(DomainErrorKind.AlreadyDone, "This return is not submitted, so it is already open for editing.")
            : DomainResult.Ok;
    }

    private DomainError? RefuseEdit(int expectedVersion, PersonRef by)
    {
        if (Status == ReturnStatus.Submitted)
        {
            return new DomainError(DomainErrorKind.NotAllowed,
                $"This return was submitted on {Moments.Day(SubmittedAt)} and is now read-only. "
                + "Ask the audit chair to reopen it if something needs correcting.");
        }

        return expectedVersion == Version ? null : StaleError(expectedVersion, by);
    }

    private void Touch(PersonRef by, DateTimeOffset now)
    {
        Status = ReturnStatus.Draft;
        LastSavedBy = by;
        LastSavedAt = now;
        Version++;
    }

    private static DomainResult<ReturnSaveOutcome> Fail(DomainErrorKind kind, string message) =>
        DomainResult<ReturnSaveOutcome>.Fail(kind, message);

    private static string? NullIfBlank(string? value)
    {
        var normalised = FreeText.Normalise(value);
        return normalised.Length == 0 ? null : normalised;
    }

    /// <summary>
    /// The narratives of the safety questions answered yes, for the alert. Each was checked for identifiers on its own, so
    /// two or more are labelled ("Concern 1: ...", "Concern 2: ...") rather than run together: the end of one and the start
    /// of the next ("... 943 476" and "5919 ...", "... DOB" and "01/02/2024 ...") never read as one NHS number or date.
    /// </summary>
    private static string ConcernDetails(List<QuestionAnswer?> safetyAnswers)
    {
        var narratives = safetyAnswers.Where(a => a?.Value == AnswerValue.Yes && a.Narrative is not null).Select(a => a!.Narrative!)
            .ToList();
        return narratives.Count == 1
            ? narratives[0]
            : string.Join("\n", narratives.Select((n, i) => string.Create(CultureInfo.InvariantCulture, $"Concern {i + 1}: {n}")));
    }
}
