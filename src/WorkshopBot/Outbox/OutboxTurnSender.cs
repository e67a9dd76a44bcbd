using WorkshopBot.Common.Teams;
using WorkshopBot.Protocol.Routing;
using WorkshopBot.Protocol.Schema;

namespace WorkshopBot.Outbox;

/// <summary>
/// A turn's own messages join its unit of work (see <see cref="IOutbox.Reply"/>): they are stored with the turn's
/// effect and delivered right after it commits, never before and never without it.
/// </summary>
public sealed class OutboxTurnSender(IOutbox outbox) : ITurnSender
{
    public Task<ResourceResponse> SendAsync(TurnContext turn, Activity activity, CancellationToken cancellationToken)
    {
        outbox.Reply(turn, activity);
        return Task.FromResult(new ResourceResponse());
    }

    public Task<ResourceResponse> UpdateAsync(TurnContext turn, string activityId, Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var key = Outbox.ReplyKey(turn, 0) + ":update:" + activityId;
        outbox.Update(turn.ServiceUrl, turn.TenantId, turn.ConversationId, activityId, activity, key, null);
        return Task.FromResult(new ResourceResponse { Id = activityId });
    }
}
