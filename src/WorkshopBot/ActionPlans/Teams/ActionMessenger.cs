using WorkshopBot.ActionPlans.Domain;
using WorkshopBot.ActionPlans.Storage;
using WorkshopBot.Cards;
using WorkshopBot.Common;
using WorkshopBot.Conversations;
using WorkshopBot.Outbox;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Storage;

namespace WorkshopBot.ActionPlans.Teams;

/// <summary>
/// Everything the action plan sends, through the outbox only: cards to a lead or the chair in their 1:1 chat, and the
/// tracker in the plan's channel, posted once and then updated in place by naming its post (UpdatePosted). Each goes to the
/// serviceUrl of the plan's conversation as last heard (<see cref="ConversationServiceUrls"/>), not the plan's copy, which
/// is used only when no record of that conversation is stored; a 1:1 chat the bot knows is sent to at its own serviceUrl. A
/// card to someone with no 1:1 chat names the plan's conversation, whose serviceUrl the outbox reads again when it sends.
/// </summary>
public sealed class ActionMessenger(IOutbox outbox, IConversationStore conversations, ConversationServiceUrls serviceUrls,
    ActionStore store, ActionSources sources, TimeProvider time)
{
    public static string Correlation(Guid auditId) => $"actions:{auditId:D}";

    /// <summary>Queues a card for the lead's 1:1 chat; null when the bot has no Teams id for them.</summary>
    public async Task<string?> ToLeadAsync(ActionPlan plan, PlannedAction action, AdaptiveCard card, string purpose, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(action);
        return action.Lead.TeamsId is not { Length: > 0 } teamsId
            ? null
            : outbox.SendToUser(await ServiceUrlAsync(plan, ct).ConfigureAwait(false), plan.TenantId, teamsId, Activity(card),
                $"action:{action.Id:D}:{purpose}:v{action.Version}", Correlation(plan.AuditId), plan.ConversationId);
    }

    /// <summary>
    /// Queues a card for the chair's 1:1 chat; null when the bot has no Teams id for them. The chair is the audit's as it
    /// stands in this unit of work (<see cref="ChairOfAsync"/>), not the plan's copy. A plan an admin started does not know
    /// the chair's Teams id, so their 1:1 chat with the bot in the plan's organisation is used.
    /// </summary>
    public async Task<string?> ToChairAsync(ActionPlan plan, PlannedAction action, AdaptiveCard card, string purpose, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(action);
        var teamsId = await ChairTeamsIdAsync(plan, await ChairOfAsync(plan, ct).ConfigureAwait(false), ct).ConfigureAwait(false);
        return teamsId is null
            ? null
            : outbox.SendToUser(await ServiceUrlAsync(plan, ct).ConfigureAwait(false), plan.TenantId, teamsId, Activity(card),
                $"action:{action.Id:D}:{purpose}:chair:v{action.Version}", Correlation(plan.AuditId), plan.ConversationId);
    }

    /// <summary>Replaces the card a message queued to a person's 1:1 chat (<paramref name="postedKey"/>) posted, once it is sent.</summary>
    public async Task<string> UpdatePostedAsync(ActionPlan plan, string postedKey, AdaptiveCard card, string dedupeKey,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return outbox.UpdatePosted(await ServiceUrlAsync(plan, ct).ConfigureAwait(false), plan.TenantId, postedKey, Activity(card),
            dedupeKey, Correlation(plan.AuditId));
    }

    /// <summary>
    /// True when a card <see cref="ToChairAsync"/> queues for the chair can be expected to arrive, as audits decide it: the bot
    /// has their Teams id and <see cref="ConversationServiceUrls.PersonalChatReachableAsync"/>. For a card that says whether
    /// the chair was told, written before the chair's own card is queued.
    /// </summary>
    public async Task<bool> ChairReachableAsync(ActionPlan plan, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var chair = await ChairOfAsync(plan, ct).ConfigureAwait(false);
        return await ChairTeamsIdAsync(plan, chair, ct).ConfigureAwait(false) is not null
            && await serviceUrls.PersonalChatReachableAsync(chair.UserId, plan.ConversationId, plan.TenantId, ct)
                .ConfigureAwait(false);
    }

    /// <summary>
    /// True when a card <see cref="ToLeadAsync"/> queues for the action's lead can be expected to arrive, by the rule of
    /// <see cref="ChairReachableAsync"/>: for a card that says whether the lead was told.
    /// </summary>
    public async Task<bool> LeadReachableAsync(ActionPlan plan, PlannedAction action, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(action);
        return action.Lead.TeamsId is { Length: > 0 }
            && await serviceUrls.PersonalChatReachableAsync(action.Lead.Person.UserId, plan.ConversationId, plan.TenantId, ct)
                .ConfigureAwait(false);
    }

    /// <summary>
    /// The audit's chair as this unit of work reads the audit (the plan's copy only when the audit is not there): a card to
    /// "the chair" goes to whoever chairs it when it is sent. A handover moves the plan's copy in its own unit of work, but a
    /// step that read the plan just before a handover committed, and the audit just after, would otherwise still address
    /// the chair before, and a card queued then is one no handover replaces.
    /// </summary>
    private async Task<PersonRef> ChairOfAsync(ActionPlan plan, CancellationToken ct) =>
        (await sources.FindAuditAsync(plan.AuditId, plan.TenantId, ct).ConfigureAwait(false))?.Chair ?? plan.Chair;

    /// <summary>
    /// The chair's Teams id: the plan's while it is the plan's chair, else from their open 1:1 chat with the bot in the plan's
    /// organisation.
    /// </summary>
    private async Task<string?> ChairTeamsIdAsync(ActionPlan plan, PersonRef chair, CancellationToken ct) =>
        plan.ChairTeamsId is { Length: > 0 } known && plan.Chair.IsSamePerson(chair)
            ? known
            : await conversations.FindPersonalAsync(chair.UserId, plan.TenantId, ct).ConfigureAwait(false) is
                { Active: true, UserId: { Length: > 0 } personal } ? personal : null;

    /// <summary>The serviceUrl of the plan's conversation as last heard; the plan's copy when no record of it is stored.</summary>
    public Task<string> ServiceUrlAsync(ActionPlan plan, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return serviceUrls.CurrentAsync(plan.ConversationId, plan.ServiceUrl, plan.TenantId, ct);
    }

    /// <summary>
    /// What the chair is told when the bot was removed from the plan's channel: nothing is queued for a channel that would
    /// refuse it, and the plan stays on the chair's own cards.
    /// </summary>
    public const string ChannelInactive = "WorkshopBot can no longer post in the action plan's channel (usually because it was removed "
        + "from the team or the channel), so the tracker there was not posted or updated. Please add WorkshopBot back to that "
        + "team, or ask your Teams administrator, to keep the tracker there; until then, follow the plan here.";

    /// <summary>The chair's message, with <see cref="ChannelInactive"/> added when the tracker could not be posted or updated.</summary>
    public static string WithChannelNote(string message, bool reached) => reached ? message : $"{message} {ChannelInactive}";

    /// <summary>
    /// False when the bot was removed from the plan's conversation, as <see cref="RefreshTrackerAsync"/> would find it; changes
    /// nothing. For a press answered as an earlier one was, without refreshing the tracker again.
    /// </summary>
    public async Task<bool> TrackerReachableAsync(Guid auditId, string tenantId, CancellationToken ct)
    {
        var plan = await store.GetPlanAsync(auditId, tenantId, ct).ConfigureAwait(false);
        return plan is null || await conversations.GetAsync(plan.ConversationId, ct).ConfigureAwait(false) is not { Active: false };
    }

    /// <summary>
    /// Brings the plan's tracker up to date: posts it the first time (to the plan's conversation), then replaces it in
    /// place. The actions listed include this unit of work's own changes. False when the bot was removed from the plan's
    /// conversation: nothing is queued (see <see cref="ChannelInactive"/>).
    /// </summary>
    public async Task<bool> RefreshTrackerAsync(Guid auditId, string tenantId, CancellationToken ct)
    {
        var plan = await store.GetPlanAsync(auditId, tenantId, ct).ConfigureAwait(false);
        if (plan is null)
        {
            return true;
        }

        var conversation = await conversations.GetAsync(plan.ConversationId, ct).ConfigureAwait(false);
        if (conversation is { Active: false })
        {
            return false;
        }

        var actions = await store.ListForAuditAsync(auditId, tenantId, ct).ConfigureAwait(false);
        var view = ActionTrackerView.Build(plan.AuditTitle, actions, EnglandTime.Today(time));
        if (plan.TrackerPostKey is not { } postKey)
        {
            // Another organisation's conversation is, for this plan, not there: the tracker names its actions and leads. Nor
            // is a 1:1 chat (a plan started from one): the tracker is the QA sub-group's, and once posted it would hold the
            // plan there; the plan moves to the channel where its chair next opens it, and the tracker is posted there.
            if (conversation is null || actions.Count == 0 || conversation.IsOfAnotherTenant(plan.TenantId)
                || conversation.Kind == ConversationKind.Personal)
            {
                return true;
            }

            var key = outbox.Send(conversation, Activity(TrackerCard.Tracker(view, plan.AuditId, time.GetUtcNow())),
                $"actions:{auditId:D}:tracker:post", Correlation(auditId));
            await store.ChangePlanAsync(auditId, p => p.TrackerPosted(key), ct).ConfigureAwait(false);
            return true;
        }

        var revision = (await store.ChangePlanAsync(auditId, p => p.NextTrackerRevision(), ct).ConfigureAwait(false)).Result.Value;
        outbox.UpdatePosted(await ServiceUrlAsync(plan, ct).ConfigureAwait(false), plan.TenantId, postKey,
            Activity(TrackerCard.Tracker(view, plan.AuditId, time.GetUtcNow())),
            $"actions:{auditId:D}:tracker:rev:{revision}", Correlation(auditId));
        return true;
    }

    public static Activity Activity(AdaptiveCard card) =>
        new() { Type = ActivityTypes.Message, Attachments = [Attachment.AdaptiveCard(AdaptiveCardJson.ToJsonElement(card))] };
}
