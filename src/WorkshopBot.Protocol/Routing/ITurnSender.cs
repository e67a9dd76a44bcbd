using WorkshopBot.Protocol.Schema;

namespace WorkshopBot.Protocol.Routing;

/// <summary>
/// How a turn's own messages leave (<see cref="TurnContext.SendAsync"/> and <see cref="TurnContext.UpdateCardAsync"/>).
/// Without one they go straight to the connector; an application may instead store them with the turn's effect and
/// deliver them once the effect is stored, so a failed send never leaves half a turn behind. The returned id is null
/// when the message is not sent yet.
/// </summary>
public interface ITurnSender
{
    Task<ResourceResponse> SendAsync(TurnContext turn, Activity activity, CancellationToken cancellationToken);

    Task<ResourceResponse> UpdateAsync(TurnContext turn, string activityId, Activity activity, CancellationToken cancellationToken);
}
