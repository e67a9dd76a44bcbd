using WorkshopBot.Storage;

namespace WorkshopBot.Tests.Support;

/// <summary>Makes the group committer take many works as one batch, to test what a batch does.</summary>
internal static class OneBatch
{
    /// <summary>
    /// Commits the work <paramref name="first"/> makes, which holds the committer's leader (its statement factory calls the
    /// action it is given) until works 1..<paramref name="count"/> wait in the queue, so that those form one batch. Answers
    /// their outcomes, each a <see cref="CommitResult"/> or the DbException the work failed with.
    /// </summary>
    public static async Task<object[]> CommitAsync(IStoreCommitter committer, Func<Action, StoreWork> first, Func<int, StoreWork> work,
        int count = 39)
    {
        using var leading = new SemaphoreSlim(0);
        using var queued = new ManualResetEventSlim();
        void Hold()
        {
            if (!queued.IsSet)
            {
                leading.Release();
                queued.Wait(TimeSpan.FromSeconds(30));
            }
        }

        var held = Task.Run(() => committer.CommitAsync(first(Hold), CancellationToken.None));
        Assert.True(await leading.WaitAsync(TimeSpan.FromSeconds(30)));
        var rest = Enumerable.Range(1, count).Select(i => Task.Run(async () =>
        {
            try
            {
                return (object)await committer.CommitAsync(work(i), CancellationToken.None);
            }
            catch (System.Data.Common.DbException ex)
            {
                return ex;
            }
        })).ToList();
        for (var spins = 0; ((SqlStoreCommitter)committer).Queued < count && spins < 6000; spins++)
        {
            await Task.Delay(5);
        }

        queued.Set();
        Assert.Equal(CommitOutcome.Committed, (await held).Outcome);
        return await Task.WhenAll(rest);
    }
}
