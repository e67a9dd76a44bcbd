using WorkshopBot.ActionPlans.Domain;
using WorkshopBot.Common.Teams;
using WorkshopBot.Protocol.Routing;
using WorkshopBot.Storage;

namespace WorkshopBot.ActionPlans.Teams;

/// <summary>
/// Where the chair picks an action's new lead from. In a channel, its members, as before. In the chair's 1:1 chat (the
/// overdue card, the sign-off request), which lists only the chair, the members of the plan's own conversation (the
/// channel its tracker is posted in), as that channel's card lists them. Either way only people of the plan's organisation
/// are offered or accepted.
/// </summary>
public sealed class PlanRoster(IConversationStore conversations)
{
    /// <summary>
    /// The plan's conversation when the turn is a 1:1 chat and the bot is still in that channel or group chat of the plan's
    /// organisation; otherwise the turn's own conversation.
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
        return conversation is { Active: true, Kind: not ConversationKind.Personal } && !conversation.IsOfAnotherTenant(plan.TenantId)
            ? new RosterSource(plan.ServiceUrl, plan.ConversationId, plan.TenantId)
            : RosterSource.Of(turn);
    }
}
