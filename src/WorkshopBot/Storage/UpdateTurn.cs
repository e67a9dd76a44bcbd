namespace WorkshopBot.Storage;

/// <summary>Whether an update may be sent now (see <see cref="IOutboxStore.TakeUpdateTurnAsync"/>).</summary>
public enum UpdateTurn
{
    /// <summary>No newer update of its card is queued, and no older one is in flight: send it.</summary>
    Go,

    /// <summary>A newer update of its card is queued: it was given up, not to be sent.</summary>
    Superseded,

    /// <summary>An older update of its card is in flight: it waits for that one.</summary>
    Wait,
}
