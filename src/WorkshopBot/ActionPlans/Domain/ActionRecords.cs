using WorkshopBot.Common;

namespace WorkshopBot.ActionPlans.Domain;

/// <summary>One progress update from a lead: the RAG status and a note (identifier-checked before it is kept).</summary>
public sealed record ActionUpdate(DateTimeOffset At, PersonRef By, ActionRag Rag, string Note, bool IdentifierWarningConfirmed);

/// <summary>
/// Evidence a lead sent for sign-off: the <see cref="PlannedAction.EvidenceNumber"/> it got, when, who and what they wrote
/// (identifier-checked before it is kept). Kept when the chair sends it back and the lead sends other evidence.
/// </summary>
public sealed record SentEvidence(int Number, DateTimeOffset At, PersonRef By, string Text);

/// <summary>A change the chair made (reassign, extend, close, send evidence back, sign off) and the reason given.</summary>
public sealed record ActionChange(DateTimeOffset At, PersonRef By, ActionChangeKind Kind, string Reason, string? From, string? To);

/// <summary>
/// The latest change a person made to an action (a lead's update or evidence, a chair's change): the
/// <see cref="PlannedAction.Version"/> it made and who made it. The bot's own notes that a reminder or an overdue notice
/// went out are nobody's change and leave it as it is.
/// </summary>
public sealed record ActionEdit(int Version, PersonRef By);

/// <summary>A lead picked from the team: who they are and how the bot reaches them 1:1.</summary>
public sealed record ActionLead(PersonRef Person, string? TeamsId);

/// <summary>What the chair typed and picked for a new action; missing choices arrive as null.</summary>
public sealed record ActionDraft(
    string? What,
    string? OwnerAgency,
    ActionLead? Lead,
    DateOnly? DueOn,
    string? Measure,
    IReadOnlyList<string> Themes,
    string? Recommendation)
{
    /// <summary>The chair chose the partnership itself as the owner (not an agency, whatever its name).</summary>
    public bool PartnershipOwned { get; init; }

    /// <summary>Where <see cref="Recommendation"/> was taken from: the briefing's version and its number there.</summary>
    public RecommendationOrigin? RecommendationFrom { get; init; }
}

/// <summary>
/// The version of the audit's briefing an action's recommendation was taken from, and the recommendation's number in it as
/// the plan card numbered it: the wording can be read from that version while it stands, and its withdrawal finds the action.
/// </summary>
public sealed record RecommendationOrigin(int Version, int Number);
