using System.Text.Json.Serialization;
using WorkshopBot.Briefings.Domain;
using WorkshopBot.Common;
using WorkshopBot.Common.Privacy;

namespace WorkshopBot.Audits.Domain;

/// <summary>
/// A multi-agency case audit: its theme, audit tool, cases, agencies, dates and governance. Every successful
/// change increments <see cref="Version"/> so that stores can refuse a write made from an older copy.
/// </summary>
public sealed class Audit
{
    public const int MaxTitleLength = 200;

    /// <summary>The returns tracker is one card (agencies x cases) under Teams' 28 KB limit; it is proven at this size.</summary>
    public const int MaxCases = 15;

    public const int MaxAgencies = 12;

    [JsonConstructor]
    private Audit()
    {
    }

    [JsonInclude]
    public Guid Id { get; private set; }

    [JsonInclude]
    public string Title { get; private set; } = string.Empty;

    /// <summary>The audit's theme as people say it, e.g. "Neglect"; starts as the template's name.</summary>
    [JsonInclude]
    public string ThemeName { get; private set; } = string.Empty;

    [JsonInclude]
    public string TemplateKey { get; private set; } = string.Empty;

    [JsonInclude]
    public QuestionSet Questions { get; private set; } = null!;

    [JsonInclude]
    public GradeScale GradeScale { get; private set; } = GradeScales.Default;

    [JsonInclude]
    public LookBackPeriod LookBack { get; private set; } = LookBackPeriod.Default;

    [JsonInclude]
    public DateTimeOffset? ReturnsDueAt { get; private set; }

    [JsonInclude]
    public DateTimeOffset? WorkshopAt { get; private set; }

    [JsonInclude]
    public PersonRef Chair { get; private set; } = null!;

    [JsonInclude]
    public AuditStatus Status { get; private set; }

    [JsonInclude]
    public DataProtectionRecord DataProtection { get; private set; } = DataProtectionRecord.Empty;

    [JsonInclude]
    public RetentionPolicy Retention { get; private set; } = RetentionPolicy.Default;

    [JsonInclude]
    public ReminderSettings Reminders { get; private set; } = ReminderSettings.Default;

    [JsonInclude]
    public IReadOnlyList<AuditCase> Cases { get; private set; } = [];

    [JsonInclude]
    public IReadOnlyList<AuditAgency> Agencies { get; private set; } = [];

    [JsonInclude]
    public int NextAgencyNumber { get; private set; } = 1;

    [JsonInclude]
    public int Version { get; private set; }

    [JsonInclude]
    public DateTimeOffset CreatedAt { get; private set; }

    [JsonInclude]
    public DateTimeOffset? IssuedAt { get; private set; }

    [JsonInclude]
    public DateTimeOffset? ReleasedForModerationAt { get; private set; }

    [JsonInclude]
    public DateTimeOffset? ClosedAt { get; private set; }

    /// <summary>Need-to-know: representatives see other agencies' returns only after the chair releases them.</summary>
    public bool ReturnsReleased => Status >= AuditStatus.Moderation;

    public DateTimeOffset? PurgeDueAt => Retention.PurgeDueAt(ClosedAt);

    public DateTimeOffset? ReminderAt => ReturnsDueAt is { } due ? Reminders.ReminderAt(due) : null;

