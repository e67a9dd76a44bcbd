using System.Globalization;
using System.Text.Json.Serialization;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Common;
using WorkshopBot.Common.Privacy;

namespace WorkshopBot.Workshop.Domain;

/// <summary>
/// A workshop for one audit in one channel or meeting chat: its polls and the judgements ratified in it.
/// Participants and votes are rows in SQL (see <see cref="IWorkshopVoteStore"/>) so they count exactly once. Its agencies
/// are looked up in <c>WorkshopSession.Agencies.cs</c>.
/// </summary>
public sealed partial class WorkshopSession
{
    public const int MaxPolls = 40;
    public const int MaxRationaleLength = 2000;
    public const int MaxRecommendations = 12;
    public const int MaxRecommendationLength = 400;
    public const int MaxMeasureLength = 300;

    /// <summary>A target further away than this is not a target a sub-group can monitor.</summary>
    public const int MaxTargetMonths = 36;

    [JsonConstructor]
    private WorkshopSession()
    {
    }

    [JsonInclude]
    public Guid Id { get; private set; }

    [JsonInclude]
    public Guid AuditId { get; private set; }

    /// <summary>The organisation this belongs to: only its people, in its turns, can find it (see DocumentChanges).</summary>
    [JsonInclude]
    public string? TenantId { get; private set; }

    [JsonInclude]
    public string AuditTitle { get; private set; } = "";

    [JsonInclude]
    public PersonRef Chair { get; private set; } = null!;

    [JsonInclude]
    public WorkshopConversation Conversation { get; private set; } = null!;

    [JsonInclude]
    public GradeScale GradeScale { get; private set; } = GradeScales.Default;

    [JsonInclude]
    public IReadOnlyList<string> Cases { get; private set; } = [];

    [JsonInclude]
    public IReadOnlyList<WorkshopAgency> Agencies { get; private set; } = [];

    [JsonInclude]
    public IReadOnlyList<Poll> Polls { get; private set; } = [];

    [JsonInclude]
    public IReadOnlyList<MultiAgencyJudgement> Judgements { get; private set; } = [];

    /// <summary>The partnership's recommendations, in the order the chair listed them (see <see cref="AddRecommendation"/>).</summary>
    [JsonInclude]
    public IReadOnlyList<WorkshopRecommendation> Recommendations { get; private set; } = [];

    // Ever-increasing so a removed recommendation's id is never reused.
    [JsonInclude]
    public int NextRecommendationNumber { get; private set; } = 1;

    /// <summary>The outbox key of the message that posted the workshop's card (updates name the card by it).</summary>
    [JsonInclude]
    public string? CardPostKey { get; private set; }

    [JsonInclude]
    public DateTimeOffset StartedAt { get; private set; }

    public static WorkshopSession Start(Guid id, Audit audit, WorkshopConversation conversation, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(conversation);
        return new WorkshopSession
        {
            Id = id,
            AuditId = audit.Id,
            TenantId = audit.TenantId,
            AuditTitle = audit.Title,
            Chair = audit.Chair,
            Conversation = conversation,
            GradeScale = audit.GradeScale,
            Cases = audit.Cases.Select(c => c.Reference.Value).ToList(),
            Agencies = audit.Agencies.Select(a => new WorkshopAgency(a.Id, a.Name, a.Representative?.UserId)).ToList(),
            StartedAt = now,
        };
    }

    public bool IsChair(string userKey) => string.Equals(Chair.UserId, userKey, StringComparison.OrdinalIgnoreCase);

    public bool IsChair(PersonRef person) => Chair.IsSamePerson(person);

    public Poll? FindPoll(string? pollId) => Polls.FirstOrDefault(p => string.Equals(p.Id, pollId, StringComparison.Ordinal));

    public bool HasCase(string? caseReference) => Cases.Contains(caseReference ?? "", StringComparer.Ordinal);

