using System.Data.Common;
using System.Diagnostics.Metrics;
using Dapper;
using Microsoft.Extensions.Options;
using WorkshopBot.Operations.Telemetry;
using WorkshopBot.Storage;

namespace WorkshopBot.Operations;

/// <summary>
/// Several instances share one PostgreSQL store, and each times leases and due messages by its own clock: two whose clocks
/// differ by more than <c>Outbox:SendMargin</c> can both send one message. The database server's clock is the one they all
/// share, so each instance compares its clock with it at start and every <see cref="OperationsOptions.ClockCheckInterval"/>,
/// and logs an error while they differ by more than <see cref="OperationsOptions.ClockDifferenceAllowed"/> (two instances
/// within it of the server are within twice it of each other). <c>/readyz</c> shows the difference to a caller on this
/// computer, and the gauge <c>workshopbot.clock.difference</c> reports it. Not measured on SQLite (one process).
/// </summary>
internal sealed partial class StoreClockCheck : BackgroundService
{
    private readonly StorageDatabase database;
    private readonly TimeProvider time;
    private readonly IOptions<OperationsOptions> options;
    private readonly ILogger<StoreClockCheck> logger;
    private long _differenceMs = long.MinValue;
    private int _reported;

    public StoreClockCheck(StorageDatabase database, TimeProvider time, IOptions<OperationsOptions> options,
        ILogger<StoreClockCheck> logger, IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        this.database = database;
        this.time = time;
        this.options = options;
        this.logger = logger;
        meters.Create(BotTelemetry.MeterName).CreateObservableGauge("workshopbot.clock.difference",
            () => Difference is { } d ? [new Measurement<double>(d.TotalSeconds)] : Array.Empty<Measurement<double>>(), "s",
            "This instance's clock minus the database server's (PostgreSQL only), at the last check.");
    }

    /// <summary>
    /// This clock minus the database server's at the last check (positive: this one is ahead), less the uncertainty of
    /// the round trip; null before the first check and on SQLite.
    /// </summary>
    public TimeSpan? Difference => Interlocked.Read(ref _differenceMs) is var ms && ms == long.MinValue
        ? null : TimeSpan.FromMilliseconds(ms);

    /// <summary>Reads the server's clock once and compares; null on SQLite.</summary>
    public async Task<TimeSpan?> CheckAsync(CancellationToken cancellationToken)
    {
        if (database.Provider != StorageProvider.Postgres)
        {
            return null;
        }

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var before = time.GetUtcNow();
        var server = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS bigint)", cancellationToken: cancellationToken))
            .ConfigureAwait(false);
        var after = time.GetUtcNow();
        // The server read its clock somewhere within the round trip: only what lies beyond half of it is known.
        var half = (after - before).TotalMilliseconds / 2;
        var seen = (before.ToUnixTimeMilliseconds() + half) - server;
        var difference = TimeSpan.FromMilliseconds(Math.Sign(seen) * Math.Max(0, Math.Abs(seen) - half));
        Interlocked.Exchange(ref _differenceMs, (long)difference.TotalMilliseconds);
        var allowed = options.Value.ClockDifferenceAllowed;
        var over = difference.Duration() > allowed;
        if (Interlocked.Exchange(ref _reported, over ? 1 : 0) != (over ? 1 : 0))
        {
            if (over)
            {
                LogClockDiffers(difference.TotalSeconds, allowed.TotalSeconds);
            }
            else
            {
                LogClockAgrees(difference.TotalSeconds);
            }
        }
        else if (over)
        {
            LogClockStillDiffers(difference.TotalSeconds);
        }

        return difference;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (database.Provider != StorageProvider.Postgres)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.ClockCheckInterval, time);
        do
        {
            try
            {
                await CheckAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is DbException or InvalidOperationException or TimeoutException)
            {
                // The store is unreachable: readiness says so; the next check tries again.
                LogCheckFailed(ex.GetType().Name);
            }
        }
        while (await Next(timer, stoppingToken).ConfigureAwait(false));
    }

    private static async Task<bool> Next(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(EventId = 1117, Level = LogLevel.Error,
        Message = "This instance's clock differs from the database server's by {Seconds:F1} s (allowed {Allowed:F0} s): "
            + "instances sharing the store time leases by their own clocks, and may send a message twice. Synchronise the "
            + "clocks (NTP)")]
    private partial void LogClockDiffers(double seconds, double allowed);

    [LoggerMessage(EventId = 1118, Level = LogLevel.Warning,
        Message = "This instance's clock still differs from the database server's by {Seconds:F1} s")]
    private partial void LogClockStillDiffers(double seconds);

    [LoggerMessage(EventId = 1119, Level = LogLevel.Information,
        Message = "This instance's clock agrees with the database server's again ({Seconds:F1} s apart)")]
    private partial void LogClockAgrees(double seconds);

    [LoggerMessage(EventId = 1120, Level = LogLevel.Warning,
        Message = "Could not compare this instance's clock with the database server's ({ErrorType}); trying again later")]
    private partial void LogCheckFailed(string errorType);
}