    public static DomainResult<Audit> Create(
        Guid id, string? title, string? templateKey, PersonRef chair, DateTimeOffset now, string? gradeScaleKey = null)
    {
        ArgumentNullException.ThrowIfNull(chair);
        var template = QuestionTemplates.Find(templateKey);
        if (template is null)
        {
            return DomainResult<Audit>.Fail(DomainErrorKind.NotFound,
                $"Choose an audit tool: {string.Join(", ", QuestionTemplates.All.Select(t => t.Name))}.");
        }

        var scale = GradeScales.Find(gradeScaleKey ?? GradeScales.Default.Key);
        if (scale is null)
        {
            return DomainResult<Audit>.Fail(DomainErrorKind.NotFound, UnknownScaleMessage);
        }

        var titleError = ValidateTitle(title);
        if (titleError is not null)
        {
            return DomainResult<Audit>.Fail(DomainErrorKind.Invalid, titleError);
        }

        return DomainResult<Audit>.Ok(new Audit
        {
            Id = id,
            Title = FreeText.Normalise(title),
            ThemeName = template.Name,
            TemplateKey = template.Key,
            Questions = QuestionSet.FromTemplate(template),
            GradeScale = scale,
            Chair = chair,
            Status = AuditStatus.Draft,
            CreatedAt = now,
            Version = 1,
        });
    }

    public bool IsChair(PersonRef? person) => Chair.IsSamePerson(person);

    public AuditCase? FindCase(CaseReference? reference) => Cases.FirstOrDefault(c => c.Reference == reference);

    public AuditAgency? FindAgency(string? agencyId) =>
        Agencies.FirstOrDefault(a => string.Equals(a.Id, agencyId, StringComparison.Ordinal));

    /// <summary>Every case x agency pair that owes a return, in case then agency order.</summary>
    public IReadOnlyList<(AuditCase Case, AuditAgency Agency)> ExpectedReturns() =>
        Cases.SelectMany(c => Agencies.Where(a => a.ReturnsOn(c.Reference)).Select(a => (c, a))).ToList();

    /// <summary>True while returns are being collected and the due date has passed.</summary>
    public bool AreReturnsOverdue(DateTimeOffset now) =>
        Status == AuditStatus.Issued && ReturnsDueAt is { } due && now > due;

    public DomainResult Rename(string? title, string? themeName)
    {
        var error = ValidateTitle(title) ?? ValidateTitle(themeName, "The theme");
        return error is not null ? DomainResult.Invalid(error) : Change(() =>
        {
            Title = FreeText.Normalise(title);
            ThemeName = FreeText.Normalise(themeName);
        });
    }

    public DomainResult ChooseGradeScale(string? gradeScaleKey)
    {
        var scale = GradeScales.Find(gradeScaleKey);
        if (scale is null)
        {
            return DomainResult.NotFound(UnknownScaleMessage);
        }

        return WhileDraft("change the grade scale") ?? Change(() => GradeScale = scale);
    }

    public DomainResult SetLookBack(LookBackPeriod period)
    {
        ArgumentNullException.ThrowIfNull(period);
        return WhileDraft("change the look-back period") ?? Change(() => LookBack = period);
    }

    public DomainResult ScheduleReturnsDue(DateTimeOffset dueAt, DateTimeOffset now)
    {
        if (dueAt <= now)
        {
            return DomainResult.Invalid("The returns due date must be in the future.");
        }

        if (Status != AuditStatus.Draft)
        {
            return DomainResult.NotAllowed("The audit has been issued; use \"extend due date\" to give agencies more time.");
        }

        return Change(() => ReturnsDueAt = dueAt);
    }

    /// <summary>Gives agencies more time after issue. The new date must be later than the current one.</summary>
    public DomainResult ExtendDueDate(DateTimeOffset newDueAt, DateTimeOffset now)
    {
        if (Status != AuditStatus.Issued)
        {
            return DomainResult.NotAllowed("The due date can be extended only while returns are being collected.");
        }

        if (newDueAt <= now || (ReturnsDueAt is { } current && newDueAt <= current))
        {
            return DomainResult.Invalid($"The new due date must be later than the current one ({ReturnsDueAt:d MMMM yyyy}) and in the future.");
        }

        return Change(() => ReturnsDueAt = newDueAt);
    }

