using System.Data.Common;
using System.Text.Json;

namespace WorkshopBot.Common;

/// <summary>
/// The loop of every feature's periodic background job: one pass, then a pause, until the host stops. A pass that fails
/// on the store or on a stored document is reported and the job tries again after the pause; stopping the host (or a
/// host that never finished starting) ends the loop without a report.
/// </summary>
public static class JobLoop
{
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
            catch (Exception ex)
                when (ex is ObjectDisposedException || (stoppingToken.IsCancellationRequested && ex is OperationCanceledException))
            {
                // The host is stopping (or never finished starting): nothing to report.
                return;
            }
            catch (Exception ex) when (ex is InvalidOperationException or DbException or JsonException)
            {
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
