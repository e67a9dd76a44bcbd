namespace WorkshopBot.Workshop.Storage;

/// <summary>A poll's counts as they stand and as its live card last showed them (null before any card was recorded).</summary>
public readonly record struct PollCardVersions(long Counts, long? Shown)
{
    /// <summary>The card shows every change of the counts.</summary>
    public bool Current => Shown is { } shown && shown >= Counts;
}

/// <summary>An open poll whose live card shows counts older than the stored ones.</summary>
public sealed record BehindCard(Guid WorkshopId, string PollId);

/// <summary>
/// Which counts of each poll its live card last showed (table <c>workshop_poll_cards</c>): the poll's counts version, moved
/// by every vote, recorded after each live update, so an update lost with an instance that stopped is found and sent again
/// by whichever instance looks first (<see cref="Jobs.LiveCardCatchUp"/>). Votes never touch it.
/// </summary>
public interface IPollCardVersions
{
    /// <summary>The poll's counts version and the one its card last showed; null for a poll the vote store does not know.</summary>
    Task<PollCardVersions?> ReadAsync(string pollId, CancellationToken cancellationToken);

    /// <summary>Records that the card showed the counts at <paramref name="version"/> (never moving the record back).</summary>
    Task RecordShownAsync(string pollId, long version, CancellationToken cancellationToken);

    /// <summary>
    /// Open polls whose counts moved past what their card shows and that have not changed since <paramref name="quietSince"/>,
    /// the longest waiting first, at most <paramref name="limit"/>.
    /// </summary>
    Task<IReadOnlyList<BehindCard>> ListBehindAsync(DateTimeOffset quietSince, int limit, CancellationToken cancellationToken);
}
