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
