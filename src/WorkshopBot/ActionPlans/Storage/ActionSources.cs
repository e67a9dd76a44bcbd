using WorkshopBot.ActionPlans.Domain;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Briefings.Domain;
using WorkshopBot.Briefings.Storage;
using WorkshopBot.Briefings.Teams;
using WorkshopBot.Common;
using WorkshopBot.Common.Privacy;
using WorkshopBot.Common.Storage;

namespace WorkshopBot.ActionPlans.Storage;

/// <summary>
/// An audit with its approved briefing: what an action plan is made from. <paramref name="Withdrawn"/>: the chair (or an
/// admin) withdrew that version and no corrected version is approved since, so it offers no recommendations; a plan
/// already started from it keeps its actions.
/// </summary>
public sealed record ApprovedBriefing(Audit Audit, Briefing Briefing, int Version, bool Withdrawn = false);

/// <summary>
/// Read-only access to the audits and briefings features: the action plan never changes their documents (it only writes the
/// briefing back as it is, to hold it, see <see cref="HoldApprovedAsync"/>). Audits are read
/// in the given tenant (the audit's own, as everywhere: see <see cref="WorkshopBot.Common.Storage.DocumentKind{T}.BelongsTo"/>),
/// so a download link, which runs outside a person's turn, is held to the same rule as a turn.
/// </summary>
public sealed class ActionSources(AuditStore audits, BriefingStore briefings, FreeTextCheck identifiers)
{
    /// <summary>
    /// How each action's recommendation may be shown (see <see cref="RecommendationWording"/>): read from the briefing of
    /// each action's audit, in <paramref name="tenantId"/>.
    /// </summary>
    public async Task<Func<PlannedAction, string?>> RecommendationsShownAsync(IEnumerable<PlannedAction> actions, string? tenantId,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actions);
        var shown = new Dictionary<Guid, string?>();
        foreach (var audit in actions.Where(a => a.Recommendation is not null || a.RecommendationWithdrawn).GroupBy(a => a.AuditId))
        {
            var found = await FindAuditAsync(audit.Key, tenantId, ct).ConfigureAwait(false);
            var record = found is null ? null : await briefings.GetAsync(audit.Key, ct).ConfigureAwait(false);
            var of = found is null ? (_ => []) : RecommendationsOf(found);
            foreach (var action in audit)
            {
                shown[action.Id] = RecommendationWording.Of(action, record, of);
            }
        }

        return a => shown.TryGetValue(a.Id, out var text) ? text : a.Recommendation;
    }

    /// <summary>
    /// Each version's recommendations as the plan card numbers them (screened for <paramref name="audit"/>'s case references),
    /// read once per version.
    /// </summary>
    public Func<Briefing, IReadOnlyList<Recommendation>> RecommendationsOf(Audit audit)
    {
        ArgumentNullException.ThrowIfNull(audit);
        var screened = new Dictionary<Briefing, IReadOnlyList<Recommendation>>(ReferenceEqualityComparer.Instance);
        return b => screened.TryGetValue(b, out var r) ? r
            : screened[b] = BriefingRecommendations.Of(b, identifiers, ChairedBriefing.CaseReferencesOf(audit));
    }

    /// <summary>
    /// Holds the approved briefing for an action about to copy one of its recommendations: the briefing is written back as it
    /// is, with a new version (<see cref="BriefingStore.MarkChangedAsync"/>), so this turn's commit and a withdrawal's
    /// conflict whichever comes first, and the one that loses runs again from fresh reads: the withdrawal then finds the new
    /// action and clears its copy, or the action is refused. False, holding it all the same, when the version read before was
    /// withdrawn since (or the briefing is gone).
    /// </summary>
    public async Task<bool> HoldApprovedAsync(ApprovedBriefing approved, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(approved);
        await briefings.MarkChangedAsync(approved.Audit.Id, ct).ConfigureAwait(false);
        var record = await briefings.GetAsync(approved.Audit.Id, ct).ConfigureAwait(false);
        return record is not null && record.WithdrawalOf(approved.Version) is null;
    }

    /// <summary>
    /// The audit, read again for a change to its plan, with the turn's commit made to depend on it (see
    /// <see cref="DocumentChanges.RequireUnchanged{T}"/>): closed or changed before the commit, and the turn runs again
    /// from fresh reads, so a change never lands on the plan of an audit closed in the meantime. Read once the turn holds
    /// the audit's gate (<see cref="AuditStore.HoldAuditAsync"/>), so a change to it under way on this instance (a chair
    /// handover) is what the chair check reads. Null when it is not there.
    /// </summary>
    public async Task<Audit?> HoldAuditAsync(Guid auditId, string? tenantId, CancellationToken ct)
    {
        var read = await audits.HoldAuditAsync(auditId, ct).ConfigureAwait(false);
        return read is null || !AuditStore.AuditKind.BelongsTo(read.Value, tenantId) ? null : read.Value;
    }

    /// <summary>
    /// Each audit's chair as it stands, by audit id, for the audits of <paramref name="tenantId"/> (one read): who chairs a
    /// plan is the audit's to say, not the plan's copy (<see cref="ActionViewer.ChairOf"/>).
    /// </summary>
    public async Task<IReadOnlyDictionary<Guid, PersonRef>> ChairsAsync(string? tenantId, CancellationToken ct) =>
        (await audits.ListAuditsOfTenantAsync(tenantId, ct).ConfigureAwait(false))
            .Where(a => AuditStore.AuditKind.BelongsTo(a, tenantId))
            .ToDictionary(a => a.Id, a => a.Chair);

    public async Task<Audit?> FindAuditAsync(Guid auditId, string? tenantId, CancellationToken ct)
    {
        var audit = (await audits.GetAuditAsync(auditId, ct).ConfigureAwait(false))?.Value;
        return audit is not null && AuditStore.AuditKind.BelongsTo(audit, tenantId) ? audit : null;
    }

    /// <summary>
    /// The audit and its approved briefing, or null when there is no approved briefing yet. An approved version since
    /// withdrawn (<see cref="BriefingRecord.WithdrawalOf"/>) comes back marked <see cref="ApprovedBriefing.Withdrawn"/>: it is
    /// no approved briefing to take recommendations from until a corrected version is approved.
    /// </summary>
    public async Task<ApprovedBriefing?> ApprovedAsync(Guid auditId, string? tenantId, CancellationToken ct)
    {
        var audit = await FindAuditAsync(auditId, tenantId, ct).ConfigureAwait(false);
        var record = audit is null ? null : await briefings.GetAsync(auditId, ct).ConfigureAwait(false);
        return audit is null || record?.Approved is not { } approved
            ? null
            : new ApprovedBriefing(audit, approved.Content, approved.Number, record.WithdrawalOf(approved.Number) is not null);
    }

    /// <summary>Audits with an approved briefing that this person may plan actions for (their own, or all for an admin).</summary>
    public async Task<IReadOnlyList<ApprovedBriefing>> ListPlannableAsync(PersonRef person, bool isAdmin, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(person);
        var result = new List<ApprovedBriefing>();
        foreach (var audit in (await audits.ListAuditsAsync(ct).ConfigureAwait(false)).Select(d => d.Value))
        {
            if ((!isAdmin && !audit.IsChair(person)) || !AuditStore.AuditKind.BelongsTo(audit, person.TenantId))
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
}
