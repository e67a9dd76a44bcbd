namespace WorkshopBot.Common.Storage;

/// <summary>
/// The pause before a unit of work (a turn, a download's commit, a job's step) runs again after its commit met a conflict.
/// None after the first conflict, which is nearly always a one-off (the work runs again at once from fresh reads); after
/// the second and later ones, a random pause of up to 8, 16, then 32 ms, so that works which keep meeting the same stream
/// of changes (votes on PostgreSQL while ideas and a chair's presses change the workshop, say) stop arriving in step with
/// it and do not run out of their <see cref="DocumentChanges.MaxAttempts"/> runs within a few milliseconds. The pause is in
/// real time on the system's clock, not the bot's <see cref="TimeProvider"/>: it records and decides nothing, and a test
/// that holds the bot's clock still must not hold its retries too (as <c>GroupCommitWait</c>).
/// </summary>
public sealed class ConflictPause(TimeProvider clock)
{
    /// <summary>The pause the bot uses: on the system's clock.</summary>
    public static ConflictPause RealTime() => new(TimeProvider.System);

    /// <summary>
    /// The pause after run <paramref name="attempt"/> (1-based) conflicted, before the next run: zero after the first, then a
    /// random part of 2^(attempt + 1) ms (at least 1 ms).
    /// </summary>
    public static TimeSpan After(int attempt) => attempt < 2
        ? TimeSpan.Zero
        : TimeSpan.FromMicroseconds(Random.Shared.Next(1_000, 1_000 << Math.Min(attempt + 1, 8)));

    /// <summary>Waits <see cref="After"/>(<paramref name="attempt"/>) on this pause's clock.</summary>
    public Task WaitAfterAsync(int attempt, CancellationToken cancellationToken)
    {
        var pause = After(attempt);
        return pause == TimeSpan.Zero ? Task.CompletedTask : Task.Delay(pause, clock, cancellationToken);
    }
}
