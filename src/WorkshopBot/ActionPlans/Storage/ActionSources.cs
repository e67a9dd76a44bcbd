using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Briefings.Domain;
using WorkshopBot.Briefings.Storage;
using WorkshopBot.Common;

namespace WorkshopBot.ActionPlans.Storage;

/// <summary>An audit with its approved briefing: what an action plan is made from.</summary>
public sealed record ApprovedBriefing(Audit Audit, Briefing Briefing, int Version);

/// <summary>
/// Read-only access to the audits and briefings features: the action plan never writes their documents. Audits are read
/// in the actor's tenant: an audit whose chair belongs to another tenant, or whose plan was started in another tenant,
/// reads as absent.
/// </summary>
public sealed class ActionSources(AuditStore audits, BriefingStore briefings, ActionStore actions)
{
    public async Task<Audit?> FindAuditAsync(Guid auditId, string? tenantId, CancellationToken ct)
    {
        var audit = (await audits.GetAuditAsync(auditId, ct).ConfigureAwait(false))?.Value;
        return audit is not null && InTenant(audit, tenantId)
            && SameTenant(await actions.PlanTenantAsync(auditId, ct).ConfigureAwait(false) ?? tenantId, tenantId)
            ? audit
            : null;
    }

    /// <summary>The audit and its approved briefing, or null when there is no approved briefing yet.</summary>
    public async Task<ApprovedBriefing?> ApprovedAsync(Guid auditId, string? tenantId, CancellationToken ct)
    {
        var audit = await FindAuditAsync(auditId, tenantId, ct).ConfigureAwait(false);
        var approved = audit is null ? null : (await briefings.GetAsync(auditId, ct).ConfigureAwait(false))?.Approved;
        return audit is null || approved is null ? null : new ApprovedBriefing(audit, approved.Content, approved.Number);
    }

    /// <summary>Audits with an approved briefing that this person may plan actions for (their own, or all for an admin).</summary>
    public async Task<IReadOnlyList<ApprovedBriefing>> ListPlannableAsync(PersonRef person, bool isAdmin, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(person);
        var result = new List<ApprovedBriefing>();
        foreach (var audit in (await audits.ListAuditsAsync(ct).ConfigureAwait(false)).Select(d => d.Value))
        {
            if ((!isAdmin && !audit.IsChair(person)) || !InTenant(audit, person.TenantId))
            {
                continue;
            }

            var approved = await ApprovedAsync(audit.Id, person.TenantId, ct).ConfigureAwait(false);
            if (approved is not null)
            {
                result.Add(approved);
            }
        }

        return result.OrderByDescending(b => b.Audit.CreatedAt).ToList();
    }

    /// <summary>An audit belongs to its chair's tenant (audits stored without one are read in any allowed tenant).</summary>
    private static bool InTenant(Audit audit, string? tenantId) =>
        string.IsNullOrEmpty(audit.Chair.TenantId) || SameTenant(audit.Chair.TenantId, tenantId);

    private static bool SameTenant(string? a, string? b) => string.Equals(a ?? string.Empty, b ?? string.Empty,
        StringComparison.OrdinalIgnoreCase);
}
