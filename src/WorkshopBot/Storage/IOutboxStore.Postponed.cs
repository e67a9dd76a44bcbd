namespace WorkshopBot.Storage;

public partial interface IOutboxStore
{
    /// <summary>
    /// Messages postponed to exactly <paramref name="postponedTo"/> (still Pending, not yet due at <paramref name="now"/>)
    /// become due at <paramref name="now"/>: the outbox postpones every message waiting for the bot's token to one time, and
    /// brings them all forward once the token can be had before then. Their order (by due time, then id) is kept. Returns how
    /// many were brought forward.
    /// </summary>
    Task<int> BringForwardAsync(DateTimeOffset postponedTo, DateTimeOffset now, CancellationToken cancellationToken = default);
}
