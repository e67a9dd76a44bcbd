using WorkshopBot.ActionPlans.Domain;
using WorkshopBot.ActionPlans.Storage;
using WorkshopBot.Cards;
using WorkshopBot.Outbox;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Storage;

namespace WorkshopBot.ActionPlans.Teams;

/// <summary>
/// Everything the action plan sends, through the outbox only: cards to a lead or the chair in their 1:1 chat, and the
/// tracker in the plan's channel, posted once and then updated in place by naming its post (UpdatePosted).
/// </summary>
public sealed class ActionMessenger(IOutbox outbox, IConversationStore conversations, ActionStore store, TimeProvider time)
{
    public static string Correlation(Guid auditId) => $"actions:{auditId:D}";

    /// <summary>Queues a card for the lead's 1:1 chat; null when the bot has no Teams id for them.</summary>
    public string? ToLead(ActionPlan plan, PlannedAction action, AdaptiveCard card, string purpose)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(action);
        return action.Lead.TeamsId is not { Length: > 0 } teamsId
            ? null
            : outbox.SendToUser(plan.ServiceUrl, plan.TenantId, teamsId, Activity(card),
                $"action:{action.Id:D}:{purpose}:v{action.Version}", Correlation(plan.AuditId));
    }

    /// <summary>Queues a card for the chair's 1:1 chat; null when the bot has no Teams id for them.</summary>
    public string? ToChair(ActionPlan plan, PlannedAction action, AdaptiveCard card, string purpose)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(action);
        return plan.ChairTeamsId is not { Length: > 0 } teamsId
            ? null
            : outbox.SendToUser(plan.ServiceUrl, plan.TenantId, teamsId, Activity(card),
                $"action:{action.Id:D}:{purpose}:chair:v{action.Version}", Correlation(plan.AuditId));
    }

    /// <summary>
    /// Brings the plan's tracker up to date: posts it the first time (to the plan's conversation), then replaces it in
    /// place. The actions listed include this unit of work's own changes.
    /// </summary>
    public async Task RefreshTrackerAsync(Guid auditId, string tenantId, CancellationToken ct)
    {
        var plan = await store.GetPlanAsync(auditId, tenantId, ct).ConfigureAwait(false);
        if (plan is null)
        {
            return;
        }

        var actions = await store.ListForAuditAsync(auditId, tenantId, ct).ConfigureAwait(false);
        var view = ActionTrackerView.Build(plan.AuditTitle, actions, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
        if (plan.TrackerPostKey is not { } postKey)
        {
            var conversation = await conversations.GetAsync(plan.ConversationId, ct).ConfigureAwait(false);
            if (conversation is null || actions.Count == 0)
            {
                return;
            }

            var key = outbox.Send(conversation, Activity(TrackerCard.Tracker(view, plan.AuditId, time.GetUtcNow())),
                $"actions:{auditId:D}:tracker:post", Correlation(auditId));
            await store.ChangePlanAsync(auditId, p => p.TrackerPosted(key), ct).ConfigureAwait(false);
            return;
        }

        var revision = (await store.ChangePlanAsync(auditId, p => p.NextTrackerRevision(), ct).ConfigureAwait(false)).Result.Value;
        outbox.UpdatePosted(plan.ServiceUrl, plan.TenantId, postKey, Activity(TrackerCard.Tracker(view, plan.AuditId, time.GetUtcNow())),
            $"actions:{auditId:D}:tracker:rev:{revision}", Correlation(auditId));
    }

    public static Activity Activity(AdaptiveCard card) =>
        new() { Type = ActivityTypes.Message, Attachments = [Attachment.AdaptiveCard(AdaptiveCardJson.ToJsonElement(card))] };
}