    public DomainResult ScheduleWorkshop(DateTimeOffset workshopAt)
    {
        if (Status == AuditStatus.Closed)
        {
            return ClosedRefusal;
        }

        if (ReturnsDueAt is { } due && workshopAt < due)
        {
            return DomainResult.Invalid("The workshop should be after the returns due date, so that every return can be read first.");
        }

        return Change(() => WorkshopAt = workshopAt);
    }

    public DomainResult RecordDataProtection(string? lawfulBasis, string? dpiaReference, string? dataSharingAgreementReference)
    {
        var error = FreeText.Validate(lawfulBasis, "The lawful basis", DataProtectionRecord.MaxLength)
            ?? FreeText.Validate(dpiaReference, "The DPIA reference", DataProtectionRecord.MaxLength)
            ?? FreeText.Validate(dataSharingAgreementReference, "The data-sharing agreement reference", DataProtectionRecord.MaxLength);
        if (error is not null)
        {
            return DomainResult.Invalid(error);
        }

        return Change(() => DataProtection = new DataProtectionRecord(
            NullIfBlank(lawfulBasis), NullIfBlank(dpiaReference), NullIfBlank(dataSharingAgreementReference)));
    }

    public DomainResult SetRetention(int retainForMonthsAfterClosure)
    {
        if (retainForMonthsAfterClosure is < 1 or > RetentionPolicy.MaxMonths)
        {
            return DomainResult.Invalid($"Retention is 1 to {RetentionPolicy.MaxMonths} months after closure.");
        }

        return ChangeRetention(Retention with { RetainForMonthsAfterClosure = retainForMonthsAfterClosure });
    }

    public DomainResult PlaceLegalHold() =>
        Retention.LegalHold
            ? DomainResult.Fail(DomainErrorKind.AlreadyDone, "This audit is already on legal hold.")
            : ChangeRetention(Retention with { LegalHold = true });

    public DomainResult ReleaseLegalHold() =>
        !Retention.LegalHold
            ? DomainResult.Fail(DomainErrorKind.AlreadyDone, "This audit is not on legal hold.")
            : ChangeRetention(Retention with { LegalHold = false });

    public DomainResult SetReminders(int daysBeforeDue)
    {
        if (daysBeforeDue is < 0 or > ReminderSettings.MaxDaysBeforeDue)
        {
            return DomainResult.Invalid($"Reminders are sent 0 to {ReminderSettings.MaxDaysBeforeDue} days before the due date.");
        }

        return Change(() => Reminders = new ReminderSettings(daysBeforeDue));
    }

    // ---- Audit tool editing (draft only, so every agency answers the same questions) ----

    public DomainResult<QuestionSection> AddSection(string? title) =>
        WhileDraftEditingTool() is { } refusal
            ? DomainResult<QuestionSection>.From(refusal.Error!)
            : Counted(Questions.AddSection(title));

    public DomainResult RenameSection(string sectionId, string? title) =>
        WhileDraftEditingTool() ?? Counted(Questions.RenameSection(sectionId, title));

    public DomainResult RemoveSection(string sectionId) =>
        WhileDraftEditingTool() ?? Counted(Questions.RemoveSection(sectionId));

    public DomainResult<Question> AddQuestion(string sectionId, QuestionDraft draft) =>
        WhileDraftEditingTool() is { } refusal
            ? DomainResult<Question>.From(refusal.Error!)
            : Counted(Questions.AddQuestion(sectionId, draft));

    public DomainResult EditQuestion(string questionId, QuestionDraft draft) =>
        WhileDraftEditingTool() ?? Counted(Questions.EditQuestion(questionId, draft));

    /// <summary>Limits a question to some agency types; an empty list means every agency answers it.</summary>
    public DomainResult SetQuestionAgencyTypes(string questionId, IReadOnlyCollection<AgencyType> agencyTypes) =>
        WhileDraftEditingTool() ?? Counted(Questions.SetAgencyTypes(questionId, agencyTypes));

    public DomainResult MarkSafetyQuestion(string questionId, bool isSafetyQuestion) =>
        WhileDraftEditingTool() ?? Counted(Questions.MarkSafety(questionId, isSafetyQuestion));

