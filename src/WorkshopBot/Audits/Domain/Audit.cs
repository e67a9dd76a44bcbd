using System.Text.Json.Serialization;
using WorkshopBot.Common;
using WorkshopBot.Common.Privacy;

namespace WorkshopBot.Audits.Domain;

/// <summary>
/// A multi-agency case audit: its theme, audit tool, cases, agencies, dates and governance. Every successful
/// change increments <see cref="Version"/> so that stores can refuse a write made from an older copy.
/// </summary>
public sealed partial class Audit
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

    /// <summary>The organisation this belongs to: only its people, in its turns, can find it (see DocumentChanges).</summary>
    [JsonInclude]
    public string? TenantId { get; private set; }

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

    /// <summary>When the returns' due date was last extended; null until it is (see <see cref="AutomaticReminderAt"/>).</summary>
    [JsonInclude]
    public DateTimeOffset? DueExtendedAt { get; private set; }

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
            TenantId = chair.TenantId,
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

        if (WorkshopAt is { } workshop && EnglandTime.DateOf(dueAt) >= EnglandTime.DateOf(workshop))
        {
            return DomainResult.Invalid($"The workshop is on {Moments.Day(workshop)}, so returns must be due before then. To make "
                + "them due later, first change the workshop date (on the audit's dashboard).");
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
            return DomainResult.Invalid(
                $"The new due date must be later than the current one ({Moments.Day(ReturnsDueAt)}) and in the future.");
        }

        return ReturnsDueBeforeWorkshop(newDueAt) ?? Change(() =>
        {
            ReturnsDueAt = newDueAt;
            DueExtendedAt = now;
        });
    }

    public DomainResult RecordDataProtection(string? lawfulBasis, string? dpiaReference, string? dataSharingAgreementReference)
    {
        // Shown on the dashboard and carried by the export: checked for identifiers, and refused with one, as a title is.
        var error = ValidateReference(lawfulBasis, "The lawful basis")
            ?? ValidateReference(dpiaReference, "The DPIA reference")
            ?? ValidateReference(dataSharingAgreementReference, "The data-sharing agreement reference");
        if (error is not null)
        {
            return DomainResult.Invalid(error);
        }

        return Change(() => DataProtection = new DataProtectionRecord(
            NullIfBlank(lawfulBasis), NullIfBlank(dpiaReference), NullIfBlank(dataSharingAgreementReference)));
    }

    public DomainResult SetRetention(int retainForMonthsAfterClosure)
    {
        if (retainForMonthsAfterClosure is < RetentionPolicy.MinMonths or > RetentionPolicy.MaxMonths)
        {
            return DomainResult.Invalid($"Retention is 1 to {RetentionPolicy.MaxMonths} months after closure.");
        }

        return ChangeRetention(Retention with { RetainForMonthsAfterClosure = retainForMonthsAfterClosure });
    }

    /// <summary>
    /// Sets how many days before the due date representatives are reminded. Changed while returns are collected, at
    /// <paramref name="now"/>, it gives the automatic round a new chance (see <see cref="AutomaticReminderAt"/>).
    /// </summary>
    public DomainResult SetReminders(int daysBeforeDue, DateTimeOffset? now = null)
    {
        if (daysBeforeDue is < 0 or > ReminderSettings.MaxDaysBeforeDue)
        {
            return DomainResult.Invalid($"Reminders are sent 0 to {ReminderSettings.MaxDaysBeforeDue} days before the due date.");
        }

        return Change(() =>
        {
            Reminders = new ReminderSettings(daysBeforeDue);
            RemindersChangedAt = Status == AuditStatus.Issued ? now : RemindersChangedAt;
        });
    }
}
