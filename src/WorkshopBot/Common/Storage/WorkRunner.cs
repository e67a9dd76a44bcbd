using WorkshopBot.Outbox;
using WorkshopBot.Storage;

namespace WorkshopBot.Common.Storage;

/// <summary>
/// Runs background work (a job's step: reminders, timers, re-sent alerts) the way a turn runs: in a fresh service scope
/// with its own <see cref="UnitOfWork"/>, committed in one transaction when the body returns, and run again from fresh
/// reads when its writes conflicted with someone else's.
/// </summary>
public sealed partial class WorkRunner(
    IServiceScopeFactory scopes, IStoreCommitter committer, OutboxSignal signal, ConflictPause pause, ILogger<WorkRunner> logger)
{
    public const int MaxAttempts = DocumentChanges.MaxAttempts;

    /// <summary>The body's result once its writes are stored; default when others kept changing the same documents.</summary>
    public async Task<T?> RunAsync<T>(Func<IServiceProvider, CancellationToken, Task<T>> body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await using var scope = scopes.CreateAsyncScope();
            var work = scope.ServiceProvider.GetRequiredService<UnitOfWork>();
            try
            {
                var result = await body(scope.ServiceProvider, cancellationToken).ConfigureAwait(false);
                work.Flush();
                var commit = await committer.CommitAsync(work.Store, CancellationToken.None).ConfigureAwait(false);
                if (commit.Outcome == CommitOutcome.Committed)
                {
                    var queued = work.Store.HasOutboxMessages;
                    work.Committed();
                    if (queued)
                    {
                        signal.Notify();
                    }

                    return result;
                }

                LogConflict(attempt, commit.Conflict ?? "");
            }
            finally
            {
                work.Abandon();
            }

            if (attempt < MaxAttempts)
            {
                await pause.WaitAfterAsync(attempt, cancellationToken).ConfigureAwait(false);
            }
        }

        return default;
    }

    /// <summary>As <see cref="RunAsync{T}"/> for a body with no result; false when it could not be stored.</summary>
    public async Task<bool> RunAsync(Func<IServiceProvider, CancellationToken, Task> body, CancellationToken cancellationToken) =>
        await RunAsync(async (services, ct) =>
        {
            await body(services, ct).ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Information, Message = "Background work conflicted (attempt {Attempt}): {Conflict}")]
    private partial void LogConflict(int attempt, string conflict);
}
