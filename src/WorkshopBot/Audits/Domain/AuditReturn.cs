using System.Text.Json.Serialization;
using WorkshopBot.Common;
using WorkshopBot.Common.Privacy;

namespace WorkshopBot.Audits.Domain;

/// <summary>
/// One agency's completed audit tool for one case. Saved in parts, submitted once, then read-only unless the
/// chair reopens it. Every save must carry the version it was based on; an older version is refused as stale so
/// that two people editing the same return never overwrite each other silently.
/// </summary>
public sealed class AuditReturn
{
    [JsonConstructor]
    private AuditReturn()
    {
    }

    [JsonInclude]
    public Guid Id { get; private set; }

    [JsonInclude]
    public Guid AuditId { get; private set; }

    [JsonInclude]
    public CaseReference CaseReference { get; private set; } = null!;

    [JsonInclude]
    public string AgencyId { get; private set; } = string.Empty;

    [JsonInclude]
    public AgencyType AgencyType { get; private set; }

    [JsonInclude]
    public string AgencyName { get; private set; } = string.Empty;

    /// <summary>A snapshot of the audit tool as issued, so a return validates and reads without loading its audit.</summary>
    [JsonInclude]
    public IReadOnlyList<QuestionSection> Sections { get; private set; } = [];

    [JsonInclude]
    public GradeScale GradeScale { get; private set; } = GradeScales.Default;

    [JsonInclude]
    public IReadOnlyDictionary<string, QuestionAnswer> Answers { get; private set; } = new Dictionary<string, QuestionAnswer>();

    [JsonInclude]
    public string? GoodPractice { get; private set; }

    [JsonInclude]
    public string? AreasForDevelopment { get; private set; }

    [JsonInclude]
    public string? Recommendations { get; private set; }

    [JsonInclude]
    public string? GradeKey { get; private set; }

    [JsonInclude]
    public bool HasImmediateConcern { get; private set; }

    [JsonInclude]
    public string? ImmediateConcernDetails { get; private set; }

    [JsonInclude]
    public ReturnStatus Status { get; private set; }

    [JsonInclude]
    public int Version { get; private set; }

    [JsonInclude]
    public PersonRef? LastSavedBy { get; private set; }

    [JsonInclude]
    public DateTimeOffset? LastSavedAt { get; private set; }

    [JsonInclude]
    public PersonRef? SubmittedBy { get; private set; }

    [JsonInclude]
    public DateTimeOffset? SubmittedAt { get; private set; }

    [JsonInclude]
    public IReadOnlyList<ReopenRecord> Reopenings { get; private set; } = [];

    public bool IsReadOnly => Status == ReturnStatus.Submitted;

    public GradeLevel? Grade => GradeScale.FindLevel(GradeKey);

    public IEnumerable<Question> AllQuestions => Sections.SelectMany(s => s.Questions);

    /// <summary>Questions this agency must answer; questions for other agency types are optional.</summary>
    public IEnumerable<Question> RequiredQuestions => AllQuestions.Where(q => q.AppliesTo(AgencyType));

    public QuestionAnswer? AnswerTo(string questionId) => Answers.GetValueOrDefault(questionId);

    public static DomainResult<AuditReturn> Create(Guid id, Audit audit, CaseReference caseReference, string agencyId)
    {
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(caseReference);
        if (audit.Status is AuditStatus.Draft or AuditStatus.Closed)
        {
            return DomainResult<AuditReturn>.Fail(DomainErrorKind.NotAllowed, "Returns can be started only for an issued audit.");
        }

        if (audit.FindCase(caseReference) is null)
        {
            return DomainResult<AuditReturn>.Fail(DomainErrorKind.NotFound, $"Case {caseReference} is not in this audit.");
        }

        var agency = audit.FindAgency(agencyId);
        if (agency is null)
        {
            return DomainResult<AuditReturn>.Fail(DomainErrorKind.NotFound, $"There is no agency \"{agencyId}\" in this audit.");
        }

        if (!agency.ReturnsOn(caseReference))
        {
            return DomainResult<AuditReturn>.Fail(DomainErrorKind.NotAllowed, $"{agency.Name} has not been asked to return on case {caseReference}.");
        }

        return DomainResult<AuditReturn>.Ok(new AuditReturn
        {
            Id = id,
            AuditId = audit.Id,
            CaseReference = caseReference,
            AgencyId = agency.Id,
            AgencyType = agency.Type,
            AgencyName = agency.Name,
            Sections = audit.Questions.Sections,
            GradeScale = audit.GradeScale,
            Status = ReturnStatus.NotStarted,
            Version = 0,
        });
    }

