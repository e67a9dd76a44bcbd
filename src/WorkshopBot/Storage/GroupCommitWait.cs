namespace WorkshopBot.Storage;

/// <summary>
/// How long a group commit that formed behind a running commit waits for more works before it commits
/// (<see cref="StorageOptions.GroupCommitWaitMs"/>), and the clock it waits on. That clock is the system's, not the bot's
/// <see cref="TimeProvider"/>: the wait is a pause in real time between two transactions, not a time anything records or
/// decides on, and a test that holds the bot's clock still must not hold its commits too. Tests of the wait pass their own.
/// </summary>
internal sealed record GroupCommitWait(TimeSpan For, TimeProvider Clock)
{
    public static GroupCommitWait From(StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new GroupCommitWait(TimeSpan.FromMilliseconds(options.GroupCommitWaitMs), TimeProvider.System);
    }
}
