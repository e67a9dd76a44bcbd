using System.Text.Json.Serialization;
using WorkshopBot.Common;
using WorkshopBot.Common.Privacy;

namespace WorkshopBot.ActionPlans.Domain;

/// <summary>
/// One action of an audit's action plan: what will be done, by which agency and lead, by when, how success is measured,
/// the themes it addresses, and everything that happened to it since. Intent-named methods guard every change.
/// </summary>
public sealed partial class PlannedAction
{
    public const int MaxWhatLength = 500;
    public const int MaxMeasureLength = 500;
    public const int MaxNoteLength = 2000;

    /// <summary>How long the same lead's same status and note again counts as the same update pressed twice.</summary>
    public static readonly TimeSpan RepeatWindow = TimeSpan.FromMinutes(10);
    public const int MaxReasonLength = 500;
    public const int MaxAgencyLength = 150;
    public const int MaxThemes = 3;

    /// <summary>A due date is at most this many years ahead: an action plan is monitored for months, not for ever.</summary>
    public const int MaxYearsAhead = 10;

    public const string DueTooFarText = "The due date can be at most 10 years ahead.";

    /// <summary>True when <paramref name="due"/> is more than <see cref="MaxYearsAhead"/> years after <paramref name="today"/>.</summary>
    public static bool TooFarAhead(DateOnly due, DateOnly today) =>
        today.Year > DateOnly.MaxValue.Year - MaxYearsAhead || due > today.AddYears(MaxYearsAhead);

    [JsonConstructor]
    private PlannedAction()
    {
    }

    [JsonInclude] public Guid Id { get; private set; }

    /// <summary>The Microsoft 365 tenant the action belongs to: every lookup names it.</summary>
    [JsonInclude] public string TenantId { get; private set; } = string.Empty;

    [JsonInclude] public Guid AuditId { get; private set; }

    [JsonInclude] public string AuditTitle { get; private set; } = string.Empty;

    /// <summary>A1, A2, ... within the plan.</summary>
    [JsonInclude] public int Number { get; private set; }

    [JsonInclude] public string What { get; private set; } = string.Empty;

    [JsonInclude] public string OwnerAgency { get; private set; } = string.Empty;

    /// <summary>
    /// Whether the partnership itself owns the action, as the chair chose it (not one of the audit's agencies, whatever its
    /// name): see <see cref="IsPartnershipOwned"/>. Null for an action stored before it was kept.
    /// </summary>
    [JsonInclude] public bool? OwnedByPartnership { get; private set; }

    [JsonInclude] public ActionLead Lead { get; private set; } = null!;

    [JsonInclude] public DateOnly DueOn { get; private set; }

    [JsonInclude] public string Measure { get; private set; } = string.Empty;

    [JsonInclude] public IReadOnlyList<string> Themes { get; private set; } = [];

    /// <summary>
    /// The wording of the briefing recommendation the action came from, if any, as copied when it was created; cleared when
    /// that version of the briefing is withdrawn (see <see cref="RecommendationWithdrawn"/>).
    /// </summary>
    [JsonInclude] public string? Recommendation { get; private set; }

    /// <summary>Where the recommendation came from; null for a free action and for one stored before it was kept.</summary>
    [JsonInclude] public RecommendationOrigin? RecommendationFrom { get; private set; }

    /// <summary>The briefing version the recommendation came from was withdrawn, and its wording cleared from the action.</summary>
    [JsonInclude] public bool RecommendationWithdrawn { get; private set; }

    [JsonInclude] public ActionState State { get; private set; }

    [JsonInclude] public ActionRag Rag { get; private set; }

    [JsonInclude] public IReadOnlyList<ActionUpdate> Updates { get; private set; } = [];

    [JsonInclude] public string? Evidence { get; private set; }

    [JsonInclude] public PersonRef? EvidenceBy { get; private set; }

    [JsonInclude] public DateTimeOffset? EvidenceAt { get; private set; }

    /// <summary>
    /// Which evidence <see cref="Evidence"/> is: one more each time the lead sends evidence (0 before any, and for actions
    /// stored before it was counted). A review card carries it, so the chair signs off only the evidence they were shown.
    /// </summary>
    [JsonInclude] public int EvidenceNumber { get; private set; }

    /// <summary>
    /// Every evidence the lead sent, oldest first, <see cref="Evidence"/> among them; empty for actions stored before it was
    /// kept (see <see cref="EvidenceHistory"/>).
    /// </summary>
    [JsonInclude] public IReadOnlyList<SentEvidence> EvidenceSent { get; private set; } = [];

    /// <summary>
    /// Every evidence the lead sent, oldest first: <see cref="EvidenceSent"/>, or for an action stored before it was kept, the
    /// one evidence it kept then (<see cref="Evidence"/>), if any.
    /// </summary>
    public IReadOnlyList<SentEvidence> EvidenceHistory =>
        EvidenceSent.Count > 0 || Evidence is null || EvidenceBy is null || EvidenceAt is null
            ? EvidenceSent
            : [new SentEvidence(EvidenceNumber, EvidenceAt.Value, EvidenceBy, Evidence)];