    public DomainResult RemoveQuestion(string questionId) =>
        WhileDraftEditingTool() ?? Counted(Questions.RemoveQuestion(questionId));

    /// <summary>Moves a question to a zero-based position within its section.</summary>
    public DomainResult MoveQuestion(string questionId, int newIndex) =>
        WhileDraftEditingTool() ?? Counted(Questions.MoveQuestion(questionId, newIndex));

    // ---- Cases ----

    public DomainResult AddCase(CaseReference reference, AgeBand ageBand)
    {
        ArgumentNullException.ThrowIfNull(reference);
        if (WhileDraft("add cases") is { } refusal)
        {
            return refusal;
        }

        if (!Enum.IsDefined(ageBand))
        {
            return DomainResult.Invalid("Choose an age band.");
        }

        if (FindCase(reference) is not null)
        {
            return DomainResult.Fail(DomainErrorKind.AlreadyDone, $"Case {reference} is already in this audit.");
        }

        if (Cases.Count >= MaxCases)
        {
            return DomainResult.Invalid($"An audit can have at most {MaxCases} cases, so the returns tracker fits on one card.");
        }

        return Change(() => Cases = [.. Cases, new AuditCase(reference, ageBand)]);
    }

    public DomainResult RemoveCase(CaseReference reference)
    {
        if (WhileDraft("remove cases") is { } refusal)
        {
            return refusal;
        }

        if (FindCase(reference) is null)
        {
            return DomainResult.NotFound($"Case {reference} is not in this audit.");
        }

        return Change(() =>
        {
            Cases = Cases.Where(c => c.Reference != reference).ToList();
            Agencies = Agencies.Select(a => a.AssignedCases is null ? a
                : a with { AssignedCases = a.AssignedCases.Where(r => r != reference).ToList() }).ToList();
        });
    }

    // ---- Agencies ----

    public DomainResult<AuditAgency> AddAgency(AgencyType type, string? name, PersonRef? representative = null, PersonRef? namedLead = null)
    {
        if (WhileDraft("add agencies") is { } refusal)
        {
            return DomainResult<AuditAgency>.From(refusal.Error!);
        }

        var error = ValidateAgencyName(name) ?? (Enum.IsDefined(type) ? null : "Choose an agency type.");
        if (error is not null)
        {
            return DomainResult<AuditAgency>.Fail(DomainErrorKind.Invalid, error);
        }

        var trimmed = FreeText.Normalise(name);
        if (Agencies.Any(a => string.Equals(a.Name, trimmed, StringComparison.OrdinalIgnoreCase)))
        {
            return DomainResult<AuditAgency>.Fail(DomainErrorKind.AlreadyDone, $"{trimmed} is already taking part in this audit.");
        }

        if (Agencies.Count >= MaxAgencies)
        {
            return DomainResult<AuditAgency>.Fail(DomainErrorKind.Invalid, $"An audit can have at most {MaxAgencies} agencies, so the returns tracker fits on one card.");
        }

        var agency = new AuditAgency($"agency-{NextAgencyNumber}", type, trimmed, representative, namedLead, AssignedCases: null);
        Change(() =>
        {
            NextAgencyNumber++;
            Agencies = [.. Agencies, agency];
        });
        return DomainResult<AuditAgency>.Ok(agency);
    }

    public DomainResult RemoveAgency(string agencyId)
    {
        if (WhileDraft("remove agencies") is { } refusal)
        {
            return refusal;
        }

        return FindAgency(agencyId) is null
            ? UnknownAgency(agencyId)
            : Change(() => Agencies = Agencies.Where(a => a.Id != agencyId).ToList());
    }

    /// <summary>Representatives can change at any time before closure (people move jobs mid-audit).</summary>
    public DomainResult AssignRepresentative(string agencyId, PersonRef representative)
    {
        ArgumentNullException.ThrowIfNull(representative);
        return ChangeAgency(agencyId, a => a with { Representative = representative });
    }

