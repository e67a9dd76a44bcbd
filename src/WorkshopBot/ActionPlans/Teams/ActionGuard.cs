using WorkshopBot.ActionPlans.Domain;
using WorkshopBot.ActionPlans.Storage;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Common.Teams;
using WorkshopBot.Hosting;
using WorkshopBot.Protocol.Routing;
using WorkshopBot.Protocol.Schema;

namespace WorkshopBot.ActionPlans.Teams;

/// <summary>An action, its plan and the person looking at it, loaded in that person's tenant.</summary>
public sealed record ActionInView(PlannedAction Action, ActionPlan Plan, ActionViewer Viewer);

/// <summary>
/// The one guard of the action screens: loads in the actor's tenant, then lets through the audit's chair (or an admin)
/// for the chair's screens, and the action's leads (see <see cref="ActionViewer"/>) for theirs. Others learn nothing about the action.
/// Once the audit is closed its plan is kept as it stood: the action can be read, not changed (<see cref="StillOpenAsync"/>).
/// </summary>
public sealed class ActionGuard(ActionStore store, ActionSources sources, Roles roles)
{
    public const string ClosedTitle = "Audit closed";
    public const string NotYoursTitle = "Not your action";

    public const string NoLongerYoursTitle = "No longer your action";

    public const string NoLongerYoursText =
        "This action is no longer assigned to you, so nothing was saved. Type **actions** to see the actions you lead.";

    public const string NotYoursText =
        "Only the leads of the agency that owns this action, and the audit's chair, can see it. Nothing was changed. "
        + "Type **actions** to see yours.";

    public async Task<ActionViewer> ViewerAsync(TurnContext turn, CancellationToken ct)
    {
        var me = turn.Person();
        var actions = await store.ListForTenantAsync(turn.TenantId(), ct).ConfigureAwait(false);
        var plans = await store.ListPlansAsync(turn.TenantId(), ct).ConfigureAwait(false);
        var chairs = await sources.ChairsAsync(turn.TenantId(), ct).ConfigureAwait(false);
        return ActionViewer.Of(me, roles.IsAdmin(me), actions, plans, chairs);
    }

    /// <summary>The action for one of its agency's leads (or the chair, who may see everything in the plan).</summary>
    public Task<Guarded<ActionInView>> ForLeadAsync(TurnContext turn, Guid actionId, CancellationToken ct) =>
        LoadAsync(turn, actionId, holdPlan: false,
            view => view.Viewer.MaySee(view.Action, view.Plan) ? null : Reply.Refusal(NotYoursTitle, NotYoursText), ct);

    /// <summary>
    /// The action for the audit's chair or an admin only: the audit's chair as it stands, not the plan's copy. The audit the
    /// chair is checked on, and the plan, are held to the turn's commit: a handover that lands before the commit sends the
    /// turn round again, and the old chair is refused like anyone else.
    /// </summary>
    public Task<Guarded<ActionInView>> ForChairAsync(TurnContext turn, Guid actionId, CancellationToken ct) =>
        LoadAsync(turn, actionId, holdPlan: true, view => view.Viewer.Chairs(view.Plan) ? null
            : view.Viewer.MaySee(view.Action, view.Plan)
                ? Reply.Refusal("Chair only", $"Only the chair of \"{ActionCardKit.Shown(view.Plan.AuditTitle, 100)}\" "
                    + $"({ActionCardKit.Shown(view.Viewer.ChairNamed(view.Plan).DisplayName)}) or a "
                    + "partnership admin can do this. Nothing was changed.")
                : Reply.Refusal(NotYoursTitle, NotYoursText), ct);

    /// <summary>The chair's screens that change an action: <see cref="ForChairAsync"/>, while the audit is not closed.</summary>
    public async Task<Guarded<ActionInView>> ForChairChangeAsync(TurnContext turn, Guid actionId, CancellationToken ct) =>
        await StillOpenAsync(await ForChairAsync(turn, actionId, ct).ConfigureAwait(false), ct).ConfigureAwait(false);

    /// <summary>
    /// The view as it was allowed, or a polite refusal when the action's audit is closed (or gone): monitoring is over,
    /// and the plan stays as it stood at closure until retention deletes it.
    /// </summary>
    public async Task<Guarded<ActionInView>> StillOpenAsync(Guarded<ActionInView> view, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(view);
        if (view.Refused)
        {
            return view;
        }

        var action = view.Value.Action;
        var audit = await sources.FindAuditAsync(action.AuditId, action.TenantId, ct).ConfigureAwait(false);
        return audit is null || IsClosed(audit) ? Guarded<ActionInView>.Refuse(Closed(view.Value.Plan.AuditTitle)) : view;
    }

    /// <summary>
    /// For a change about to be made: the audit is read again and the turn's commit depends on it staying as read, so an
    /// audit closed after <see cref="StillOpenAsync"/> but before the commit wins; null, or the polite refusal.
    /// </summary>
    public async Task<InvokeResponse?> HoldOpenAsync(ActionInView view, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(view);
        var audit = await sources.HoldAuditAsync(view.Action.AuditId, view.Action.TenantId, ct).ConfigureAwait(false);
        return audit is null || IsClosed(audit) ? Closed(view.Plan.AuditTitle) : null;
    }

    public static bool IsClosed(Audit audit)
    {
        ArgumentNullException.ThrowIfNull(audit);
        return audit.Status == AuditStatus.Closed;
    }

    /// <summary>The refusal for a change to the plan of a closed audit (only said to those who may see the plan).</summary>
    public static InvokeResponse Closed(string auditTitle) => Reply.Refusal(ClosedTitle,
        $"\"{ActionCardKit.Shown(auditTitle, 100)}\" is closed, so its action plan can no longer be changed. Nothing was changed; "
        + "you can still read it.");

    private async Task<Guarded<ActionInView>> LoadAsync(TurnContext turn, Guid actionId, bool holdPlan,
        Func<ActionInView, InvokeResponse?> refusal, CancellationToken ct)
    {
        var tenant = turn.TenantId();
        var action = await store.GetAsync(actionId, tenant, ct).ConfigureAwait(false);
        if (holdPlan && action is not null)
        {
            // Held before the viewer reads who chairs each audit: a handover landing between the two reads leaves this read
            // behind the stored audit, and the commit then conflicts, so the turn runs again on the chair as it stands. Held
            // before the plan, too (the audit's gate first: see DocumentGates): entered after the plan's, this turn waited
            // for the audit holding the plan while a chair's turn on the plan screen held the audit and waited for the plan.
            await sources.HoldAuditAsync(action.AuditId, tenant, ct).ConfigureAwait(false);
        }

        var plan = action is null ? null
            : holdPlan ? await store.GetPlanHeldAsync(action.AuditId, tenant, ct).ConfigureAwait(false)
            : await store.GetPlanAsync(action.AuditId, tenant, ct).ConfigureAwait(false);

        if (action is null || plan is null)
        {
            return Guarded<ActionInView>.Refuse(Reply.Refusal(NotYoursTitle, NotYoursText));
        }

        var view = new ActionInView(action, plan, await ViewerAsync(turn, ct).ConfigureAwait(false));
        return refusal(view) is { } refused ? Guarded<ActionInView>.Refuse(refused) : Guarded<ActionInView>.Allow(view);
    }
}
