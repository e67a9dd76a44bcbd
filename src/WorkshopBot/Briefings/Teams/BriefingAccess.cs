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
    public bool MayPrepare(Audit audit, PersonRef person)
    {
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(person);
        return audit.IsChair(person) || roles.IsAdmin(person);
    }

    public async Task<Guarded<Audit>> ChairAuditAsync(TurnContext turn, Guid auditId, CancellationToken cancellationToken)
    {
        var audit = await inputs.FindAuditAsync(auditId, cancellationToken).ConfigureAwait(false);
        if (audit is null)
        {
            return Guarded<Audit>.Refuse(Reply.NotAvailable());
        }

        return MayPrepare(audit, turn.Person())
            ? Guarded<Audit>.Allow(audit)
            : Guarded<Audit>.Refuse(Reply.NotAvailable());
    }

    /// <summary>As <see cref="ChairAuditAsync"/>, and the briefing must have been composed.</summary>
    public async Task<Guarded<ChairedBriefing>> ChairBriefingAsync(TurnContext turn, Guid auditId, CancellationToken cancellationToken)
    {
        var audit = await ChairAuditAsync(turn, auditId, cancellationToken).ConfigureAwait(false);
        if (audit.Refused)
        {
            return Guarded<ChairedBriefing>.Refuse(audit.Refusal);
        }

        var record = await store.GetAsync(auditId, cancellationToken).ConfigureAwait(false);
        return record is null
            ? Guarded<ChairedBriefing>.Refuse(NoBriefingYet(auditId))
            : Guarded<ChairedBriefing>.Allow(new ChairedBriefing(audit.Value, record));
    }

    public static InvokeResponse NoBriefingYet(Guid auditId) =>
        BriefingReply.Refusal("No briefing yet", "Open the briefing first to compose it.", auditId);
}
