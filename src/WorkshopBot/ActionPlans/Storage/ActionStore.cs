using WorkshopBot.ActionPlans.Domain;
using WorkshopBot.Common;
using WorkshopBot.Common.Storage;
using WorkshopBot.Storage;

namespace WorkshopBot.ActionPlans.Storage;

/// <summary>
/// Action plans ("action-plans", one per audit) and actions ("actions", one document each, listed by audit and by lead).
/// Both carry their tenant: every read names the actor's tenant, so another organisation's plan reads as absent.
/// Every change goes through <see cref="DocumentChanges"/>, with the turn's unit of work.
/// </summary>
public sealed class ActionStore(DocumentChanges documents)
{
    public static DocumentKind<ActionPlan> Plans { get; } =
        new("action-plans", p => Key(p.AuditId), p => p.Chair.UserId, null, p => p.TenantId, p => p.AuditId);

    public static DocumentKind<PlannedAction> Actions { get; } =
        new("actions", a => Key(a.Id), a => Key(a.AuditId), a => a.Lead.Person.UserId, a => a.TenantId, a => a.AuditId);

    public Task<ActionPlan?> GetPlanAsync(Guid auditId, string? tenantId, CancellationToken ct) =>
        documents.GetAsync(Plans, Key(auditId), tenantId, ct);

    /// <summary>The tenant an audit's plan was started in, or null when it has none yet (for the tenant check only).</summary>
    public async Task<string?> PlanTenantAsync(Guid auditId, CancellationToken ct) =>
        (await documents.GetAsync(Plans, Key(auditId), ct).ConfigureAwait(false))?.TenantId;

    public Task<bool> InsertPlanAsync(ActionPlan plan, CancellationToken ct) => documents.InsertAsync(Plans, plan, ct);

    public Task<Changed<ActionPlan, T>> ChangePlanAsync<T>(Guid auditId, Func<ActionPlan, DomainResult<T>> change, CancellationToken ct) =>
        documents.ChangeAsync(Plans, Key(auditId), change, ct);

    public Task<Changed<ActionPlan, bool>> ChangePlanAsync(Guid auditId, Func<ActionPlan, DomainResult> change, CancellationToken ct) =>
        documents.ChangeAsync(Plans, Key(auditId), change, ct);

    /// <summary>
    /// Reads the plan into the turn's unit of work, queued behind other changes to it on this instance, without changing it
    /// yet: what the turn reads after this is at least as new as the plan, and a change the turn then makes to the plan is
    /// refused at commit if someone changed the plan since this read. (Every new action takes its number from the plan.)
    /// </summary>
    public Task HoldPlanAsync(Guid auditId, CancellationToken ct) =>
        documents.ChangeAsync(Plans, Key(auditId), _ => DomainResult.Fail(DomainErrorKind.AlreadyDone, "Only read."), ct);

    /// <summary>
    /// The plan in the tenant, read with the turn's commit made to depend on it (see
    /// <see cref="DocumentChanges.RequireUnchanged{T}"/>): changed before the commit (its chair handed over, say), and the
    /// turn runs again from fresh reads, so a right checked on this read still holds when the turn's change lands. Read once
    /// the turn holds the plan's gate (<see cref="DocumentChanges.HoldAsync{T}"/>), so a change to it under way on this
    /// instance is what the check reads.
    /// </summary>
    public async Task<ActionPlan?> GetPlanHeldAsync(Guid auditId, string? tenantId, CancellationToken ct)
    {
        var read = await documents.HoldAsync(Plans, Key(auditId), ct).ConfigureAwait(false);
        return read is null || !Plans.BelongsTo(read.Value, tenantId) ? null : read.Value;
    }

    /// <summary>An action with the version it was read at (this unit of work's own changes included), in the tenant.</summary>
    public async Task<VersionedDocument<PlannedAction>?> GetVersionedAsync(Guid actionId, string? tenantId, CancellationToken ct) =>
        await documents.GetVersionedAsync(Actions, Key(actionId), ct).ConfigureAwait(false) is { } read
        && Actions.BelongsTo(read.Value, tenantId)
            ? read
            : null;

    /// <summary>Makes the turn's commit depend on an action it only read (see <see cref="DocumentChanges.RequireUnchanged{T}"/>).</summary>
    public void RequireUnchanged(VersionedDocument<PlannedAction> read) => documents.RequireUnchanged(Actions, read);

    public Task<PlannedAction?> GetAsync(Guid actionId, string? tenantId, CancellationToken ct) =>
        documents.GetAsync(Actions, Key(actionId), tenantId, ct);

    public async Task<IReadOnlyList<PlannedAction>> ListForAuditAsync(Guid auditId, string? tenantId, CancellationToken ct) =>
        (await documents.ListAsync(Actions, Key(auditId), null, tenantId, ct).ConfigureAwait(false)).OrderBy(a => a.Number).ToList();

    /// <summary>Every action of a tenant (a lead's own view, their agencies).</summary>
    public Task<IReadOnlyList<PlannedAction>> ListForTenantAsync(string? tenantId, CancellationToken ct) =>
        documents.ListAsync(Actions, null, null, tenantId, ct);

    /// <summary>Every action of every tenant: for the bot's own jobs only.</summary>
    public Task<IReadOnlyList<PlannedAction>> ListAllAsync(CancellationToken ct) => documents.ListAsync(Actions, null, null, ct);

    /// <summary>Every plan of a tenant.</summary>
    public Task<IReadOnlyList<ActionPlan>> ListPlansAsync(string? tenantId, CancellationToken ct) =>
        documents.ListAsync(Plans, null, null, tenantId, ct);

    /// <summary>
    /// Enters the gates of these actions in the order of their ids, for a turn that goes on to change them in another order
    /// (by number, say): two such turns then never wait for each other (see DocumentGates).
    /// </summary>
    public Task EnterInOrderAsync(IEnumerable<Guid> actionIds, CancellationToken ct) =>
        documents.EnterInOrderAsync(Actions, actionIds.Select(Key), ct);

    public Task<bool> InsertAsync(PlannedAction action, CancellationToken ct) => documents.InsertAsync(Actions, action, ct);

    public Task<Changed<PlannedAction, bool>> ChangeAsync(Guid actionId, Func<PlannedAction, DomainResult> change, CancellationToken ct) =>
        documents.ChangeAsync(Actions, Key(actionId), change, ct);

    public static string Key(Guid id) => id.ToString("D");
}
