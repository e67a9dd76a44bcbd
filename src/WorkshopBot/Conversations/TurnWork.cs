using WorkshopBot.Storage;

namespace WorkshopBot.Conversations;

/// <summary>
/// The writes of the current turn (one per request scope). Handlers add to <see cref="Store"/> instead of writing
/// directly; <see cref="TurnCoordinator"/> commits it with the processed mark once the turn has its answer.
/// </summary>
public sealed class TurnWork
{
    public StoreWork Store { get; } = new();
}
