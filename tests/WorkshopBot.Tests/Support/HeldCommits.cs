using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WorkshopBot.Storage;

namespace WorkshopBot.Tests.Support;

/// <summary>
/// Holds the first unit of work that <see cref="Matches"/> just before its commit, until the test lets it go: the turn
/// has made every read and every check it makes, and waits there with its writes, as a slow commit would.
/// </summary>
public sealed class HeldCommits(Func<StoreWork, bool> matches)
{
    private readonly TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<CommitResult> _committed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _taken;

    public Func<StoreWork, bool> Matches { get; } = matches;

    /// <summary>Completes when the matching work has reached its commit and is held there.</summary>
    public Task Held => _held.Task;

    /// <summary>Lets the held work commit, and answers once its commit has ended (committed or refused).</summary>
    public Task<CommitResult> ReleaseAsync()
    {
        _release.TrySetResult();
        return _committed.Task;
    }

    public void Register(IServiceCollection services)
    {
        services.TryAddSingleton<SqlStoreCommitter>();
        services.Replace(ServiceDescriptor.Singleton<IStoreCommitter>(sp =>
            new Committer(sp.GetRequiredService<SqlStoreCommitter>(), this)));
    }

    private sealed class Committer(IStoreCommitter inner, HeldCommits held) : IStoreCommitter
    {
        public async Task<CommitResult> CommitAsync(StoreWork work, CancellationToken cancellationToken)
        {
            if (!held.Matches(work) || Interlocked.Exchange(ref held._taken, 1) == 1)
            {
                return await inner.CommitAsync(work, cancellationToken);
            }

            held._held.TrySetResult();
            await held._release.Task;
            try
            {
                var result = await inner.CommitAsync(work, cancellationToken);
                held._committed.TrySetResult(result);
                return result;
            }
            catch (Exception ex)
            {
                held._committed.TrySetException(ex);
                throw;
            }
        }
    }
}