    /// <summary>Saves answers to the questions of one section.</summary>
    public DomainResult<ReturnSaveOutcome> SaveSection(
        string sectionId, IReadOnlyCollection<AnswerInput> answers, int expectedVersion, PersonRef by, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(answers);
        ArgumentNullException.ThrowIfNull(by);
        if (RefuseEdit(expectedVersion) is { } refusal)
        {
            return DomainResult<ReturnSaveOutcome>.From(refusal);
        }

        var section = Sections.FirstOrDefault(s => s.Id == sectionId);
        if (section is null)
        {
            return Fail(DomainErrorKind.NotFound, $"There is no section \"{sectionId}\" in this audit tool.");
        }

        foreach (var input in answers)
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

            var error = FreeText.Validate(input.Narrative, $"Your answer to question {NumberOf(question.Id)}");
            if (error is not null)
            {
                return Fail(DomainErrorKind.Invalid, error);
            }
        }

        if (answers.GroupBy(a => a.QuestionId).Any(g => g.Count() > 1))
        {
            return Fail(DomainErrorKind.Invalid, "Each question can be answered only once per save.");
        }

        var updated = Answers.ToDictionary(StringComparer.Ordinal);
        foreach (var input in answers)
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

        var hadConcern = HasImmediateConcern;
        Answers = updated;
        var safetyAnswers = AllQuestions.Where(q => q.IsSafetyQuestion).Select(q => AnswerTo(q.Id)).ToList();
        HasImmediateConcern = safetyAnswers.Any(a => a?.Value == AnswerValue.Yes);
        ImmediateConcernDetails = HasImmediateConcern
            ? string.Join("\n", safetyAnswers.Where(a => a?.Value == AnswerValue.Yes && a.Narrative is not null).Select(a => a!.Narrative))
            : null;
        if (ImmediateConcernDetails?.Length == 0)
        {
            ImmediateConcernDetails = null;
        }

