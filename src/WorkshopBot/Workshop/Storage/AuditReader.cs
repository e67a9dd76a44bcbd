using WorkshopBot.Audits;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Workshop.Domain;

namespace WorkshopBot.Workshop.Storage;

/// <summary>Read-only view of the audits feature's documents, as much as the workshop needs.</summary>
public interface IWorkshopAuditReader
{
    Task<Audit?> GetAuditAsync(Guid auditId, CancellationToken cancellationToken);

    /// <summary>
    /// The audit, with the turn's commit made to depend on it: closed (or changed) before the commit, and the turn runs
    /// again from fresh reads, so a workshop change never lands on an audit closed in the meantime.
    /// </summary>
    Task<Audit?> HoldAuditAsync(Guid auditId, CancellationToken cancellationToken);

    /// <summary>Audits this person chairs that can hold a workshop (issued and not closed).</summary>
    Task<IReadOnlyList<Audit>> ListChairedAsync(string userKey, CancellationToken cancellationToken);

    /// <summary>
    /// The single-agency grades of one case's submitted returns (drafts are not shown to the workshop), or null while the
    /// chair has not released the returns: until then each agency sees only its own return (need to know).
    /// </summary>
    Task<IReadOnlyList<AgencyGrade>?> ReleasedGradesAsync(Guid auditId, string caseReference, CancellationToken cancellationToken);
}

/// <summary>Reads the audits feature's store (audits and their returns); never writes it.</summary>
public sealed class DocumentWorkshopAuditReader(AuditStore store) : IWorkshopAuditReader
{
    public async Task<Audit?> GetAuditAsync(Guid auditId, CancellationToken cancellationToken) =>
        (await store.GetAuditAsync(auditId, cancellationToken).ConfigureAwait(false))?.Value;

    // Not the audit's gate: a workshop's changes queue on the workshop (AuditStore.RequireAuditAsync says why).
    public async Task<Audit?> HoldAuditAsync(Guid auditId, CancellationToken cancellationToken) =>
        (await store.RequireAuditAsync(auditId, cancellationToken).ConfigureAwait(false))?.Value;

    public async Task<IReadOnlyList<Audit>> ListChairedAsync(string userKey, CancellationToken cancellationToken)
    {
        var all = await store.ListAuditsAsync(cancellationToken).ConfigureAwait(false);
        return all.Select(d => d.Value)
            .Where(a => string.Equals(a.Chair.UserId, userKey, StringComparison.OrdinalIgnoreCase) && CanHoldWorkshop(a))
            .OrderByDescending(a => a.CreatedAt)
            .ToList();
    }

    public async Task<IReadOnlyList<AgencyGrade>?> ReleasedGradesAsync(Guid auditId, string caseReference,
        CancellationToken cancellationToken)
    {
        if ((await store.GetAuditAsync(auditId, cancellationToken).ConfigureAwait(false))?.Value is not { ReturnsReleased: true })
        {
            return null;
        }

        var returns = await store.ListReturnsAsync(auditId, cancellationToken).ConfigureAwait(false);
        return returns.Select(d => d.Value)
            .Where(r => r.CaseReference.Value == caseReference && r.Status == ReturnStatus.Submitted && r.Grade is not null)
            .OrderBy(r => r.AgencyName, StringComparer.OrdinalIgnoreCase)
            .Select(r => new AgencyGrade(r.AgencyName, r.Grade!.Label))
            .ToList();
    }

    public static bool CanHoldWorkshop(Audit audit) => audit.Status is not (AuditStatus.Draft or AuditStatus.Closed);
}
