// Addressees: a card queued to a person for a part they have since lost is withdrawn just before its send, not delivered.
using WorkshopBot.Storage;

namespace WorkshopBot.Outbox;

public sealed partial class OutboxDispatcher
{
    // Found when first needed, as the reports are: the host makes the dispatcher before the features' services are checked.
    private IOutboxAddressees[]? _addressees;

    /// <summary>
    /// Asks the features whether a message to a person is still for them (<see cref="IOutboxAddressees"/>), while this run holds
    /// its lease and before its send starts. False: send it. True: withdrawn, and recorded so by the feature. Null: the lease
    /// was lost meanwhile, so it is another instance's to send or withdraw.
    /// </summary>
    private async Task<bool?> WithdrawnAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        if (message.Kind != OutboxKind.CreatePersonalConversation)
        {
            return false;
        }

        _addressees ??= services.GetServices<IOutboxAddressees>().ToArray();
        foreach (var check in _addressees)
        {
            switch (await check.CheckAsync(message, _owner, cancellationToken).ConfigureAwait(false))
            {
                case AddresseeCheck.Withdrawn:
                    LogWithdrawn(message.Id);
                    return true;
                case AddresseeCheck.NotHeld:
                    LogLeaseLost(message.Id);
                    return null;
            }
        }

        return false;
    }

    [LoggerMessage(EventId = 2031, Level = LogLevel.Information,
        Message = "Outbox message {MessageId} withdrawn before its send: it is no longer for the person it was addressed to")]
    private partial void LogWithdrawn(long messageId);
}
