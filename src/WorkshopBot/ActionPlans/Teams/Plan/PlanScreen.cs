using WorkshopBot.ActionPlans.Domain;
using WorkshopBot.ActionPlans.Storage;
using WorkshopBot.Cards;
using WorkshopBot.Briefings.Teams;
using WorkshopBot.Common;
using WorkshopBot.Common.Privacy;
using WorkshopBot.Common.Teams;
using WorkshopBot.Conversations;
using WorkshopBot.Hosting;
using WorkshopBot.Protocol.Routing;
using WorkshopBot.Protocol.Schema;

namespace WorkshopBot.ActionPlans.Teams;

/// <summary>Data of <see cref="PlanScreen.OpenPlan"/> and <see cref="ExportScreen.Export"/>: one audit's action plan.</summary>
public sealed record PlanRefData(Guid AuditId);

/// <summary>Data of <see cref="PlanScreen.Mine"/>; carries nothing but keeps the data typed.</summary>
public sealed record MineData;

/// <summary>Data of <see cref="PlanScreen.ChoosePlan"/>; carries nothing: the list is the presser's own.</summary>
public sealed record ChoosePlanData;

/// <summary>
/// "actions": a chair's action plans (audits with an approved briefing) and a lead's own actions; the plan card with the
/// briefing's recommendations, each ready to become actions. A practitioner sees none.
/// </summary>
public sealed class PlanScreen(
    ActionSources sources, ActionStore store, ActionGuard guard, Roles roles, AuditTrail trail, FreeTextCheck identifiers,
    TimeProvider time)
{
    public const string OpenPlan = "actions.plan.open";
    public const string Mine = "actions.mine";
    public const string ChoosePlan = "actions.plans.choose";

    public const string NoActionsTitle = "No actions for you";

    public const string NoActionsText =
        "You do not lead any action, and there is no action plan you chair. Actions reach their leads here when an audit's "
        + "chair assigns them.";

    private DateOnly Today => EnglandTime.Today(time);

    public static void Map(ActivityRouter router)
    {
        ArgumentNullException.ThrowIfNull(router);
        router.OnCommand("actions", (turn, _, ct) => turn.Screen<PlanScreen>().OverviewAsync(turn, ct));
        router.OnCommand("my actions", (turn, _, ct) => turn.Screen<PlanScreen>().MineCommandAsync(turn, ct));
        router.OnCardAction<PlanRefData>(OpenPlan, (turn, d, ct) => turn.Screen<PlanScreen>().OpenAsync(turn, d, ct));
        router.OnCardAction<MineData>(Mine, (turn, _, ct) => turn.Screen<PlanScreen>().MineAsync(turn, ct));
        router.OnCardAction<ChoosePlanData>(ChoosePlan, (turn, _, ct) => turn.Screen<PlanScreen>().ChooseAsync(turn, ct));
    }

    public async Task OverviewAsync(TurnContext turn, CancellationToken ct)
    {
        var plannable = await PlannableAsync(turn, ct).ConfigureAwait(false);
        var mine = await MyActionsAsync(turn, ct).ConfigureAwait(false);
        var elsewhere = !turn.IsPersonal && mine.Count > 0;
        // In a channel (where a chair opens a plan's tracker) the plans are not listed in the post: everyone there, guests of
        // other agencies too, would read the titles of every audit this person chairs. The post's button answers with the
        // list, which Teams shows to the person who pressed alone; the actions this person leads are pointed to instead.
        var card = plannable.Count == 0 && mine.Count == 0
            ? NoticeCard.Create(NoActionsTitle, NoActionsText, Tone.Info)
            : turn.IsPersonal
                ? PlanCard.Overview(plannable, mine, Today)
                : PlanCard.ChooseInPrivate(plannable.Count > 0, elsewhere ? PersonalLists.Pointer("my actions") : null);
        await turn.SendCardAsync(AdaptiveCardJson.ToJsonElement(card), ct).ConfigureAwait(false);
    }

    /// <summary>The plans the presser chairs, as the answer to their own press (shown to them alone in a channel).</summary>
    public async Task<InvokeResponse> ChooseAsync(TurnContext turn, CancellationToken ct)
    {
        var plannable = await PlannableAsync(turn, ct).ConfigureAwait(false);
        return Reply.Card(plannable.Count == 0
            ? NoticeCard.Create(NoActionsTitle, NoActionsText, Tone.Info)
            : PlanCard.Overview(plannable, [], Today));
    }

    /// <summary>
    /// The audits with an approved briefing this person may plan: those they chair, and every one for an admin in the
    /// personal chat (not in a channel, where that would be every audit with an approved briefing).
    /// </summary>
    private async Task<IReadOnlyList<ApprovedBriefing>> PlannableAsync(TurnContext turn, CancellationToken ct)
    {
        var me = turn.Person();
        return roles.MayCreateAudits(me)
            ? await sources.ListPlannableAsync(me, roles.IsAdmin(me) && turn.IsPersonal, ct).ConfigureAwait(false)
            : [];
    }

    public async Task MineCommandAsync(TurnContext turn, CancellationToken ct)
    {
        if (!await PersonalLists.InPersonalChatAsync(turn, "my actions", ct).ConfigureAwait(false))
        {
            return;
        }

        var mine = await MyActionsAsync(turn, ct).ConfigureAwait(false);
        var card = mine.Count == 0 ? NoticeCard.Create(NoActionsTitle, NoActionsText, Tone.Info) : PlanCard.Mine(mine, Today);
        await turn.SendCardAsync(AdaptiveCardJson.ToJsonElement(card), ct).ConfigureAwait(false);
    }

    public async Task<InvokeResponse> MineAsync(TurnContext turn, CancellationToken ct)
    {
        var mine = await MyActionsAsync(turn, ct).ConfigureAwait(false);
        return Reply.Card(mine.Count == 0 ? NoticeCard.Create(NoActionsTitle, NoActionsText, Tone.Info) : PlanCard.Mine(mine, Today));
    }

    /// <summary>The plan card: the briefing's recommendations and the actions so far. Starts the plan where the chair is.</summary>
    public async Task<InvokeResponse> OpenAsync(TurnContext turn, PlanRefData data, CancellationToken ct)
    {
        var chaired = await ChairedAsync(turn, data.AuditId, ct).ConfigureAwait(false);
        if (chaired.Refused)
        {
            return chaired.Refusal;
        }

        // A closed audit's plan is read as it stood: opening it starts no plan and moves none to this conversation.
        if (!ActionGuard.IsClosed(chaired.Value.Audit))
        {
            await StartPlanAsync(turn, chaired.Value, ct).ConfigureAwait(false);
        }

        return await PlanCardAsync(turn, chaired.Value, null, Tone.Info, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// The audit and its approved briefing, for its chair or an admin; a polite refusal otherwise. The audit the chair is
    /// checked on is held to the turn's commit: a handover that lands before the commit sends the turn round again, to the
    /// refusal, so a replaced chair neither starts the plan nor adds an action.
    /// </summary>
    public async Task<Guarded<ApprovedBriefing>> ChairedAsync(TurnContext turn, Guid auditId, CancellationToken ct)
    {
        var audit = await sources.HoldAuditAsync(auditId, turn.TenantId(), ct).ConfigureAwait(false);
        var me = turn.Person();
        if (audit is null || !(audit.IsChair(me) || roles.IsAdmin(me)))
        {
            return Guarded<ApprovedBriefing>.Refuse(Reply.Refusal("Chair only",
                "Only an audit's chair (or a partnership admin) can work on its action plan. Nothing was changed."));
        }

        var approved = await sources.ApprovedAsync(auditId, turn.TenantId(), ct).ConfigureAwait(false);
        if (approved is { Withdrawn: true } && await store.GetPlanAsync(auditId, turn.TenantId(), ct).ConfigureAwait(false) is null)
        {
            // A withdrawn briefing is no approved briefing to start a plan from (one started before keeps its actions).
            return Guarded<ApprovedBriefing>.Refuse(Reply.Refusal("No approved briefing",
                $"The approved 7-minute briefing of \"{ActionCardKit.Shown(audit.Title, 100)}\" was withdrawn, so the action plan "
                + "cannot start from it. Approve a corrected version first."));
        }

        return approved is null
            ? Guarded<ApprovedBriefing>.Refuse(Reply.Refusal("No approved briefing yet",
                $"The action plan of \"{ActionCardKit.Shown(audit.Title, 100)}\" starts from its approved 7-minute briefing. "
                + "Approve the briefing first."))
            : Guarded<ApprovedBriefing>.Allow(approved);
    }

    /// <summary>
    /// The plan of this audit in the actor's tenant, started (or moved to this channel) as needed; the audit log gets
    /// "action-plan.started" and "action-plan.moved" (no conversation ids, no text).
    /// </summary>
    public async Task<ActionPlan> StartPlanAsync(TurnContext turn, ApprovedBriefing approved, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(approved);
        var tenant = turn.TenantId() ?? string.Empty;
        var conversation = ConversationTracker.KeyOf(turn.Activity);
        var plan = await store.GetPlanAsync(approved.Audit.Id, tenant, ct).ConfigureAwait(false);
        if (plan is null)
        {
            plan = ActionPlan.Start(approved.Audit.Id, tenant, approved.Audit.Title, approved.Audit.Chair with { TenantId = tenant },
                approved.Audit.IsChair(turn.Person()) ? turn.Activity.From?.Id : null, turn.ServiceUrl, conversation, time.GetUtcNow());
            if (await store.InsertPlanAsync(plan, ct).ConfigureAwait(false))
            {
                await trail.RecordAsync(turn.Person(), "action-plan.started", "audit", approved.Audit.Id,
                    new { inChannel = !turn.IsPersonal }, ct).ConfigureAwait(false);
            }
            else
            {
                plan = await store.GetPlanAsync(approved.Audit.Id, tenant, ct).ConfigureAwait(false) ?? plan;
            }
        }
        else
        {
            plan = await ReachChairAsync(turn, approved, plan, ct).ConfigureAwait(false);
            if (!turn.IsPersonal)
            {
                var moved = await store.ChangePlanAsync(approved.Audit.Id, p => p.UseConversation(turn.ServiceUrl, conversation), ct)
                    .ConfigureAwait(false);
                plan = moved.Value ?? plan;
                if (moved.Saved)
                {
                    await trail.RecordAsync(turn.Person(), "action-plan.moved", "audit", approved.Audit.Id, null, ct).ConfigureAwait(false);
                }
            }
        }

        return plan;
    }

    /// <summary>A plan an admin started does not know how to reach its chair 1:1; the chair, opening it, is reached from here on.</summary>
    private async Task<ActionPlan> ReachChairAsync(TurnContext turn, ApprovedBriefing approved, ActionPlan plan, CancellationToken ct) =>
        plan.ChairTeamsId is null && approved.Audit.IsChair(turn.Person()) && turn.Activity.From?.Id is { Length: > 0 } chairId
            ? (await store.ChangePlanAsync(approved.Audit.Id, p => p.ReachChairAt(chairId), ct).ConfigureAwait(false)).Value ?? plan
            : plan;

    public async Task<InvokeResponse> PlanCardAsync(TurnContext turn, ApprovedBriefing approved, string? message, Tone tone,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(approved);
        var actions = await store.ListForAuditAsync(approved.Audit.Id, turn.TenantId(), ct).ConfigureAwait(false);
        var (recommendations, withheld) = approved.Withdrawn
            ? ([], 0)
            : BriefingRecommendations.Screen(approved.Briefing, identifiers, ChairedBriefing.CaseReferencesOf(approved.Audit));
        return Reply.Card(PlanCard.Plan(approved, recommendations, actions, Today, message, tone, withheld));
    }

    /// <summary>
    /// The approved briefing's recommendations as the plan card lists them and the create form fills them in: screened for
    /// possible identifiers (confirmed or not) and the audit's case references, as the card is shown in a channel. None
    /// from a withdrawn briefing.
    /// </summary>
    public IReadOnlyList<Recommendation> RecommendationsOf(ApprovedBriefing approved)
    {
        ArgumentNullException.ThrowIfNull(approved);
        return approved.Withdrawn
            ? []
            : BriefingRecommendations.Of(approved.Briefing, identifiers, ChairedBriefing.CaseReferencesOf(approved.Audit));
    }

    private async Task<IReadOnlyList<PlannedAction>> MyActionsAsync(TurnContext turn, CancellationToken ct)
    {
        var viewer = await guard.ViewerAsync(turn, ct).ConfigureAwait(false);
        var led = (await store.ListForTenantAsync(turn.TenantId(), ct).ConfigureAwait(false))
            .Where(a => a.IsActive && viewer.Leads(a))
            .ToList();

        // A closed audit's plan is kept as it stood: its actions are no longer a lead's to update.
        var closed = new HashSet<Guid>();
        foreach (var auditId in led.Select(a => a.AuditId).Distinct())
        {
            if (await sources.FindAuditAsync(auditId, turn.TenantId(), ct).ConfigureAwait(false) is not { } audit
                || ActionGuard.IsClosed(audit))
            {
                closed.Add(auditId);
            }
        }

        return led.Where(a => !closed.Contains(a.AuditId)).OrderBy(a => a.DueOn).ToList();
    }
}
