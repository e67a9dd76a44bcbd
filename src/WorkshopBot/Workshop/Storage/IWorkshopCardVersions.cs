namespace WorkshopBot.Workshop.Storage;

/// <summary>
/// How far a shared card's changes have gone (moved with each change a live update carries) and the point its last live
/// update showed.
/// </summary>
public readonly record struct CardChangeVersions(long Changed, long Shown)
{
    /// <summary>The card shows every change made to it.</summary>
    public bool Current => Shown >= Changed;
}

/// <summary>
/// What each of a workshop's shared cards shows besides its poll's counts (table <c>workshop_cards</c>): the ideas on a board,
/// the grades, who may vote, and the workshop card's chair and participant count (card id
/// <see cref="Teams.PollCardPublisher.WorkshopCard"/>). Each change a live update carries moves the card's version in the
/// change's own transaction (<see cref="SqlWorkshopCardVersions.CardChanged"/>; never a vote, whose counts <see cref="IPollCardVersions"/>
/// follows); each live update records, after its send, the version it read before the card was drawn. A change whose
/// update was lost with an instance that stopped is found by whichever instance looks first
/// (<see cref="Jobs.LiveCardCatchUp"/>).
/// </summary>
public interface IWorkshopCardVersions
{
    /// <summary>The card's versions; null when no change of it was ever recorded (nothing is known to be behind).</summary>
    Task<CardChangeVersions?> ReadAsync(Guid workshopId, string cardId, CancellationToken cancellationToken);

    /// <summary>
    /// When the card's last recorded change, made on whichever instance, is due to be sent (<c>due_at</c>: for a change that
    /// waits for a quiet spell, when that change was made plus the spell); null when no change of it was ever recorded. An idea
    /// board's update waits until this has passed, so its quiet spell is quiet on every instance.
    /// </summary>
    Task<DateTimeOffset?> DueAtAsync(Guid workshopId, string cardId, CancellationToken cancellationToken);

    /// <summary>Records that the card showed its changes up to <paramref name="version"/> (never moving the record back).</summary>
    Task RecordShownAsync(Guid workshopId, string cardId, long version, CancellationToken cancellationToken);

    /// <summary>
    /// Cards whose changes moved past what they show and whose last change was due to be sent before
    /// <paramref name="dueBefore"/>, the longest waiting first, at most <paramref name="limit"/>.
    /// </summary>
    Task<IReadOnlyList<BehindCard>> ListBehindAsync(DateTimeOffset dueBefore, int limit, CancellationToken cancellationToken);
}