    [JsonInclude] public IReadOnlyList<ActionChange> Changes { get; private set; } = [];

    /// <summary>The due date the reminder before it was sent for; a new due date allows another.</summary>
    [JsonInclude] public DateOnly? RemindedForDue { get; private set; }

    /// <summary>The due date the overdue notices (lead and chair) were sent for.</summary>
    [JsonInclude] public DateOnly? OverdueNoticeForDue { get; private set; }

    [JsonInclude] public PersonRef CreatedBy { get; private set; } = null!;

    [JsonInclude] public DateTimeOffset CreatedAt { get; private set; }

    [JsonInclude] public DateTimeOffset? FinishedAt { get; private set; }

    [JsonInclude] public int Version { get; private set; }

    /// <summary>
    /// The latest change a person made (see <see cref="ActionEdit"/>); null until someone first changes the action (for an
    /// action stored before it was kept, until its next change).
    /// </summary>
    [JsonInclude] public ActionEdit? LastEdit { get; private set; }

    public string Label => $"A{Number}";

    public bool IsActive => State is ActionState.Open or ActionState.AwaitingSignOff;

    /// <summary>Past its due date and not finished (an action waiting for sign-off is with the chair, not late).</summary>
    public bool IsOverdue(DateOnly today) => State == ActionState.Open && today > DueOn;

    /// <summary>The agency as a key, so "Police" and " police " are one agency across audits.</summary>
    public string AgencyKey => AgencyKeyOf(OwnerAgency);

    /// <summary>The owner an action has when the partnership itself (its QA sub-group), not one agency, owns it.</summary>
    public const string PartnershipOwner = "The partnership";

    /// <summary>
    /// Owned by the partnership itself: not an agency whose leads share its actions. Its actions are led by different people
    /// of different agencies, so each is for its named lead only (see <see cref="ActionViewer"/>). Chosen as the owner
    /// (<see cref="OwnedByPartnership"/>), never read from a name: an audit's agency may be called "The partnership" too.
    /// An action stored before the choice was kept is the partnership's when its owner is named <see cref="PartnershipOwner"/>,
    /// as it was read then.
    /// </summary>
    public bool IsPartnershipOwned => IsPartnershipOwner(OwnedByPartnership, OwnerAgency);

    /// <summary>
    /// Whether an action stored with <paramref name="ownedByPartnership"/> and <paramref name="ownerAgency"/> is the
    /// partnership's own (<see cref="IsPartnershipOwned"/>), for a reader of the stored fields alone (the cross-audit view).
    /// </summary>
    public static bool IsPartnershipOwner(bool? ownedByPartnership, string? ownerAgency) =>
        ownedByPartnership ?? AgencyKeyOf(ownerAgency) == AgencyKeyOf(PartnershipOwner);

    /// <summary>
    /// The owner as readers are shown it: the partnership's own entry, or the agency as named, told apart from the
    /// partnership's own when it reads the same ("The partnership (an agency)"). The name alone never tells them apart.
    /// </summary>
    public string OwnerShown => OwnerNameOf(IsPartnershipOwned, OwnerAgency);

    /// <summary>The name <see cref="OwnerShown"/> gives an owner, from the stored fields alone (the cross-audit view).</summary>
    public static string OwnerNameOf(bool partnership, string? agency) => partnership ? PartnershipOwner
        : IsPartnershipOwner(null, agency) ? $"{(agency ?? string.Empty).Trim()} (an agency)"
        : (agency ?? string.Empty).Trim();

    public static string AgencyKeyOf(string? agency) => FreeText.Normalise(agency).ToLowerInvariant();

