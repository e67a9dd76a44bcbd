namespace WorkshopBot.Storage;

/// <summary>
/// How closely works have been arriving: an average of the time between arrivals, taken on the wait's clock. A work that
/// finds no commit running waits for others only while this average is shorter than the wait (see NextBatchAsync), that
/// is while at least one more work is expected to join it. At a few hundred votes a second a vote still goes at once;
/// at thousands a second, the transaction that would have held one or two votes holds several, and each transaction's
/// fixed cost (its pages of the log, its hand-offs between threads, the readers it sends back to the file) is shared.
/// </summary>
internal sealed partial class SqlStoreCommitter
{
    /// <summary>Each new gap moves the average an eighth of the way towards itself.</summary>
    private const int GapSmoothing = 8;

    /// <summary>The clock's timestamp at the latest arrival (0 before the first).</summary>
    private long _lastArrival;

    /// <summary>
    /// The average gap between arrivals, in the clock's timestamp units. It starts at a second, as does every gap longer
    /// than a second, so a few works close together after a quiet spell do not make the next one wait: about fifty works
    /// under a millisecond apart are needed first.
    /// </summary>
    private long _averageGap = long.MinValue;

    private void NoteArrival()
    {
        var clock = wait.Clock;
        var now = clock.GetTimestamp();
        var last = Interlocked.Exchange(ref _lastArrival, now);
        var second = clock.TimestampFrequency;
        var gap = last == 0 ? second : Math.Clamp(now - last, 0, second);
        var average = Volatile.Read(ref _averageGap);

        // Two arrivals at once may each move the average from the same value; one of the moves is lost, which an average
        // of gaps can afford.
        Volatile.Write(ref _averageGap, average == long.MinValue ? second : average + ((gap - average) / GapSmoothing));
    }

    /// <summary>Whether, by the recent average gap, another work is expected within the wait.</summary>
    private bool MoreExpectedWithinTheWait()
    {
        var average = Volatile.Read(ref _averageGap);
        return average != long.MinValue && average < wait.For.TotalSeconds * wait.Clock.TimestampFrequency;
    }
}
