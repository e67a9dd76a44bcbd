using WorkshopBot.Protocol.Routing;
using WorkshopBot.Protocol.Schema;

namespace WorkshopBot.Protocol.Hosting;

/// <summary>
/// Runs a routed activity so that its effect happens exactly once: the application stores the effect together with
/// a mark that the activity was handled (and the answer given), replays that answer to a redelivery, and may run
/// <c>dispatch</c> again from fresh reads when its writes conflicted with someone else's. Implemented by the app.
/// </summary>
public interface ITurnCoordinator
{
    Task<InvokeResponse?> RunAsync(TurnContext turn, Func<CancellationToken, Task<InvokeResponse?>> dispatch,
        CancellationToken cancellationToken);
}
