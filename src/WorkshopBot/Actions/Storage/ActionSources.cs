using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Briefings.Domain;
using WorkshopBot.Briefings.Storage;

namespace WorkshopBot.Actions.Storage;

/// <summary>An audit with its approved briefing: what an action plan is made from.</summary>
public sealed record ApprovedBriefing(Audit Audit, Briefing Briefing, int Version);

/// <summary>Read-only access to the audits and briefings features: the action plan never writes their documents.</summary>
public sealed class ActionSources(AuditStore audits, BriefingStore briefings)
{
    public async Task<Audit?> FindAuditAsync(Guid auditId, CancellationToken ct) =>
        (await audits.GetAuditAsync(auditId, ct).ConfigureAwait(false))?.Value;

    /// <summary>The audit and its approved briefing, or null when there is no approved briefing yet.</summary>
    public async Task<ApprovedBriefing?> ApprovedAsync(Guid auditId, CancellationToken ct)
    {
        var audit = await FindAuditAsync(auditId, ct).ConfigureAwait(false);
        var approved = audit is null ? null : (await briefings.GetAsync(auditId, ct).ConfigureAwait(false))?.Approved;
        return audit is null || approved is null ? null : new ApprovedBriefing(audit, approved.Content, approved.Number);
    }

    /// <summary>Audits with an approved briefing that this person may plan actions for (their own, or all for an admin).</summary>
    public async Task<IReadOnlyList<ApprovedBriefing>> ListPlannableAsync(Common.PersonRef person, bool isAdmin, CancellationToken ct)
    {
        var result = new List<ApprovedBriefing>();
        foreach (var audit in (await audits.ListAuditsAsync(ct).ConfigureAwait(false)).Select(d => d.Value))
        {
            if (!isAdmin && !audit.IsChair(person))
            {
                continue;
            }

            var approved = (await briefings.GetAsync(audit.Id, ct).ConfigureAwait(false))?.Approved;
            if (approved is not null)
            {
                result.Add(new ApprovedBriefing(audit, approved.Content, approved.Number));
            }
        }

        return result.OrderByDescending(b => b.Audit.CreatedAt).ToList();
    }
}
