using WorkshopBot.Storage;

namespace WorkshopBot.Outbox;

/// <summary>What a feature answers about a message to a person, as its send is about to start.</summary>
public enum AddresseeCheck
{
    /// <summary>Still for them (or not the feature's to judge): send it.</summary>
    Send,

    /// <summary>No longer for them: withdrawn, and the withdrawal stored with the feature's record of it. Not sent.</summary>
    Withdrawn,

    /// <summary>The withdrawal could not be stored because the lease is no longer held: not sent by this instance.</summary>
    NotHeld,
}

/// <summary>
/// A feature's last word on a card queued to a person for a part they had (an agency's representative), asked just before
/// its send starts: a card for someone who has since lost that part is withdrawn rather than delivered. <see cref="OutboxDispatcher"/>
/// asks every one registered about each message that opens a 1:1 chat, once it holds the message's lease and before it
/// talks to Teams. One that withdraws the message does so with <see cref="StoreWork.WithdrawLeased"/> in the unit of work
/// that records why: a crash leaves the message either withdrawn with its record, or still leased, to be taken back and
/// asked about again; never sent to the person the card is no longer for because a crash came in between.
/// </summary>
public interface IOutboxAddressees
{
    /// <summary>
    /// Withdraws <paramref name="message"/> (leased to <paramref name="leaseOwner"/>) when it is no longer for its addressee,
    /// and says what happened; <see cref="AddresseeCheck.Send"/> for a message the feature does not judge.
    /// </summary>
    Task<AddresseeCheck> CheckAsync(OutboxMessage message, string leaseOwner, CancellationToken cancellationToken);
}