    public DomainResult SetNamedLead(string agencyId, PersonRef? namedLead) =>
        ChangeAgency(agencyId, a => a with { NamedLead = namedLead });

    /// <summary>Chooses which cases an agency returns on; null (the default) means every case.</summary>
    public DomainResult AssignCases(string agencyId, IReadOnlyCollection<CaseReference>? cases)
    {
        if (WhileDraft("change which cases an agency returns on") is { } refusal)
        {
            return refusal;
        }

        if (cases is not null)
        {
            var unknown = cases.FirstOrDefault(c => FindCase(c) is null);
            if (unknown is not null)
            {
                return DomainResult.NotFound($"Case {unknown} is not in this audit.");
            }

            if (cases.Count == 0)
            {
                return DomainResult.Invalid("An agency must return on at least one case; remove the agency instead.");
            }
        }

        return ChangeAgency(agencyId, a => a with { AssignedCases = cases?.Distinct().ToList() });
    }

    // ---- Lifecycle ----

    /// <summary>Sends the audit tool out. Refused until there are cases, agencies with representatives and a due date.</summary>
    public DomainResult Issue(DateTimeOffset now)
    {
        if (Status != AuditStatus.Draft)
        {
            return DomainResult.Fail(DomainErrorKind.AlreadyDone, $"This audit was already issued on {IssuedAt:d MMMM yyyy}.");
        }

        var problems = new List<string>();
        if (Cases.Count == 0)
        {
            problems.Add("add at least one case");
        }

        if (Agencies.Count == 0)
        {
            problems.Add("add at least one agency");
        }

        var withoutRep = Agencies.Where(a => a.Representative is null).Select(a => a.Name).ToList();
        if (withoutRep.Count > 0)
        {
            problems.Add($"choose a representative for {string.Join(", ", withoutRep)}");
        }

        var withoutCases = Agencies.Where(a => !Cases.Any(c => a.ReturnsOn(c.Reference))).Select(a => a.Name).ToList();
        if (Cases.Count > 0 && withoutCases.Count > 0)
        {
            problems.Add($"assign at least one case to {string.Join(", ", withoutCases)}");
        }

        if (ReturnsDueAt is null)
        {
            problems.Add("set the returns due date");
        }
        else if (ReturnsDueAt <= now)
        {
            problems.Add("move the returns due date into the future");
        }

        if (Questions.SafetyQuestionCount == 0)
        {
            problems.Add("keep the immediate-safety question");
        }

        if (problems.Count > 0)
        {
            return DomainResult.NotAllowed($"Before issuing this audit, please {string.Join("; ", problems)}.");
        }

        return Change(() =>
        {
            Status = AuditStatus.Issued;
            IssuedAt = now;
        });
    }

    /// <summary>Releases all returns to all representatives and the chair for grade moderation.</summary>
    public DomainResult ReleaseForModeration(DateTimeOffset now) =>
        MoveFrom(AuditStatus.Issued, AuditStatus.Moderation, "release returns for moderation",
            () => ReleasedForModerationAt = now);

    public DomainResult StartWorkshop() =>
        MoveFrom(AuditStatus.Moderation, AuditStatus.Workshop, "start the workshop");

    public DomainResult StartBriefing() =>
        MoveFrom(AuditStatus.Workshop, AuditStatus.Briefing, "start the briefing");

    public DomainResult StartMonitoring() =>
        MoveFrom(AuditStatus.Briefing, AuditStatus.Monitoring, "start monitoring the action plan");

    public DomainResult Close(DateTimeOffset now)
    {
        if (Status == AuditStatus.Closed)
        {
            return DomainResult.Fail(DomainErrorKind.AlreadyDone, $"This audit was already closed on {ClosedAt:d MMMM yyyy}.");
        }

        if (Status < AuditStatus.Workshop)
        {
            return DomainResult.NotAllowed("An audit can be closed only after its workshop has started.");
        }

        return Change(() =>
        {
            Status = AuditStatus.Closed;
            ClosedAt = now;
        });
    }