    /// <summary>
    /// Adds the chair's poll; <paramref name="privacy"/> checks its prompt and choices for identifiers. A grade poll shows
    /// <paramref name="agencyGrades"/>, the released returns' grades (null while the returns are not released).
    /// </summary>
    public DomainResult<Poll> AddPoll(PollDefinition definition, IReadOnlyList<AgencyGrade>? agencyGrades, FreeTextCheck privacy,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(privacy);
        if (Polls.Count >= MaxPolls)
        {
            return DomainResult<Poll>.Fail(DomainErrorKind.NotAllowed, $"A workshop has at most {MaxPolls} polls.");
        }

        if (definition.Kind == PollKind.GradeRatification && !HasCase(definition.CaseReference))
        {
            return DomainResult<Poll>.Fail(DomainErrorKind.NotFound, "Choose one of this audit's cases.");
        }

        var number = Polls.Count + 1;
        var created = Poll.Create($"{Id:N}-p{number.ToString(CultureInfo.InvariantCulture)}", number, definition, GradeScale, agencyGrades,
            privacy, now);
        if (created.Succeeded && Polls.Count > 0 && Polls[^1].IsUnusedTwinOf(created.Value!))
        {
            return DomainResult<Poll>.Fail(DomainErrorKind.AlreadyDone,
                "This poll is already posted and has not started yet. Nothing was created.");
        }

        if (created.Succeeded)
        {
            Polls = [.. Polls, created.Value!];
        }

        return created;
    }

    public void AttachCard(string postKey) => CardPostKey = postKey;

    /// <summary>
    /// Brings a grade poll's single-agency grades up to date: <paramref name="released"/> as read now, or none while the
    /// returns are not released. Refused (nothing to save) when the poll already shows them.
    /// </summary>
    public DomainResult RefreshGrades(string? pollId, IReadOnlyList<AgencyGrade>? released)
    {
        if (FindPoll(pollId) is not { } poll)
        {
            return DomainResult.NotFound("That poll is not part of this workshop.");
        }

        if (!poll.GradesDifferFrom(released))
        {
            return DomainResult.Fail(DomainErrorKind.AlreadyDone, "The grades shown are up to date.");
        }

        poll.ShowGrades(released);
        return DomainResult.Ok;
    }

    /// <summary>
    /// Stores the chair's confirmed multi-agency grade for the poll's case (replacing an earlier one) and closes the poll.
    /// </summary>
    public DomainResult<MultiAgencyJudgement> Ratify(Poll poll, string? gradeKey, string? rationale, PersonRef by, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(poll);
        ArgumentNullException.ThrowIfNull(by);
        if (poll.Kind != PollKind.GradeRatification || poll.CaseReference is null)
        {
            return DomainResult<MultiAgencyJudgement>.Fail(DomainErrorKind.NotAllowed,
                "Only a grade ratification poll can be ratified.");
        }

        var level = GradeScale.FindLevel(gradeKey);
        if (level is null)
        {
            return DomainResult<MultiAgencyJudgement>.Fail(DomainErrorKind.Invalid, $"Choose a grade: {GradeScale.DescribeLevels()}.");
        }

        var error = string.IsNullOrWhiteSpace(rationale)
            ? "Give the rationale for the grade."
            : FreeText.Validate(rationale, "The rationale", MaxRationaleLength);
        if (error is not null)
        {
            return DomainResult<MultiAgencyJudgement>.Fail(DomainErrorKind.Invalid, error);
        }

        // Ratify pressed twice: the same grade and rationale again changes nothing, so no second card is posted or logged.
        var normalised = FreeText.Normalise(rationale);
        if (!poll.IsOpen && Judgements.Any(j => j.CaseReference == poll.CaseReference && j.GradeKey == level.Key
                && string.Equals(j.Rationale, normalised, StringComparison.Ordinal)))
        {
            return DomainResult<MultiAgencyJudgement>.Fail(DomainErrorKind.AlreadyDone,
                $"This case's grade is already ratified as {level.Label}, with this rationale. Nothing was changed.");
        }

        if (poll.IsOpen)
        {
            poll.Close();
        }

        var judgement = new MultiAgencyJudgement(AuditId, poll.CaseReference, level.Key, level.Label, normalised,
            by.UserId, by.DisplayName, now) { PollId = poll.Id };
        Judgements = [.. Judgements.Where(j => j.CaseReference != poll.CaseReference), judgement];
        return DomainResult<MultiAgencyJudgement>.Ok(judgement);
    }

