using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Storage;

/// <summary>
/// On SQLite the write-ahead log is copied into the database file beside the group commit, not inside it
/// (<see cref="SqliteLogCheckpoints"/>): a while after a commit, a connection of the bot's own copies the log and starts it
/// again from its beginning, so the log stays small without a commit ever stopping to copy it. The bot's connections keep
/// SQLite's own checkpoint only as a fallback for a log grown past about 40 MB. Real SQLite files; the checkpoints wait on
/// a manual clock, moved by hand, so each round runs exactly when a test says.
/// </summary>
public sealed class SqliteLogCheckpointsBesideCommits : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan After = TimeSpan.FromMilliseconds(StorageOptions.DefaultLogCheckpointMs);

    private readonly ManualTimeProvider _pacing = new();
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "workshopbot-log-" + Guid.NewGuid().ToString("N")[..12]);
    private StorageDatabase _database = null!;
    private SqlStoreCommitter _committer = null!;

    public async Task InitializeAsync()
    {
        var options = new StorageOptions { SqlitePath = Path.Combine(_folder, "workshopbot.db") };
        _database = StorageDatabase.Create(options, _folder, NullLogger.Instance, _pacing);
        await new StorageMigrator(_database, TimeProvider.System, NullLogger<StorageMigrator>.Instance).MigrateAsync();
        // The schema into the file itself, so that a copy of the file alone has its tables from the start.
        await using (var connection = await _database.OpenAsync(CancellationToken.None))
        {
            Assert.Equal(0, await connection.ExecuteScalarAsync<long>("PRAGMA wal_checkpoint(TRUNCATE)"));
        }

        _committer = new SqlStoreCommitter(_database, TimeProvider.System, new GroupCommitWait(TimeSpan.Zero, TimeProvider.System),
            new StoreWrites(TimeProvider.System));
    }

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private SqliteLogCheckpoints Checkpoints => _database.LogCheckpoints!;

    private string LogPath => _database.SqliteFilePath + "-wal";

    [Fact]
    public async Task ARoundRunsOnlyAfterACommitAndOnlyWhenItsWaitIsOver()
    {
        // The migration was no commit of the group commit: no round is owed.
        Assert.Empty(_pacing.RequestedDelays);

        await CommitAsync("a", 50);
        Assert.True(await WaitUntilAsync(() => _pacing.RequestedDelays.Count == 1));
        Assert.Equal(After, _pacing.RequestedDelays[0]);
        Assert.Equal(0, Checkpoints.Rounds);

        _pacing.Advance(After);
        Assert.True(await WaitUntilAsync(() => Checkpoints.Rounds == 1));
        Assert.Equal(1, Checkpoints.Restarts);
    }

    [Fact]
    public async Task CommittedWorksReachTheDatabaseFileItselfInARound()
    {
        await CommitAsync("a", 200);
        Assert.Equal(0, await CountInTheFileAloneAsync());

        await RoundAsync();

        Assert.Equal(200, await CountInTheFileAloneAsync());
    }

    [Fact]
    public async Task TheLogStartsAgainFromItsBeginningSoItsFileDoesNotGrowWithEveryCommit()
    {
        await CommitAsync("first", 300);
        var grownTo = new FileInfo(LogPath).Length;
        await RoundAsync();

        // Fewer pages than the first commits wrote: a log started again writes them over its beginning.
        await CommitAsync("second", 100);
        await RoundAsync();

        Assert.True(grownTo > 0);
        Assert.Equal(grownTo, new FileInfo(LogPath).Length);
        Assert.Equal(400, await CountInTheFileAloneAsync());
    }

    [Fact]
    public async Task AReaderStillInTheLogHoldsNoCommitAndTheLogStartsAgainOnceItHasGone()
    {
        await CommitAsync("before", 20);
        await RoundAsync();
        await CommitAsync("in-log", 20);
        await using var reader = (SqliteConnection)await _database.OpenAsync(CancellationToken.None);
        // Deferred: a reader's transaction, which takes no write lock (Microsoft.Data.Sqlite begins IMMEDIATE by default).
        await using var snapshot = reader.BeginTransaction(deferred: true);
        Assert.Equal(40, await reader.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM documents", transaction: snapshot));

        // While the reader keeps its snapshot, commits go on and a round runs, but cannot start the log again.
        await CommitAsync("during", 20);
        await RoundAsync();
        Assert.Equal(2, Checkpoints.Rounds);
        Assert.Equal(1, Checkpoints.Restarts);
        await CommitAsync("during-more", 20);

        await snapshot.RollbackAsync();
        await CommitAsync("after", 1);
        await RoundAsync();
        Assert.Equal(2, Checkpoints.Restarts);
        Assert.Equal(81, await CountInTheFileAloneAsync());
    }

    [Fact]
    public async Task TheRegisteredStoreCopiesTheLogBesideItsCommitsAndItsConnectionsOnlyPastTheFallback()
    {
        await using var storage = await TestStorage.CreateSqliteAsync();

        Assert.NotNull(storage.Get<StorageDatabase>().LogCheckpoints);
        Assert.Equal(SqliteLogCheckpoints.WriterFallbackPages, await storage.QueryScalarAsync<long>("PRAGMA wal_autocheckpoint"));
    }

    [Fact]
    public async Task WithTheSettingAtZeroSqliteCheckpointsInsideTheCommitsAsByItsOwnDefault()
    {
        await using var storage = await TestStorage.CreateSqliteAsync(more: new Dictionary<string, string?>
        {
            ["Storage:LogCheckpointMs"] = "0",
        });

        Assert.Null(storage.Get<StorageDatabase>().LogCheckpoints);
        Assert.Equal(1000, await storage.QueryScalarAsync<long>("PRAGMA wal_autocheckpoint"));
        var result = await storage.Get<IStoreCommitter>().CommitAsync(Work("alone"), CancellationToken.None).WaitAsync(Patience);
        Assert.Equal(CommitOutcome.Committed, result.Outcome);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1000.5)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void AWaitOutsideZeroToOneSecondIsRefusedAtStart(double ms)
    {
        var result = new StorageOptionsValidator().Validate(null, new StorageOptions { LogCheckpointMs = ms });

        Assert.True(result.Failed);
        Assert.Contains("Storage:LogCheckpointMs", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(250)]
    public void AWaitFromZeroToOneSecondIsAccepted(double ms) =>
        Assert.Equal(ValidateOptionsResult.Success,
            new StorageOptionsValidator().Validate(null, new StorageOptions { LogCheckpointMs = ms }));

    /// <summary>Commits <paramref name="count"/> works at once through the group commit, as the turns of a burst do.</summary>
    /// <summary>
    /// Emptying the log after a purge (one try, as the purge's each) waits for a round copying beside it instead of being
    /// answered busy: SQLite runs one checkpoint at a time and does not wait for another.
    /// </summary>
    [Fact]
    public async Task EmptyingTheLogAfterAPurgeWaitsForARoundCopyingBesideIt()
    {
        var purge = new StoreCheckpoint(_database);
        for (var i = 0; i < 6; i++)
        {
            await CommitAsync($"big{i}", 3000); // a few MB of log, so that a round copies for a while
            var rounds = Checkpoints.Rounds;
            Assert.True(await WaitUntilAsync(() => _pacing.RequestedDelays.Count == rounds + 1));
            _pacing.Advance(After);
            await Task.Delay(i % 3, CancellationToken.None); // the round starting, started, or about to

            Assert.True(await purge.TruncateLogAsync(CancellationToken.None), $"try {i}");
            Assert.Equal(0, new FileInfo(LogPath).Length);
            Assert.True(await WaitUntilAsync(() => Checkpoints.Rounds == rounds + 1));
        }

        // Every work is in the file itself, the log emptied into it each time.
        Assert.Equal(6 * 3000, await CountInTheFileAloneAsync());
    }

    private async Task CommitAsync(string prefix, int count)
    {
        var results = await Task.WhenAll(Enumerable.Range(0, count)
            .Select(i => _committer.CommitAsync(Work($"{prefix}-{i}"), CancellationToken.None))).WaitAsync(Patience);
        Assert.All(results, r => Assert.Equal(CommitOutcome.Committed, r.Outcome));
    }

    /// <summary>
    /// Lets the round owed since the last commit run, and waits until it has. Each round waits once on the clock, so the
    /// round owed is waiting when one wait more than the rounds run has been asked for.
    /// </summary>
    private async Task RoundAsync()
    {
        var rounds = Checkpoints.Rounds;
        Assert.True(await WaitUntilAsync(() => _pacing.RequestedDelays.Count == rounds + 1));
        _pacing.Advance(After);
        Assert.True(await WaitUntilAsync(() => Checkpoints.Rounds == rounds + 1));
    }

    /// <summary>How many works a copy of the database file alone holds, without the log beside it.</summary>
    private async Task<long> CountInTheFileAloneAsync()
    {
        var copy = Path.Combine(_folder, $"alone-{Guid.NewGuid():N}.db");
        await using (var source = new FileStream(_database.SqliteFilePath!, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
        await using (var target = File.Create(copy))
        {
            await source.CopyToAsync(target);
        }

        await using var alone = new SqliteConnection($"Data Source={copy};Pooling=False");
        await alone.OpenAsync();
        return await alone.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM documents WHERE collection = 'things'");
    }

    private static StoreWork Work(string id)
    {
        var work = new StoreWork();
        work.Insert("things", id, $$"""{"n":1,"pad":"{{new string('x', 400)}}"}""", null, null, "t-1");
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
