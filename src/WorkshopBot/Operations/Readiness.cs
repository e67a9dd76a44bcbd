using System.Data.Common;
using Microsoft.Extensions.Options;
using WorkshopBot.Outbox;
using WorkshopBot.Protocol.Auth;
using WorkshopBot.Protocol.Hosting;
using WorkshopBot.Storage;

namespace WorkshopBot.Operations;

/// <summary>
/// <c>/readyz</c>: ready to serve when the store answers, took the outbox's last beat (a write) and the last commit that
/// ended (<see cref="StoreWrites"/>; while one was refused, a probe write tried at most every few seconds,
/// <see cref="StoreWriteProbe"/>, shows when the store takes writes again), and the outbox is not stuck (no message has
/// been due for longer than
/// <see cref="OperationsOptions.OutboxStuckAfter"/> without an attempt: nothing is sending). A message Teams keeps putting off
/// (429s, an outage, no token) shows in <c>oldestQueuedSeconds</c> and the gauge <c>workshopbot.outbox.oldest_queued_age</c>.
/// <c>/healthz</c> stays the liveness check.
/// The status code and a status word are for anyone (load balancers read them). The outbox's counts and seconds, and
/// whether another running process shares this one's Outbox:InstanceId, are added only for a caller on this computer (a
/// loopback address, nothing forwarded by a proxy, a loopback Host): they are every tenant's, and the operations metrics
/// carry them too (workshopbot.outbox.*).
/// </summary>
public static class Readiness
{
    public const string Path = "/readyz";

    public static IEndpointConventionBuilder MapReadiness(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(Path, ReadyAsync);

    private static async Task<IResult> ReadyAsync(HttpContext http, IStorageHealth storage, IServiceProvider services,
        TimeProvider time, IOptions<OperationsOptions> options, CancellationToken cancellationToken)
    {
        if (!await storage.IsHealthyAsync(cancellationToken).ConfigureAwait(false))
        {
            return Unavailable(new { status = "storage unavailable" });
        }

        if (services.GetService<OutboxDispatcher>()?.StoreRefusesWrites == true)
        {
            // Reads work, but the outbox's last beat (a write) was refused: no turn can be stored either.
            return Unavailable(new { status = "storage refuses writes" });
        }

        if (services.GetService<StoreWriteProbe>() is { } probe
            && await probe.RefusalAsync(cancellationToken).ConfigureAwait(false) is { } refusal)
        {
            // A commit was refused (a full disk, a read-only database): the last work saved failed, and so will the next,
            // until a commit stores a work again, or a probe write (at most every few seconds) is stored: an instance out of
            // rotation gets no turns to commit. On SQLite, too little room on its disk says the same ahead of the failures.
            var word = refusal.Error == StoreWriteProbe.LowDiskSpace ? "storage nearly full" : "storage refuses writes";
            return Unavailable(FromThisComputer(http)
                ? new
                {
                    status = word,
                    store = new { error = refusal.Error, refusedSeconds = (long)(time.GetUtcNow() - refusal.Since).TotalSeconds },
                }
                : new { status = word });
        }

        OperationsReading reading;
        try
        {
            reading = await services.GetRequiredService<OperationsQueries>().ReadAsync(time.GetUtcNow(), cancellationToken)
                .ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException)
        {
            return Unavailable(new { status = "storage unavailable" });
        }

        services.GetRequiredService<OperationsSample>().Set(reading, time.GetUtcNow());
        var outbox = new
        {
            depth = reading.OutboxDepth,
            due = reading.OutboxDue,
            oldestDueSeconds = (long)reading.OldestDueAge.TotalSeconds,
            // Put off by Teams or by the bot's token (429s, an outage): for monitoring; taking this instance out of service
            // would not help, since every instance sends through the same Teams with the same credentials.
            oldestQueuedSeconds = (long)reading.OldestQueuedAge.TotalSeconds,
            stuckAfterSeconds = (long)options.Value.OutboxStuckAfter.TotalSeconds,
            // Another running process uses this one's Outbox:InstanceId (logged as an error): not a reason to stop serving.
            sharedInstanceId = services.GetService<OutboxDispatcher>()?.SharesInstanceId ?? false,
        };
        // This clock minus the database server's, on PostgreSQL (logged as an error past Operations:ClockDifferenceAllowed).
        var clock = services.GetService<StoreClockCheck>()?.Difference is { } difference
            ? new { differenceSeconds = Math.Round(difference.TotalSeconds, 1) }
            : null;
        var stuck = reading.OldestDueAge > options.Value.OutboxStuckAfter;
        var status = stuck ? "outbox stuck" : "ready";
        object body = FromThisComputer(http) ? (clock is null ? new { status, outbox } : new { status, outbox, clock }) : new { status };
        return stuck ? Unavailable(body) : TypedResults.Ok(body);
    }

    /// <summary>A probe on this computer: a loopback caller, nothing forwarded by a proxy, and a loopback Host.</summary>
    private static bool FromThisComputer(HttpContext http) =>
        Loopback.IsLoopback(http.Connection.RemoteIpAddress) && DevelopmentCallers.NotFromThisComputer(http.Request) is null;

    private static IResult Unavailable(object body) =>
        TypedResults.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable);
}
