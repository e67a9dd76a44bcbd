using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WorkshopBot.Storage;

namespace WorkshopBot.Tests.Support;

/// <summary>
/// Makes the next <see cref="Gather"/>(N) works that <see cref="Matches"/> commit in one group transaction, as at
/// conference rates: each is held at the committer until the Nth arrives, then all are queued from inside the leader of a
/// commit that writes nothing (as <see cref="OneBatch"/> does), so the leader after it takes them as one batch. Nothing
/// waits on a timer. Works arriving while none is gathered, or that do not match, go straight on.
/// </summary>
public sealed class GatheredCommits(Func<StoreWork, bool> matches)
{
    private readonly Lock _gate = new();
    private List<(StoreWork Work, TaskCompletionSource<CommitResult> Done)>? _held;
    private int _wanted;

    public Func<StoreWork, bool> Matches { get; } = matches;

    /// <summary>Gathers the next <paramref name="count"/> matching works into one batch.</summary>
    public void Gather(int count)
    {
        lock (_gate)
        {
            _wanted = count;
            _held = [];
        }
    }

    public void Register(IServiceCollection services)
    {
        services.TryAddSingleton<SqlStoreCommitter>();
        services.Replace(ServiceDescriptor.Singleton<IStoreCommitter>(sp =>
            new Committer(sp.GetRequiredService<SqlStoreCommitter>(), this)));
    }

    private sealed class Committer(IStoreCommitter inner, GatheredCommits gathered) : IStoreCommitter
    {
        public async Task<CommitResult> CommitAsync(StoreWork work, CancellationToken cancellationToken)
        {
            TaskCompletionSource<CommitResult> done;
            List<(StoreWork Work, TaskCompletionSource<CommitResult> Done)>? all = null;
            lock (gathered._gate)
            {
                if (gathered._held is null || !gathered.Matches(work))
                {
                    done = null!;
                }
                else
                {
                    done = new TaskCompletionSource<CommitResult>(TaskCreationOptions.RunContinuationsAsynchronously);
                    gathered._held.Add((work, done));
                    if (gathered._held.Count == gathered._wanted)
                    {
                        all = gathered._held;
                        gathered._held = null;
                    }
                }
            }

            if (done is null)
            {
                return await inner.CommitAsync(work, cancellationToken);
            }

            if (all is not null)
            {
                _ = CommitTogetherAsync(all);
            }

            return await done.Task;
        }

        private async Task CommitTogetherAsync(List<(StoreWork Work, TaskCompletionSource<CommitResult> Done)> all)
        {
            List<Task<CommitResult>>? commits = null;
            var first = new StoreWork();
            // Runs inside the leader, which is busy with this work: each of the gathered works only queues.
            first.Execute("gathered works queued", _ =>
            {
                commits ??= all.Select(h => inner.CommitAsync(h.Work, CancellationToken.None)).ToList();
                return [];
            });
            await inner.CommitAsync(first, CancellationToken.None);
            for (var i = 0; i < all.Count; i++)
            {
                try
                {
                    all[i].Done.TrySetResult(await commits![i]);
                }
                catch (Exception ex)
                {
                    all[i].Done.TrySetException(ex);
                }
            }
        }
    }
}
