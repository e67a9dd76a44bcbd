using WorkshopBot.Audits.Domain;
using WorkshopBot.Briefings.Domain;
using WorkshopBot.Briefings.Storage;
using WorkshopBot.Common;
using WorkshopBot.Common.Teams;
using WorkshopBot.Hosting;
using WorkshopBot.Protocol.Routing;
using WorkshopBot.Protocol.Schema;

namespace WorkshopBot.Briefings.Teams;

/// <summary>The audit and its briefing, loaded for the person preparing it.</summary>
public sealed record ChairedBriefing(Audit Audit, BriefingRecord Record)
{
    /// <summary>The audit's case references, which briefing text must never carry (see <see cref="BriefingScreening"/>).</summary>
    public IReadOnlyList<string> CaseReferences => CaseReferencesOf(Audit);

    public static IReadOnlyList<string> CaseReferencesOf(Audit audit)
    {
        ArgumentNullException.ThrowIfNull(audit);
        return audit.Cases.Select(c => c.Reference.Value).ToList();
    }
}

/// <summary>
/// Who may prepare, publish, track and export a briefing: the audit's chair or a partnership admin. Each guard returns
/// what it loaded, or the polite refusal to answer with.
/// </summary>
public sealed class BriefingAccess(BriefingInputs inputs, BriefingStore store, Roles roles)
{
    /// <summary>The title of the answer to composing, approving or publishing a briefing for an audit not under way.</summary>
    public const string NotUnderWayTitle = "Not available for this audit";

    private const string NotUnderWayText = "A briefing is prepared and published while its audit is under way: once the audit "
        + "has been issued, and until it is closed. Nothing was changed.";

    /// <summary>
    /// Whether a briefing may be composed, changed, approved or published for the audit: not while it is a draft (its
    /// cases and agencies are not settled and no return exists; the picker never offers one) and not once it is closed
    /// (its plan is frozen and its retention period running; the briefing can still be read and exported).
    /// </summary>
    public static bool IsUnderWay(Audit audit)
    {
        ArgumentNullException.ThrowIfNull(audit);
        return audit.Status is not (AuditStatus.Draft or AuditStatus.Closed);
    }

    /// <summary>The polite refusal for an audit not under way: it names nothing of the audit.</summary>
    public static InvokeResponse NotUnderWay() => BriefingReply.Refusal(NotUnderWayTitle, NotUnderWayText);

    public bool MayPrepare(Audit audit, PersonRef person)
    {
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(person);
        return audit.IsChair(person) || roles.IsAdmin(person);
    }

    /// <summary>
    /// The audit, for its chair or an admin, held to the turn's commit: when the audit changes before the turn commits (a
    /// chair handover, a close), the turn runs again from fresh reads, so a chair replaced meanwhile is refused like anyone
    /// else instead of changing the briefing on the role they had when they pressed.
    /// </summary>
    public Task<Guarded<Audit>> ChairAuditHeldAsync(TurnContext turn, Guid auditId, CancellationToken cancellationToken) =>
        ChairAuditAsync(turn, auditId, hold: true, cancellationToken);

    private async Task<Guarded<Audit>> ChairAuditAsync(TurnContext turn, Guid auditId, bool hold, CancellationToken cancellationToken)
    {
        var audit = hold
            ? await inputs.HoldAuditAsync(auditId, cancellationToken).ConfigureAwait(false)
            : await inputs.FindAuditAsync(auditId, cancellationToken).ConfigureAwait(false);
        if (audit is null)
        {
            return Guarded<Audit>.Refuse(Reply.NotAvailable());
        }

        return MayPrepare(audit, turn.Person())
            ? Guarded<Audit>.Allow(audit)
            : Guarded<Audit>.Refuse(Reply.NotAvailable());
    }

    /// <summary>
    /// As <see cref="ChairAuditHeldAsync"/> (held to the commit), and the briefing must have been composed: for every
    /// change to the briefing that a closed audit still allows (withdrawing it, an export link logged in the chair's name).
    /// </summary>
    public Task<Guarded<ChairedBriefing>> ChairBriefingAsync(TurnContext turn, Guid auditId, CancellationToken cancellationToken) =>
        ChairBriefingAsync(turn, auditId, hold: true, underWay: false, cancellationToken);

    /// <summary>
    /// As <see cref="ChairBriefingAsync(TurnContext, Guid, CancellationToken)"/>, for a screen that only shows the briefing
    /// (its use, what a withdrawal would take down): the audit is read, not held, as nothing is changed on it.
    /// </summary>
    public Task<Guarded<ChairedBriefing>> ChairBriefingToReadAsync(TurnContext turn, Guid auditId, CancellationToken cancellationToken) =>
        ChairBriefingAsync(turn, auditId, hold: false, underWay: false, cancellationToken);

    /// <summary>
    /// As <see cref="ChairBriefingAsync(TurnContext, Guid, CancellationToken)"/>, for a change to the briefing or its
    /// publication: the audit must be under way (<see cref="IsUnderWay"/>), whatever the card data says.
    /// </summary>
    public Task<Guarded<ChairedBriefing>> ChairBriefingUnderWayAsync(TurnContext turn, Guid auditId,
        CancellationToken cancellationToken) => ChairBriefingAsync(turn, auditId, hold: true, underWay: true, cancellationToken);

    private async Task<Guarded<ChairedBriefing>> ChairBriefingAsync(TurnContext turn, Guid auditId, bool hold, bool underWay,
        CancellationToken cancellationToken)
    {
        var audit = await ChairAuditAsync(turn, auditId, hold, cancellationToken).ConfigureAwait(false);
        if (audit.Refused)
        {
            return Guarded<ChairedBriefing>.Refuse(audit.Refusal);
        }

        if (underWay && !IsUnderWay(audit.Value))
        {
            return Guarded<ChairedBriefing>.Refuse(NotUnderWay());
        }

        var record = await store.GetAsync(auditId, cancellationToken).ConfigureAwait(false);
        return record is null
            ? Guarded<ChairedBriefing>.Refuse(NoBriefingYet(auditId))
            : Guarded<ChairedBriefing>.Allow(new ChairedBriefing(audit.Value, record));
    }

    public static InvokeResponse NoBriefingYet(Guid auditId) =>
        BriefingReply.Refusal("No briefing yet", "Open the briefing first to compose it.", auditId);
}
