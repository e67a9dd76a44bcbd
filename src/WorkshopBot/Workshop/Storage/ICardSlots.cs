namespace WorkshopBot.Workshop.Storage;

/// <summary>What claiming a conversation's slot for a live card update came to.</summary>
/// <param name="Claimed">True when this attempt holds the slot and may send now.</param>
/// <param name="FreeAt">When the slot is free again (one interval after the claim that holds it).</param>
public readonly record struct CardSlotClaim(bool Claimed, DateTimeOffset FreeAt);

/// <summary>
/// The slots for live card updates, one a conversation, shared by every instance on the store: a claim succeeds only one
/// update interval after the claim before it, whichever instance made that, so instances on one store send at most one
/// live update a conversation per interval between them. A claim holds the slot for one interval and no longer: an
/// instance that dies after claiming leaves nothing behind but a slot that frees itself.
/// </summary>
public interface ICardSlots
{
    /// <summary>
    /// Claims the conversation's slot at <paramref name="now"/> if the last claim was at least <paramref name="interval"/>
    /// ago (one statement); otherwise says when the slot is free again.
    /// </summary>
    Task<CardSlotClaim> ClaimAsync(string conversationId, DateTimeOffset now, TimeSpan interval, CancellationToken cancellationToken);

    /// <summary>
    /// True when a claim made after the one at <paramref name="claimedAt"/> holds the conversation's slot (another instance
    /// may have sent a card since, even one stamped earlier because it took the slot from a wrong clock's claim), or the
    /// slot is gone; false when that claim is still the last.
    /// </summary>
    Task<bool> ClaimedSinceAsync(string conversationId, DateTimeOffset claimedAt, CancellationToken cancellationToken);

    /// <summary>
    /// Forgets the slots of conversations with no claim since <paramref name="claimedBefore"/>, and any stamped more than
    /// <paramref name="farAhead"/> (a wrong clock's, which holds nothing): the next claim makes the row again. Returns how
    /// many were forgotten.
    /// </summary>
    Task<int> ForgetIdleAsync(DateTimeOffset claimedBefore, DateTimeOffset farAhead, CancellationToken cancellationToken);
}
