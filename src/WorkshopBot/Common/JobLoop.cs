namespace WorkshopBot.Common;

/// <summary>
/// The loop of every feature's periodic background job: one pass, then a pause, until the host stops. A pass that fails,
/// whatever the exception (the store, a stored document, a bug), is reported and the job tries again after the pause: a
/// job never ends while the host runs. Stopping the host (or a host that never finished starting) ends the loop without a
/// report (<see cref="EndsTheLoop"/>).
/// </summary>
public static class JobLoop
{
    /// <summary>
    /// True when <paramref name="exception"/> means the host is stopping (or its services are gone), so a background loop
    /// ends quietly: a cancellation once <paramref name="stoppingToken"/> is cancelled, or disposed services. Any other
    /// exception is reported and the loop goes on.
    /// </summary>
    public static bool EndsTheLoop(Exception exception, CancellationToken stoppingToken) =>
        exception is ObjectDisposedException || (stoppingToken.IsCancellationRequested && exception is OperationCanceledException);

    /// <summary>
    /// As <see cref="RunAsync"/> for a job that other work wakes (<paramref name="signal"/>) besides its sweep every
    /// <paramref name="pause"/>: a pass that says it was full (true: it took all it may take at once) is followed at once by
    /// another.
    /// </summary>
    public static async Task RunWokenAsync(Func<CancellationToken, Task<bool>> pass, WakeSignal signal, TimeSpan pause, TimeProvider time,
        Action<Exception> failed, CancellationToken stoppingToken)
    {
        ArgumentNullException.ThrowIfNull(pass);
        ArgumentNullException.ThrowIfNull(signal);
        ArgumentNullException.ThrowIfNull(failed);
        while (!stoppingToken.IsCancellationRequested)
        {
            var full = false;
            try
            {
                full = await pass(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (EndsTheLoop(ex, stoppingToken))
            {
                return;
            }
            catch (Exception ex)
            {
                failed(ex);
            }

            if (full)
            {
                continue;
            }

            try
            {
                await signal.WaitAsync(pause, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public static async Task RunAsync(
        Func<CancellationToken, Task> pass, TimeSpan pause, TimeProvider time, Action<Exception> failed, CancellationToken stoppingToken)
    {
        ArgumentNullException.ThrowIfNull(pass);
        ArgumentNullException.ThrowIfNull(failed);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await pass(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (EndsTheLoop(ex, stoppingToken))
            {
                // The host is stopping (or never finished starting): nothing to report.
                return;
            }
            catch (Exception ex)
            {
                // Whatever failed (not only the store or a stored document), the job must not end unseen: it is reported,
                // and the next pass runs after the pause.
                failed(ex);
            }

            try
            {
                await Task.Delay(pause, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
