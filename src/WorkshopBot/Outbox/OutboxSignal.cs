using WorkshopBot.Common;

namespace WorkshopBot.Outbox;

/// <summary>Wakes the drainer when a message is enqueued, so a send does not wait for the next poll.</summary>
public sealed class OutboxSignal : WakeSignal;