        Touch(by, now);
        return DomainResult<ReturnSaveOutcome>.Ok(new ReturnSaveOutcome(Version, !hadConcern && HasImmediateConcern));
    }

    /// <summary>Saves good practice, areas for development, recommendations and the single-agency grade.</summary>
    public DomainResult<ReturnSaveOutcome> SaveSummary(ReturnSummaryInput summary, int expectedVersion, PersonRef by, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(by);
        if (RefuseEdit(expectedVersion) is { } refusal)
        {
            return DomainResult<ReturnSaveOutcome>.From(refusal);
        }

        var error = FreeText.Validate(summary.GoodPractice, "Good practice")
            ?? FreeText.Validate(summary.AreasForDevelopment, "Areas for development")
            ?? FreeText.Validate(summary.Recommendations, "Recommendations");
        if (error is not null)
        {
            return Fail(DomainErrorKind.Invalid, error);
        }

        var gradeKey = string.IsNullOrWhiteSpace(summary.GradeKey) ? null : summary.GradeKey.Trim();
        var level = GradeScale.FindLevel(gradeKey);
        if (gradeKey is not null && level is null)
        {
            return Fail(DomainErrorKind.Invalid,
                $"\"{gradeKey}\" is not a grade on this audit's scale. Choose one of: {GradeScale.DescribeLevels()}.");
        }

        GoodPractice = NullIfBlank(summary.GoodPractice);
        AreasForDevelopment = NullIfBlank(summary.AreasForDevelopment);
        Recommendations = NullIfBlank(summary.Recommendations);
        GradeKey = level?.Key;
        Touch(by, now);
        return DomainResult<ReturnSaveOutcome>.Ok(new ReturnSaveOutcome(Version, SafetyConcernRaised: false));
    }

    /// <summary>What is still missing before this return can be submitted, one user-facing line each.</summary>
    public IReadOnlyList<string> MissingForSubmission()
    {
        var missing = new List<string>();
        var unanswered = RequiredQuestions.Where(q => AnswerTo(q.Id)?.IsAnswered != true).ToList();
        if (unanswered.Count > 0)
        {
            var list = string.Join("; ", unanswered.Select(q => $"{NumberOf(q.Id)} {Shorten(q.Text)}"));
            missing.Add(unanswered.Count == 1
                ? $"Answer question {list}"
                : $"Answer these {unanswered.Count} questions: {list}");
        }

        foreach (var q in AllQuestions.Where(q => q.IsSafetyQuestion))
        {
            var answer = AnswerTo(q.Id);
            if (answer?.Value == AnswerValue.Yes && answer.Narrative is null)
            {
                missing.Add($"You answered yes to question {NumberOf(q.Id)}: describe the concern and the action taken");
            }
        }

        if (GoodPractice is null && AreasForDevelopment is null)
        {
            missing.Add("Add good practice, areas for development, or both");
        }

        if (GradeKey is null)
        {
            missing.Add($"Choose a single-agency grade ({GradeScale.DescribeLevels()})");
        }

        return missing;
    }

    /// <summary>Submits the return. Allowed once; a second submit is refused politely and changes nothing.</summary>
    public DomainResult Submit(int expectedVersion, PersonRef by, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(by);
        if (Status == ReturnStatus.Submitted)
        {
            return DomainResult.Fail(DomainErrorKind.AlreadyDone,
                $"This return was already submitted by {SubmittedBy?.DisplayName} on {SubmittedAt:d MMMM yyyy 'at' HH:mm}. "
                + "Nothing has changed.");
        }

        if (expectedVersion != Version)
        {
            return DomainResult.From(StaleError(expectedVersion));
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

        if (Status != ReturnStatus.Submitted)
        {
            return DomainResult.Fail(DomainErrorKind.AlreadyDone, "This return is not submitted, so it is already open for editing.");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return DomainResult.Invalid("Give a reason for reopening; it is recorded with the return.");
        }

        var error = FreeText.Validate(reason, "The reason", 1000);
        if (error is not null)
        {
            return DomainResult.Invalid(error);
        }

        Reopenings = [.. Reopenings, new ReopenRecord(by, FreeText.Normalise(reason), now)];
        Status = ReturnStatus.Draft;
        SubmittedAt = null;
        SubmittedBy = null;
        Version++;
        return DomainResult.Ok;
    }

    /// <summary>Overdue once the due date has passed and the return is not submitted.</summary>
    public bool IsOverdue(DateTimeOffset? dueAt, DateTimeOffset now) =>
        Status != ReturnStatus.Submitted && dueAt is { } due && now > due;

    public bool IsOverdue(Audit audit, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(time);
        return IsOverdue(audit.ReturnsDueAt, time.GetUtcNow());
    }

    public string NumberOf(string questionId)
    {
        for (var s = 0; s < Sections.Count; s++)
        {
            var q = Sections[s].Questions.ToList().FindIndex(x => x.Id == questionId);
            if (q >= 0)
            {
                return $"{s + 1}.{q + 1}";
            }
        }

        return "?";
    }

    private DomainError? RefuseEdit(int expectedVersion)
    {
        if (Status == ReturnStatus.Submitted)
        {
            return new DomainError(DomainErrorKind.NotAllowed,
                $"This return was submitted on {SubmittedAt:d MMMM yyyy} and is now read-only. "
                + "Ask the audit chair to reopen it if something needs correcting.");
        }

        return expectedVersion == Version ? null : StaleError(expectedVersion);
    }

    private DomainError StaleError(int expectedVersion) => new(DomainErrorKind.Stale,
        $"This return has changed since you opened it (you had version {expectedVersion}, it is now version {Version}"
        + (LastSavedBy is null ? string.Empty : $", last saved by {LastSavedBy.DisplayName}")
        + "). Reload it to see the latest answers, then make your change again.");

    private void Touch(PersonRef by, DateTimeOffset now)
    {
        Status = ReturnStatus.Draft;
        LastSavedBy = by;
        LastSavedAt = now;
        Version++;
    }

    private static DomainResult<ReturnSaveOutcome> Fail(DomainErrorKind kind, string message) =>
        DomainResult<ReturnSaveOutcome>.Fail(kind, message);

    private static string Shorten(string text) => text.Length <= 60 ? $"\"{text}\"" : $"\"{text[..57].TrimEnd()}...\"";

    private static string? NullIfBlank(string? value)
    {
        var normalised = FreeText.Normalise(value);
        return normalised.Length == 0 ? null : normalised;
    }
}
