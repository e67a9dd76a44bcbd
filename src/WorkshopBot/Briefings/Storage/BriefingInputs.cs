using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Briefings.Domain;
using WorkshopBot.Common;
using WorkshopBot.Workshop.Domain;

namespace WorkshopBot.Briefings.Storage;

/// <summary>
/// Read-only access to what the audits and workshop features store. The briefing never writes their documents.
/// </summary>
public sealed class BriefingInputs(AuditStore audits, IEnumerable<IWorkshopResults> workshops)
{
    public async Task<Audit?> FindAuditAsync(Guid auditId, CancellationToken cancellationToken) =>
        (await audits.GetAuditAsync(auditId, cancellationToken).ConfigureAwait(false))?.Value;

    /// <summary>
    /// As <see cref="FindAuditAsync"/>, with the unit of work's commit made to depend on the audit as read: closed (or
    /// changed) before the commit, and the turn runs again from fresh reads.
    /// </summary>
    public async Task<Audit?> HoldAuditAsync(Guid auditId, CancellationToken cancellationToken) =>
        (await audits.HoldAuditAsync(auditId, cancellationToken).ConfigureAwait(false))?.Value;

    /// <summary>
    /// As <see cref="HoldAuditAsync"/>, without the audit's gate (<see cref="AuditStore.RequireAuditAsync"/>): for a turn that
    /// queues on the briefing and only checks its audit is not closed (a discussion recorded in a channel). The audit's gate
    /// is entered first or not at all (see DocumentGates): entered after the briefing's, the turn waited for the audit while
    /// a chair's briefing turn held the audit and waited for the briefing.
    /// </summary>
    public async Task<Audit?> RequireAuditAsync(Guid auditId, CancellationToken cancellationToken) =>
        (await audits.RequireAuditAsync(auditId, cancellationToken).ConfigureAwait(false))?.Value;

    /// <summary>
    /// Audits this person may brief on: those they chair, or every audit for an admin. Past the draft stage only.
    /// </summary>
    public async Task<IReadOnlyList<Audit>> ListBriefableAsync(PersonRef me, bool isAdmin, CancellationToken cancellationToken)
    {
        var all = await audits.ListAuditsAsync(cancellationToken).ConfigureAwait(false);
        return all.Select(d => d.Value)
            .Where(a => a.Status != AuditStatus.Draft && (isAdmin || a.IsChair(me)))
            .OrderByDescending(a => a.CreatedAt)
            .ToList();
    }

    public async Task<BriefingSource> LoadSourceAsync(Audit audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(audit);
        var returns = await audits.ListReturnsAsync(audit.Id, cancellationToken).ConfigureAwait(false);
        WorkshopOutcome? outcome = null;
        foreach (var workshop in workshops)
        {
            outcome ??= await workshop.GetForAuditAsync(audit.Id, cancellationToken).ConfigureAwait(false);
        }

        return BriefingSource.From(audit, returns.Select(r => r.Value), outcome);
    }
}
