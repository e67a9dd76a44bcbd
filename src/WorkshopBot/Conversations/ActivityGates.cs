using WorkshopBot.Storage;

namespace WorkshopBot.Conversations;

/// <summary>
/// Queues concurrent deliveries of the same activity on this instance behind each other, and only those: each activity in
/// flight has a lock of its own (<see cref="KeyedGates{TKey}"/>), so two different activities never wait for each other.
/// </summary>
/// <remarks>
/// The bot used a fixed set of locks chosen by hash before. Two activities that met on one lock waited for each other's
/// whole turn. In production that only cost time, but a turn that itself waits for another turn (a test's seam places
/// another person's press inside a turn) then waited for ever, about once in 4,096 such pairs.
/// </remarks>
public sealed class ActivityGates
{
    private readonly KeyedGates<(string Conversation, string Activity)> _gates = new();

    /// <summary>Activities with a delivery in flight or waiting on this instance (for tests and diagnostics).</summary>
    public int InFlight => _gates.InFlight;

    public async Task<IDisposable> EnterAsync(string conversationId, string activityId, CancellationToken cancellationToken) =>
        (await _gates.EnterAsync((conversationId, activityId), Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false))!;
}
