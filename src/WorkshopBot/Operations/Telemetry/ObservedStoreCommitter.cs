using WorkshopBot.Storage;

namespace WorkshopBot.Operations.Telemetry;

/// <summary>Traces and times each commit of a unit of work: its outcome and how many writes it held.</summary>
internal sealed class ObservedStoreCommitter(IStoreCommitter inner, BotMetrics metrics, TimeProvider time) : IStoreCommitter
{
    /// <summary>The committer observed (for the benchmarks, which count its transactions).</summary>
    internal IStoreCommitter Inner => inner;

    public async Task<CommitResult> CommitAsync(StoreWork work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (work.IsEmpty)
        {
            return await inner.CommitAsync(work, cancellationToken).ConfigureAwait(false);
        }

        var started = time.GetTimestamp();
        using var span = BotTelemetry.Store.StartActivity("store.commit");
        span?.SetTag("workshopbot.store.steps", work.Steps.Count);
        span?.SetTag("workshopbot.store.outbox_messages", work.Steps.Count(s => s is StoreWork.EnqueueStep));
        var outcome = "error";
        try
        {
            var result = await inner.CommitAsync(work, cancellationToken).ConfigureAwait(false);
            outcome = result.Outcome switch
            {
                CommitOutcome.Committed => "committed",
                CommitOutcome.Conflict => "conflict",
                _ => "already_processed",
            };
            return result;
        }
        catch (Exception ex)
        {
            BotTelemetry.Fail(span, ex.GetType().Name);
            throw;
        }
        finally
        {
            span?.SetTag("workshopbot.outcome", outcome);
            metrics.Commit(outcome, time.GetElapsedTime(started));
        }
    }
}
