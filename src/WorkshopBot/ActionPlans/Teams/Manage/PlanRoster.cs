using WorkshopBot.ActionPlans.Domain;
using WorkshopBot.Common.Teams;
using WorkshopBot.Conversations;
using WorkshopBot.Protocol.Routing;
using WorkshopBot.Storage;

namespace WorkshopBot.ActionPlans.Teams;

/// <summary>
/// Where the chair picks an action's new lead from. In a channel, its members, as before. In the chair's 1:1 chat (the
/// overdue card, the sign-off request), which lists only the chair, the members of the plan's own conversation (the
/// channel its tracker is posted in), as that channel's card lists them. Either way only people of the plan's organisation
/// are offered or accepted.
/// </summary>
public sealed class PlanRoster(IConversationStore conversations, ConversationServiceUrls serviceUrls)
{
    /// <summary>
    /// The plan's conversation when the turn is a 1:1 chat, the bot is still in that channel or group chat of the plan's
    /// organisation and the person pressing is one of its members; otherwise the turn's own conversation.
    /// </summary>
    public async Task<RosterSource> SourceAsync(TurnContext turn, ActionPlan plan, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(plan);
        if (!turn.IsPersonal || plan.ConversationId.Length == 0)
        {
            return RosterSource.Of(turn);
        }

        var conversation = await conversations.GetAsync(plan.ConversationId, ct).ConfigureAwait(false);
        if (conversation is not { Active: true, Kind: not ConversationKind.Personal } || conversation.IsOfAnotherTenant(plan.TenantId))
        {
            return RosterSource.Of(turn);
        }

        // Only a channel the person pressing is in, as one of the plan's organisation: its members are not listed to someone
        // who has left it, or never was in it (a plan an admin started elsewhere). Read at the conversation's serviceUrl as last
        // heard, not the plan's copy.
        var serviceUrl = await serviceUrls.CurrentAsync(plan.ConversationId, plan.ServiceUrl, plan.TenantId, ct).ConfigureAwait(false);
        var source = new RosterSource(serviceUrl, plan.ConversationId, plan.TenantId);
        var self = await TeamRoster.MemberAsync(turn, source, turn.Activity.From?.Id, ct).ConfigureAwait(false);
        return self is not null && self.BelongsTo(plan.TenantId) ? source : RosterSource.Of(turn);
    }
}