    /// <summary>
    /// Adds one of the partnership's recommendations: what will change, an owner (one of the audit's agencies or the
    /// partnership), a target date after today and a measure of success. The caller checks the texts for identifiers.
    /// </summary>
    public DomainResult<WorkshopRecommendation> AddRecommendation(RecommendationDraft draft, PersonRef by, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(by);
        var today = EnglandTime.DateOf(now);
        var text = FreeText.Normalise(draft.Text);
        var measure = FreeText.Normalise(draft.Measure);
        var owner = string.Equals(draft.OwnerId, WorkshopRecommendation.PartnershipOwnerId, StringComparison.Ordinal)
            ? WorkshopRecommendation.PartnershipOwnerName
            : FindAgency(draft.OwnerId)?.Name;
        // Add pressed twice: the same recommendation is not listed (nor briefed) twice.
        if (Recommendations.Any(r => r.Text == text && r.OwnerId == draft.OwnerId && r.TargetDate == draft.TargetDate
                && r.Measure == measure))
        {
            return DomainResult<WorkshopRecommendation>.Fail(DomainErrorKind.AlreadyDone,
                "That recommendation is already on the list. Nothing was added.");
        }

        var error = RecommendationError(text, owner, draft.TargetDate, measure, today);
        if (error is not null)
        {
            return DomainResult<WorkshopRecommendation>.Fail(DomainErrorKind.Invalid, error);
        }

        var recommendation = new WorkshopRecommendation($"r{NextRecommendationNumber.ToString(CultureInfo.InvariantCulture)}", text,
            draft.OwnerId!, owner!, draft.TargetDate!.Value, measure, by.UserId, now);
        NextRecommendationNumber++;
        Recommendations = [.. Recommendations, recommendation];
        return DomainResult<WorkshopRecommendation>.Ok(recommendation);
    }

    public DomainResult RemoveRecommendation(string? recommendationId)
    {
        if (!Recommendations.Any(r => string.Equals(r.Id, recommendationId, StringComparison.Ordinal)))
        {
            return DomainResult.NotFound("That recommendation is no longer on the list.");
        }

        Recommendations = Recommendations.Where(r => !string.Equals(r.Id, recommendationId, StringComparison.Ordinal)).ToList();
        return DomainResult.Ok;
    }

    /// <summary>What is wrong with a recommendation, in the order the chair would fix it; null when nothing is.</summary>
    private string? RecommendationError(string text, string? owner, DateOnly? target, string measure, DateOnly today)
    {
        if (Recommendations.Count >= MaxRecommendations)
        {
            return $"A workshop lists at most {MaxRecommendations} recommendations; the briefing has room for the most important.";
        }

        if (text.Length == 0)
        {
            return "Write the recommendation: what will change.";
        }

        if (FreeText.Validate(text, "The recommendation", MaxRecommendationLength) is { } textError)
        {
            return textError;
        }

        if (owner is null)
        {
            return "Choose the agency that owns the recommendation, or the partnership.";
        }

        if (target is not { } date || date <= today || date > today.AddMonths(MaxTargetMonths))
        {
            return $"Give a target date after today and within {MaxTargetMonths} months.";
        }

        return measure.Length == 0
            ? "Say how the partnership will know it has worked (the measure of success)."
            : FreeText.Validate(measure, "The measure of success", MaxMeasureLength);
    }
}

/// <summary>What the chair typed for one recommendation; checked by <see cref="WorkshopSession.AddRecommendation"/>.</summary>
public sealed record RecommendationDraft(string? Text, string? OwnerId, DateOnly? TargetDate, string? Measure);
