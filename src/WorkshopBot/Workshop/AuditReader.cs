using WorkshopBot.Audits;
using WorkshopBot.Storage;

namespace WorkshopBot.Workshop;

/// <summary>Read-only view of the audits feature's documents, as much as the workshop needs.</summary>
public interface IWorkshopAuditReader
{
    Task<Audit?> GetAuditAsync(Guid auditId, CancellationToken cancellationToken);

    /// <summary>Audits this person chairs that can hold a workshop (issued and not closed).</summary>
    Task<IReadOnlyList<Audit>> ListChairedAsync(string userKey, CancellationToken cancellationToken);

    /// <summary>The returns of one case that carry a single-agency grade.</summary>
    Task<IReadOnlyList<AuditReturn>> ListGradedReturnsAsync(Guid auditId, string caseReference, CancellationToken cancellationToken);
}

/// <summary>Reads collections "audits" and "returns" of the document store.</summary>
public sealed class DocumentWorkshopAuditReader(IDocumentStore store) : IWorkshopAuditReader
{
    public const string AuditsCollection = "audits";
    public const string ReturnsCollection = "returns";

    public async Task<Audit?> GetAuditAsync(Guid auditId, CancellationToken cancellationToken) =>
        (await store.GetAsync<Audit>(AuditsCollection, auditId.ToString(), cancellationToken: cancellationToken).ConfigureAwait(false))?.Value;

    public async Task<IReadOnlyList<Audit>> ListChairedAsync(string userKey, CancellationToken cancellationToken)
    {
        var all = await store.ListAsync<Audit>(AuditsCollection, cancellationToken: cancellationToken).ConfigureAwait(false);
        return all.Select(d => d.Value)
            .Where(a => string.Equals(a.Chair.UserId, userKey, StringComparison.OrdinalIgnoreCase) && CanHoldWorkshop(a))
            .OrderByDescending(a => a.CreatedAt)
            .ToList();
    }

    public async Task<IReadOnlyList<AuditReturn>> ListGradedReturnsAsync(Guid auditId, string caseReference, CancellationToken cancellationToken)
    {
        // Filtered here rather than by lookup key, so the read does not depend on which keys the audits feature chose.
        var all = await store.ListAsync<AuditReturn>(ReturnsCollection, cancellationToken: cancellationToken).ConfigureAwait(false);
        return all.Select(d => d.Value)
            .Where(r => r.AuditId == auditId && r.CaseReference.Value == caseReference && r.Grade is not null)
            .OrderBy(r => r.AgencyName, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    public static bool CanHoldWorkshop(Audit audit) => audit.Status is not (AuditStatus.Draft or AuditStatus.Closed);
}