    /// <summary>
    /// A new open action, or a polite refusal: it needs what will be done, an owner agency, a named lead, a due date that
    /// is not in the past, a measure of success, and themes from the taxonomy (up to three).
    /// </summary>
    public static DomainResult<PlannedAction> Create(
        Guid id, string tenantId, Guid auditId, string auditTitle, int number, ActionDraft draft, PersonRef by, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(by);
        var today = EnglandTime.DateOf(now);
        var error = Required(draft.What, "Say what will be done.", "What will be done", MaxWhatLength)
            ?? (string.IsNullOrWhiteSpace(draft.OwnerAgency) ? "Choose the agency that owns this action." : null)
            ?? FreeText.Validate(draft.OwnerAgency, "The agency", MaxAgencyLength)
            ?? (draft.Lead is null ? "Choose a named lead from the team." : null)
            ?? (draft.DueOn is not { } due ? "Give a due date." : due < today ? "The due date cannot be in the past."
                : TooFarAhead(due, today) ? DueTooFarText : null)
            ?? Required(draft.Measure, "Say how you will know it worked (the measure of success).", "The measure", MaxMeasureLength)
            ?? ThemesError(draft.Themes)
            ?? FreeText.Validate(draft.Recommendation, "The recommendation", 2000);
        if (string.IsNullOrWhiteSpace(tenantId))
        {
            error ??= "This action cannot be created outside an organisation's Teams.";
        }

        if (error is not null)
        {
            return DomainResult<PlannedAction>.Fail(DomainErrorKind.Invalid, error);
        }

        if (draft.Lead!.Person.IsOfAnotherTenant(tenantId))
        {
            return DomainResult<PlannedAction>.From(PersonRef.OutsideOrganisation("lead").Error!);
        }

        return DomainResult<PlannedAction>.Ok(new PlannedAction
        {
            Id = id,
            TenantId = tenantId,
            AuditId = auditId,
            AuditTitle = auditTitle,
            Number = number,
            What = FreeText.Normalise(draft.What),
            OwnerAgency = draft.PartnershipOwned ? PartnershipOwner : FreeText.Normalise(draft.OwnerAgency),
            OwnedByPartnership = draft.PartnershipOwned,
            Lead = OfTenant(draft.Lead!, tenantId),
            DueOn = draft.DueOn!.Value,
            Measure = FreeText.Normalise(draft.Measure),
            Themes = draft.Themes.Distinct(StringComparer.Ordinal).ToList(),
            Recommendation = string.IsNullOrWhiteSpace(draft.Recommendation) ? null : FreeText.Normalise(draft.Recommendation),
            RecommendationFrom = string.IsNullOrWhiteSpace(draft.Recommendation) ? null : draft.RecommendationFrom,
            State = ActionState.Open,
            Rag = ActionRag.NotReported,
            CreatedBy = by,
            CreatedAt = now,
            Version = 1,
        });
    }

    /// <summary>The lead as an action records them: of the action's own organisation (they are chosen from its team).</summary>
    private static ActionLead OfTenant(ActionLead lead, string tenantId) => lead with { Person = lead.Person with { TenantId = tenantId } };

    /// <summary>Why a change pressed on a card drawn before someone else's change is refused (see <see cref="Unseen"/>).</summary>
    public const string ChangedSinceShownText = "The action has changed since this card was shown.";

    /// <summary>
    /// True when someone other than <paramref name="by"/> changed the action after <paramref name="shownVersion"/>, the
    /// <see cref="Version"/> the card pressed was drawn from (the bot's own notes do not count, see <see cref="ActionEdit"/>).
    /// A card posted before cards carried the version (null) is never taken as drawn before a change: it saves as it did. A
    /// version the action has not reached yet was drawn by no card the bot sent, so it counts as drawn before every change.
    /// </summary>
    public bool ChangedByOthersSince(int? shownVersion, PersonRef by)
    {
        ArgumentNullException.ThrowIfNull(by);
        return shownVersion is { } shown && LastEdit is { } edit && edit.Version > (shown > Version ? 0 : shown)
            && !edit.By.IsSamePerson(by);
    }

    /// <summary>
    /// Null, or the refusal of a change pressed on a card drawn before someone else's change
    /// (<see cref="ChangedByOthersSince"/>): <see cref="DomainErrorKind.Stale"/> with <see cref="ChangedSinceShownText"/>.
    /// Checked on the action as read for the change, before the change itself.
    /// </summary>
    public DomainResult? Unseen(int? shownVersion, PersonRef by) =>
        ChangedByOthersSince(shownVersion, by) ? DomainResult.Fail(DomainErrorKind.Stale, ChangedSinceShownText) : null;

    /// <summary>The named lead (agency-wide lead rights are <see cref="ActionViewer.Leads"/>'s).</summary>
    public bool IsLedBy(PersonRef person) => Lead.Person.IsSamePerson(person);

    private static string? Required(string? text, string missing, string label, int max) =>
        string.IsNullOrWhiteSpace(text) ? missing : FreeText.Validate(text, label, max);

    private static string? ThemesError(IReadOnlyList<string> themes) =>
        themes.Count > MaxThemes
            ? $"Choose up to {MaxThemes} themes."
            : themes.FirstOrDefault(t => !WorkshopBot.Common.Themes.IsKnown(t)) is { } unknown
                ? $"\"{(unknown.Length <= 60 ? unknown : TextCut.Prefix(unknown, 60) + "…")}\" is not a theme of the "
                    + "partnership's taxonomy."
                : null;

    /// <summary>A change <paramref name="by"/> makes: a new version, which is theirs (<see cref="LastEdit"/>).</summary>
    private DomainResult Change(PersonRef by, Action change)
    {
        change();
        Version++;
        LastEdit = new ActionEdit(Version, by);
        return DomainResult.Ok;
    }

    /// <summary>The bot's own note (a reminder or an overdue notice sent): a new version, but nobody's change.</summary>
    private DomainResult Note(Action note)
    {
        note();
        Version++;
        return DomainResult.Ok;
    }
}
