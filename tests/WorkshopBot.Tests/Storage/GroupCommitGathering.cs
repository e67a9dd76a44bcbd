using System.Data.Common;
using Microsoft.Extensions.Options;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Storage;

/// <summary>
/// Works that queue behind a running commit wait a moment (<see cref="GroupCommitWait"/>) for more to join them, so
/// that under load a few larger transactions replace many small ones; a work that finds no commit running goes at once,
/// and a batch already large enough does not wait. The wait runs on its own clock: here a manual one, moved by hand.
/// </summary>
public sealed class GroupCommitGathering : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly ManualTimeProvider _pacing = new();
    private TestStorage _storage = null!;

    public async Task InitializeAsync() => _storage = await TestStorage.CreateSqliteAsync();

    public async Task DisposeAsync() => await _storage.DisposeAsync();

    [Fact]
    public void TheBotsCommitsWaitOneMillisecondOnTheSystemClockNotTheBotsOwn()
    {
        var wait = _storage.Get<GroupCommitWait>();

        Assert.Equal(TimeSpan.FromMilliseconds(StorageOptions.DefaultGroupCommitWaitMs), wait.For);
        Assert.Same(TimeProvider.System, wait.Clock);
        Assert.NotSame(_storage.Get<TimeProvider>(), wait.Clock);
    }

    [Fact]
    public async Task AWorkThatFindsNoCommitRunningGoesAtOnce()
    {
        var committer = Committer(TimeSpan.FromMilliseconds(1));

        var result = await committer.CommitAsync(Work("alone"), CancellationToken.None).WaitAsync(Patience);

        Assert.Equal(CommitOutcome.Committed, result.Outcome);
        Assert.Empty(_pacing.RequestedDelays);
        Assert.NotNull(await _storage.Get<IDocumentStore>().GetAsync("things", "alone"));
    }

    [Fact]
    public async Task WorksQueuedBehindARunningCommitWaitForMoreAndCommitTogether()
    {
        var committer = Committer(TimeSpan.FromMilliseconds(1));
        var behind = await QueueBehindABlockedCommitAsync(committer, 3);

        // The batch behind the first waits on its clock: nothing of it is taken from the queue yet.
        Assert.True(await WaitUntilAsync(() => _pacing.RequestedDelays.Count == 1));
        Assert.Equal(TimeSpan.FromMilliseconds(1), _pacing.RequestedDelays[0]);
        Assert.Equal(3, committer.Queued);
        Assert.DoesNotContain(behind, t => t.IsCompleted);

        // A work arriving meanwhile joins it.
        behind.Add(committer.CommitAsync(Work("late"), CancellationToken.None));
        _pacing.Advance(TimeSpan.FromMilliseconds(1));

        var results = await Task.WhenAll(behind).WaitAsync(Patience);
        Assert.All(results, r => Assert.Equal(CommitOutcome.Committed, r.Outcome));
        Assert.Equal(2, committer.Batches);
        Assert.NotNull(await _storage.Get<IDocumentStore>().GetAsync("things", "late"));
    }

    [Fact]
    public async Task ABatchAlreadyLargeEnoughDoesNotWait()
    {
        var committer = Committer(TimeSpan.FromMilliseconds(1));
        var behind = await QueueBehindABlockedCommitAsync(committer, SqlStoreCommitter.GatherUpTo + 4);

        var results = await Task.WhenAll(behind).WaitAsync(Patience);

        Assert.All(results, r => Assert.Equal(CommitOutcome.Committed, r.Outcome));
        Assert.Empty(_pacing.RequestedDelays);
        Assert.Equal(2, committer.Batches);
    }

    [Fact]
    public async Task WithNoWaitConfiguredWorksBehindACommitGoAtOnce()
    {
        var committer = Committer(TimeSpan.Zero);
        var behind = await QueueBehindABlockedCommitAsync(committer, 3);

        var results = await Task.WhenAll(behind).WaitAsync(Patience);

        Assert.All(results, r => Assert.Equal(CommitOutcome.Committed, r.Outcome));
        Assert.Empty(_pacing.RequestedDelays);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(100.5)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void AWaitOutsideZeroToOneHundredMillisecondsIsRefusedAtStart(double ms)
    {
        var result = new StorageOptionsValidator().Validate(null, new StorageOptions { GroupCommitWaitMs = ms });

        Assert.True(result.Failed);
        Assert.Contains("Storage:GroupCommitWaitMs", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2.5)]
    public void AWaitFromZeroToOneHundredMillisecondsIsAccepted(double ms) =>
        Assert.Equal(ValidateOptionsResult.Success,
            new StorageOptionsValidator().Validate(null, new StorageOptions { GroupCommitWaitMs = ms }));

    private SqlStoreCommitter Committer(TimeSpan wait) =>
        new(_storage.Get<StorageDatabase>(), _storage.Get<TimeProvider>(), new GroupCommitWait(wait, _pacing),
            _storage.Get<StoreWrites>());

    /// <summary>
    /// Holds SQLite's write lock from another connection while a first work starts its commit, queues
    /// <paramref name="count"/> works behind it, then lets the first commit go; returns the queued works' outcomes.
    /// </summary>
    private async Task<List<Task<CommitResult>>> QueueBehindABlockedCommitAsync(SqlStoreCommitter committer, int count)
    {
        await using var blocker = await _storage.OpenRawAsync();
        await ExecuteAsync(blocker, "BEGIN IMMEDIATE");

        // The first work leads: its transaction waits for the lock (on a thread of its own, as SQLite's wait blocks).
        var first = Task.Run(() => committer.CommitAsync(Work("first"), CancellationToken.None));
        Assert.True(await WaitUntilAsync(() => committer.Batches == 1));
        var behind = Enumerable.Range(0, count)
            .Select(i => committer.CommitAsync(Work("behind-" + i), CancellationToken.None))
            .ToList();
        Assert.Equal(count, committer.Queued);

        await ExecuteAsync(blocker, "ROLLBACK");
        Assert.Equal(CommitOutcome.Committed, (await first.WaitAsync(Patience)).Outcome);
        return behind;
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static StoreWork Work(string id)
    {
        var work = new StoreWork();
        work.Insert("things", id, """{"n":1}""", null, null, "t-1");
        return work;
    }

    /// <summary>Waits (without measuring anything) up to 30 s for the condition; false if it never held.</summary>
    private static async Task<bool> WaitUntilAsync(Func<bool> condition)
    {
        using var patience = new CancellationTokenSource(Patience);
        while (!condition())
        {
            if (patience.IsCancellationRequested)
            {
                return false;
            }

            await Task.Delay(10, CancellationToken.None);
        }

        return true;
    }
}