    // ---- helpers ----

    private const string UnknownScaleMessage = "Choose a grade scale: Ofsted four-point, RAG, Good / Requires improvement, or 1 to 5.";

    private static readonly DomainResult ClosedRefusal = DomainResult.NotAllowed("This audit is closed and can no longer be changed.");

    private DomainResult MoveFrom(AuditStatus from, AuditStatus to, string action, Action? alsoDo = null)
    {
        if (Status == to)
        {
            return DomainResult.Fail(DomainErrorKind.AlreadyDone, $"This audit is already at the {to} stage.");
        }

        if (Status != from)
        {
            return DomainResult.NotAllowed($"You can {action} only from the {from} stage; this audit is at the {Status} stage.");
        }

        return Change(() =>
        {
            Status = to;
            alsoDo?.Invoke();
        });
    }

    private DomainResult? WhileDraft(string action) =>
        Status == AuditStatus.Draft ? null : DomainResult.NotAllowed($"You can {action} only while the audit is a draft.");

    private DomainResult? WhileDraftEditingTool() =>
        Status == AuditStatus.Draft
            ? null
            : DomainResult.NotAllowed("The audit tool is fixed once issued, so that every agency answers the same questions.");

    private DomainResult ChangeAgency(string agencyId, Func<AuditAgency, AuditAgency> change)
    {
        if (Status == AuditStatus.Closed)
        {
            return ClosedRefusal;
        }

        return FindAgency(agencyId) is null
            ? UnknownAgency(agencyId)
            : Change(() => Agencies = Agencies.Select(a => a.Id == agencyId ? change(a) : a).ToList());
    }

    private static DomainResult UnknownAgency(string? agencyId) =>
        DomainResult.NotFound($"There is no agency \"{agencyId}\" in this audit.");

    private DomainResult Change(Action apply)
    {
        if (Status == AuditStatus.Closed)
        {
            return ClosedRefusal;
        }

        apply();
        Version++;
        return DomainResult.Ok;
    }

    // Retention and legal hold matter most after closure, so they stay editable then.
    private DomainResult ChangeRetention(RetentionPolicy retention)
    {
        Retention = retention;
        Version++;
        return DomainResult.Ok;
    }

    private DomainResult Counted(DomainResult result)
    {
        if (result.Succeeded)
        {
            Version++;
        }

        return result;
    }

    private DomainResult<T> Counted<T>(DomainResult<T> result)
    {
        if (result.Succeeded)
        {
            Version++;
        }

        return result;
    }

    private static string? ValidateTitle(string? title, string label = "The title")
    {
        if (string.IsNullOrWhiteSpace(title) || FreeText.Normalise(title).Length < 3)
        {
            return $"{label} needs at least 3 characters.";
        }

        var error = FreeText.Validate(title, label, MaxTitleLength);
        if (error is not null)
        {
            return error;
        }

        // Titles appear in channel posts, so they must never carry an identifier.
        var check = IdentifierScanner.Default.Check(title);
        return check.HasFindings ? $"{label} must not contain personal information. {check.Findings[0].Message}" : null;
    }

    private static string? ValidateAgencyName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "Give the agency a name.";
        }

        var error = FreeText.Validate(name, "The agency name", AuditAgency.MaxNameLength);
        if (error is not null)
        {
            return error;
        }

        // Agency names appear in the channel tracker and in exports, so they must never carry an identifier.
        var check = IdentifierScanner.Default.Check(name);
        return check.HasFindings ? $"The agency name must not contain personal information. {check.Findings[0].Message}" : null;
    }

    private static string? NullIfBlank(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : FreeText.Normalise(value);
}
