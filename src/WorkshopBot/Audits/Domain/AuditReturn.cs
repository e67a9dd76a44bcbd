using System.Text.Json.Serialization;
using WorkshopBot.Common;
using WorkshopBot.Common.Privacy;

namespace WorkshopBot.Audits.Domain;

/// <summary>
/// One agency's completed audit tool for one case. Saved in parts, submitted once, then read-only unless the
/// chair reopens it. Every save must carry the version it was based on; an older version is refused as stale so
/// that two people editing the same return never overwrite each other silently.
/// </summary>
public sealed partial class AuditReturn
{
    [JsonConstructor]
    private AuditReturn()
    {
    }

    [JsonInclude]
    public Guid Id { get; private set; }

    /// <summary>The organisation this belongs to: only its people, in its turns, can find it (see DocumentChanges).</summary>
    [JsonInclude]
    public string? TenantId { get; private set; }

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

    /// <summary>
    /// Answers typed on a page whose identifier warning could not show them all in one card: kept for their author only
    /// (never shown to the chair, exported or counted as answered) until the author saves that question again, with every
    /// possible identifier in them replaced by a marker (FreeTextCheck.Keep), and forgotten if the representative changes
    /// (<see cref="ForgetHeld"/>).
    /// </summary>
    [JsonInclude]
    public IReadOnlyDictionary<string, QuestionAnswer> Held { get; private set; } = new Dictionary<string, QuestionAnswer>();

    /// <summary>
    /// Learning typed on a summary whose identifier warning could not show it all in one card, by part
    /// (<see cref="ReturnSummaryFields"/>): kept for its author only, as <see cref="Held"/> is, until that part is saved.
    /// </summary>
    [JsonInclude]
    public IReadOnlyDictionary<string, string> HeldLearning { get; private set; } = new Dictionary<string, string>();

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

    /// <summary>
    /// When the return was created (its tool first sent); null when stored by an older version. A reminder round sent before
    /// it could not have reminded anyone of it.
    /// </summary>
    [JsonInclude]
    public DateTimeOffset? CreatedAt { get; private set; }

    [JsonInclude]
    public PersonRef? SubmittedBy { get; private set; }

    [JsonInclude]
    public DateTimeOffset? SubmittedAt { get; private set; }

    [JsonInclude]
    public IReadOnlyList<ReopenRecord> Reopenings { get; private set; } = [];

    /// <summary>Requests to reopen the return not yet answered (the chair's reopening answers them all).</summary>
    [JsonInclude]
    public IReadOnlyList<ReopenRequest> ReopenRequests { get; private set; } = [];

    public bool IsReadOnly => Status == ReturnStatus.Submitted;

    public GradeLevel? Grade => GradeScale.FindLevel(GradeKey);

    public IEnumerable<Question> AllQuestions => Sections.SelectMany(s => s.Questions);

    /// <summary>Questions this agency must answer; questions for other agency types are optional.</summary>
    public IEnumerable<Question> RequiredQuestions => AllQuestions.Where(q => q.AppliesTo(AgencyType));

    public QuestionAnswer? AnswerTo(string questionId) => Answers.GetValueOrDefault(questionId);

    /// <summary>What was typed for this question and is kept, not saved (see <see cref="Held"/>).</summary>
    public QuestionAnswer? HeldFor(string questionId) => Held.GetValueOrDefault(questionId);

    /// <summary>The saved text of a part of the learning (<see cref="ReturnSummaryFields"/>).</summary>
    public string? LearningText(string field) => field switch
    {
        ReturnSummaryFields.GoodPractice => GoodPractice,
        ReturnSummaryFields.AreasForDevelopment => AreasForDevelopment,
        ReturnSummaryFields.Recommendations => Recommendations,
        _ => null,
    };

    public static DomainResult<AuditReturn> Create(Guid id, Audit audit, CaseReference caseReference, string agencyId,
        DateTimeOffset? now = null)
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
            return DomainResult<AuditReturn>.Fail(DomainErrorKind.NotFound,
                $"There is no agency \"{MarkdownText.Escape(agencyId)}\" in this audit.");
        }

        if (!agency.ReturnsOn(caseReference))
        {
            return DomainResult<AuditReturn>.Fail(DomainErrorKind.NotAllowed,
                $"{MarkdownText.Escape(agency.Name)} has not been asked to return on case {caseReference}.");
        }

        return DomainResult<AuditReturn>.Ok(new AuditReturn
        {
            Id = id,
            TenantId = audit.TenantId,
            AuditId = audit.Id,
            CaseReference = caseReference,
            AgencyId = agency.Id,
            AgencyType = agency.Type,
            AgencyName = agency.Name,
            Sections = audit.Questions.Sections,
            GradeScale = audit.GradeScale,
            Status = ReturnStatus.NotStarted,
            Version = 0,
            CreatedAt = now,
        });
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
}
