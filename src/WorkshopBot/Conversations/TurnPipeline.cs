using Microsoft.Extensions.DependencyInjection.Extensions;
using WorkshopBot.Common;
using WorkshopBot.Common.Storage;
using WorkshopBot.Hosting;
using WorkshopBot.Outbox;
using WorkshopBot.Protocol.Hosting;
using WorkshopBot.Protocol.Routing;
using WorkshopBot.Storage;

namespace WorkshopBot.Conversations;

/// <summary>
/// Registration of how a turn (or a job run) reads and writes: one <see cref="UnitOfWork"/> per scope that documents,
/// the audit trail and the outbox write into; the coordinator that commits a turn with its processed mark; the runner
/// that does the same for background work; and the outbox that delivers what they queued.
/// </summary>
public static class TurnPipeline
{
    public static IServiceCollection AddTurnPipeline(this IServiceCollection services)
    {
        services.TryAddScoped<UnitOfWork>();
        services.TryAddSingleton<DocumentGates>();
        services.TryAddSingleton<DocumentViews>();
        services.TryAddScoped<DocumentChanges>();
        services.TryAddScoped<AuditTrail>();
        services.TryAddSingleton<WorkRunner>();
        services.TryAddSingleton(_ => ConflictPause.RealTime());
        services.TryAddScoped<IOutbox, Outbox.Outbox>();
        services.TryAddScoped<ITurnSender, OutboxTurnSender>();
        services.TryAddScoped<ITurnCoordinator, TurnCoordinator>();
        services.TryAddSingleton<ActivityGates>();
        services.TryAddSingleton<ReplayCheckCarriers>();
        services.TryAddSingleton<TenantGate>();
        services.TryAddSingleton<OutboxSignal>();
        services.TryAddSingleton<ConversationServiceUrls>();
        services.TryAddSingleton<OutboxDispatcher>();
        return services;
    }
}

/// <summary>The unit of work of a plain HTTP endpoint (a download), committed before its answer goes out.</summary>
public static class EndpointWork
{
    /// <summary>
    /// Commits what the endpoint wrote (its audit-log entry, say) before its result is sent, so nothing is served that the
    /// log does not record. When a document the answer relied on (<see cref="DocumentChanges.RequireUnchanged{T}"/>: the
    /// audit whose chair a download link was checked against) changed before the commit, the endpoint runs again from fresh
    /// reads, as a turn does, so a chair handed over meanwhile is refused rather than served; a commit that still fails after
    /// <see cref="DocumentChanges.MaxAttempts"/> runs, or fails otherwise, answers 503 and serves nothing.
    /// </summary>
    public static TBuilder CommitsItsWork<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.AddEndpointFilter(async (context, next) =>
        {
            var services = context.HttpContext.RequestServices;
            var work = services.GetRequiredService<UnitOfWork>();
            for (var attempt = 1; ; attempt++)
            {
                var result = await next(context).ConfigureAwait(false);
                work.Flush();
                var commit = await services.GetRequiredService<IStoreCommitter>()
                    .CommitAsync(work.Store, CancellationToken.None).ConfigureAwait(false);
                if (commit.Outcome == CommitOutcome.Committed)
                {
                    work.Committed();
                    return result;
                }

                work.Abandon();
                if (commit.Outcome != CommitOutcome.Conflict || attempt >= DocumentChanges.MaxAttempts)
                {
                    return TypedResults.StatusCode(StatusCodes.Status503ServiceUnavailable);
                }

                await services.GetRequiredService<ConflictPause>().WaitAfterAsync(attempt, context.HttpContext.RequestAborted)
                    .ConfigureAwait(false);
            }
        });
        return builder;
    }
}
