using System.Data.Common;
using Microsoft.Extensions.Options;

namespace WorkshopBot.Operations;

/// <summary>Samples the outbox and safety-alert numbers for the gauges, every <see cref="OperationsOptions.SampleInterval"/>.</summary>
internal sealed partial class OperationsMonitor(
    OperationsQueries queries, OperationsSample sample, IOptions<OperationsOptions> options, TimeProvider time,
    ILogger<OperationsMonitor> logger) : BackgroundService
{
    /// <summary>Reads the numbers once and keeps them for the gauges.</summary>
    public async Task<OperationsReading> SampleAsync(CancellationToken cancellationToken)
    {
        var reading = await queries.ReadAsync(time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        sample.Set(reading);
        return reading;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.SampleInBackground)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SampleAsync(stoppingToken).ConfigureAwait(false);
                await Task.Delay(options.Value.SampleInterval, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is DbException or InvalidOperationException or ObjectDisposedException)
            {
                LogSampleFailed(ex.GetType().Name);
                try
                {
                    await Task.Delay(options.Value.SampleInterval, time, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "Could not read the outbox and alert gauges ({ErrorType})")]
    private partial void LogSampleFailed(string errorType);
}
