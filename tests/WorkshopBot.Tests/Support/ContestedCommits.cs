using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WorkshopBot.Storage;

namespace WorkshopBot.Tests.Support;

/// <summary>
/// Plays "another instance": while <see cref="Times"/> is above zero, just before a unit of work that updates a document
/// of <see cref="Collection"/> commits, writes that document once more itself, so the commit's version check refuses the
/// work and the turn (or job) has to run again from a fresh read.
/// </summary>
public sealed class ContestedCommits(string collection)
{
    private int _times;
    private int _contested;

    public string Collection { get; } = collection;

    /// <summary>How many more commits to contest.</summary>
    public int Times
    {
        get => Volatile.Read(ref _times);
        set => Volatile.Write(ref _times, value);
    }

    /// <summary>How many commits were contested.</summary>
    public int Contested => Volatile.Read(ref _contested);

    public void Register(IServiceCollection services)
    {
        services.TryAddSingleton<SqlStoreCommitter>();
        services.Replace(ServiceDescriptor.Singleton<IStoreCommitter>(sp =>
            new Committer(sp.GetRequiredService<SqlStoreCommitter>(), sp.GetRequiredService<IDocumentStore>(), this)));
    }

    private sealed class Committer(IStoreCommitter inner, IDocumentStore documents, ContestedCommits contest) : IStoreCommitter
    {
        public async Task<CommitResult> CommitAsync(StoreWork work, CancellationToken cancellationToken)
        {
            foreach (var update in work.Steps.OfType<StoreWork.UpdateStep>().Where(u => u.Collection == contest.Collection))
            {
                if (Interlocked.Decrement(ref contest._times) < 0)
                {
                    Interlocked.Increment(ref contest._times);
                    break;
                }

                var current = await documents.GetAsync(update.Collection, update.Id, cancellationToken);
                await documents.TryUpdateAsync(update.Collection, update.Id, current!.Version, current.Json, current.Key1, current.Key2,
                    cancellationToken);
                Interlocked.Increment(ref contest._contested);
                break;
            }

            return await inner.CommitAsync(work, cancellationToken);
        }
    }
}
