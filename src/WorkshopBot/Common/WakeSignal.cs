namespace WorkshopBot.Common;

/// <summary>
/// Wakes one background loop when there is new work for it, so the work does not wait for the loop's next poll. A wake-up
/// is only a hint (the store says what there is to do), so wake-ups that come while one is pending count as one.
/// </summary>
public abstract class WakeSignal
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
                // Someone else woke it first; one wake-up is enough.
            }
        }
    }

    /// <summary>Waits for <see cref="Notify"/> (true) or until <paramref name="timeout"/> has passed (false).</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);

    /// <summary>
    /// Waits for <see cref="Notify"/> or until <paramref name="timeout"/> has passed on <paramref name="time"/> (a test's
    /// manual clock included).
    /// </summary>
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
