namespace WorkshopBot.Briefings.Jobs;

/// <summary>
/// Wakes the background upload (<see cref="BriefingUploads"/>) when a publish that queued uploads has committed, so the file
/// is usually in the channel's Files within seconds rather than at the next sweep. One per process; a wake-up is only a
/// hint: the store says what is queued.
/// </summary>
public sealed class BriefingUploadSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Notify()
    {
        if (_signal.CurrentCount == 0)
        {
            try
            {
                _signal.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another publish woke it first; one wake-up is enough.
            }
        }
    }

    /// <summary>Waits for <see cref="Notify"/> or until <paramref name="timeout"/> has passed on <paramref name="time"/>.</summary>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        using var done = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var woken = _signal.WaitAsync(done.Token);
        var timer = Task.Delay(timeout, time, done.Token);
        await Task.WhenAny(woken, timer).ConfigureAwait(false);
        await done.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(woken, timer).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The one that lost the race was called off (a wake-up it had not taken stays for the next wait).
        }

        cancellationToken.ThrowIfCancellationRequested();
    }
}
