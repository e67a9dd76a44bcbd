namespace WorkshopBot.Insights.Domain;

/// <summary>
/// What the view needs to know of one audit, read from what the bot already stores: when it was held, how many cases,
/// the names of its agencies (those the chair named for it), the single-agency grades of its submitted returns, the
/// themes its workshop findings and actions carry, and its briefing's use. No free text of returns or findings is
/// carried here.
/// </summary>
public sealed record AuditFacts(
    Guid Id,
    string Title,
    DateOnly HeldOn,
    int Cases,
    IReadOnlyList<string> Agencies,
    IReadOnlyList<GradedReturn> Grades,
    IReadOnlyList<string> Themes,
    BriefingFacts? Briefing)
{
    /// <summary>
    /// How many of the audit's cases each of its agencies audits (an agency the chair assigned some cases to audits those;
    /// one assigned none, every case); null when not known, and then each agency audits every case.
    /// </summary>
    public IReadOnlyList<AgencyCases>? AgencyCases { get; init; }
}

/// <summary>An agency of an audit and how many of the audit's cases it audits (those assigned to it).</summary>
public sealed record AgencyCases(string Agency, int Cases);

/// <summary>One submitted return's grade: the agency, the level's label and its place on the audit's scale (1 is best).</summary>
public sealed record GradedReturn(string Agency, string Grade, int Rank, int ScaleLevels);

/// <summary>
/// The briefing of an audit: whether it was approved, in how many channels it is posted (those whose posts were all withdrawn
/// are not counted), which teams recorded discussing it (discussions recorded before a withdrawal are kept), and whether its
/// approved version was withdrawn (with no corrected version approved since).
/// </summary>
public sealed record BriefingFacts(bool Approved, int ChannelsPosted, IReadOnlyList<string> TeamsDiscussed, bool Withdrawn = false);

/// <summary>Where an action stands, as the view counts it.</summary>
public enum ActionStanding
{
    Open,
    AwaitingSignOff,
    Completed,
    Closed,
}

/// <summary>
/// One action of an action plan, for counting by owner and theme. <see cref="Agency"/> is the owner as named;
/// <see cref="OwnedByPartnership"/> says whether the partnership itself owns it (as the chair chose it: an audit's agency may
/// be named as the partnership is), so the two are never one row.
/// </summary>
public sealed record ActionFacts(
    Guid AuditId,
    string Agency,
    ActionStanding Standing,
    DateOnly DueOn,
    IReadOnlyList<string> Themes,
    bool AuditClosed = false)
{
    /// <summary>Owned by the partnership itself (PlannedAction.IsPartnershipOwned), not by one of the audit's agencies.</summary>
    public bool OwnedByPartnership { get; init; }

    public bool IsActive => Standing is ActionStanding.Open or ActionStanding.AwaitingSignOff;

    /// <summary>
    /// Still to be done while monitoring goes on: open or waiting for sign-off, in an audit not closed. Closing the audit
    /// ends its monitoring and freezes its plan (nobody can progress, sign off or close the action any more), so an action
    /// it left open is no longer the sub-group's work in hand: it is counted apart (<see cref="LeftOpen"/>).
    /// </summary>
    public bool IsInHand => IsActive && !AuditClosed;

    /// <summary>Open or waiting for sign-off when its audit was closed: unfinished, and kept as it stood.</summary>
    public bool LeftOpen => IsActive && AuditClosed;

    /// <summary>
    /// Past its due date and still open (one waiting for the chair's sign-off is with the chair, not late). Not once its
    /// audit is closed: the plan is kept as it stood, so it is counted as left open, never late for ever.
    /// </summary>
    public bool IsOverdue(DateOnly today) => Standing == ActionStanding.Open && !AuditClosed && today > DueOn;
}

/// <summary>Everything of one tenant the view is computed from.</summary>
public sealed record InsightFactSet(IReadOnlyList<AuditFacts> Audits, IReadOnlyList<ActionFacts> Actions);

/// <summary>
/// The period and filters a person chose. Theme is a taxonomy key; agency is an agency's name, matched without regard to
/// case; <see cref="Partnership"/> chooses the partnership's own entry instead (its own actions, told by
/// <see cref="ActionFacts.OwnedByPartnership"/>, never by a name an agency may have too).
/// </summary>
public sealed record InsightQuery(DateOnly From, DateOnly To, string? Theme = null, string? Agency = null, bool Partnership = false);
