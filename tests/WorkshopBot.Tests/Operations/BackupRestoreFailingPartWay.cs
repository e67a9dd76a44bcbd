using Microsoft.Data.Sqlite;
using WorkshopBot.Operations;
using WorkshopBot.Operations.Backup;
using WorkshopBot.Tests.Support;
using WorkshopBot.Tests.Workshop;

namespace WorkshopBot.Tests.Operations;

/// <summary>
/// <c>backup</c> and <c>restore</c> run as the operator runs them (<c>dotnet WorkshopBot.dll ...</c>), with a file failing
/// under them once they have started copying: the commands' hidden <c>--pause-after STAGE</c>, for tests, holds them at a
/// stage while the test takes a file or folder away or cuts a copy short, as a failing disk or an unmounted share would.
/// Each ends with exit code <see cref="OperatorStore.Interrupted"/> and one line saying what was and was not done, with no
/// stack trace; the live database is as it was and still opens with its data; nothing is left with a name that could pass
/// for a complete database; and the same command run again once the fault is gone finishes the job. (Restore is SQLite's
/// only: on PostgreSQL the commands refuse and point to pg_dump and pg_restore.)
/// </summary>
public sealed class BackupRestoreFailingPartWay : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("workshopbot-partway-");

    /// <summary>The backup is copied in as <c>.restoring</c>, then that copy is cut short (as a full or failing disk leaves it).</summary>
    [Fact]
    public async Task ARestoreWhoseCopyIsCutShortLeavesTheLiveDatabaseAsItWasAndRunningItAgainFinishesIt()
    {
        var (database, backup, audit) = await LiveDatabaseAndAnEmptyBackupAsync();
        var incoming = database + ".restoring";

        var (exit, output) = await RunPausedAsync(["restore", "--from", backup, "--Storage:SqlitePath", database], "copied", () =>
        {
            using var copy = new FileStream(incoming, FileMode.Open, FileAccess.Write);
            copy.SetLength(copy.Length / 2);
        });

        var error = AssertOneError(exit, output, $"restore: restoring {backup} to {database} failed part-way (");
        Assert.True(error.Contains($"{database} is as it was", StringComparison.Ordinal)
            && error.Contains("run the same restore again", StringComparison.Ordinal), output);
        Assert.DoesNotContain("restored to", output, StringComparison.Ordinal);
        await AssertLiveDatabaseAsItWasAsync(database, audit, output);
        await AssertRunningItAgainRestoresAsync(database, backup, audit);
    }

    /// <summary>The backup file is taken away after it was checked, before it is copied in (a share unmounted under the command).</summary>
    [Fact]
    public async Task ARestoreWhoseBackupDisappearsOnceCheckedLeavesTheLiveDatabaseAsItWasAndRunningItAgainFinishesIt()
    {
        var (database, backup, audit) = await LiveDatabaseAndAnEmptyBackupAsync();
        var away = backup + ".away";

        var (exit, output) = await RunPausedAsync(["restore", "--from", backup, "--Storage:SqlitePath", database], "checked",
            () => File.Move(backup, away));

        var error = AssertOneError(exit, output, $"restore: restoring {backup} to {database} failed part-way (");
        Assert.True(error.Contains($"{database} is as it was", StringComparison.Ordinal)
            && error.Contains("run the same restore again", StringComparison.Ordinal), output);
        await AssertLiveDatabaseAsItWasAsync(database, audit, output);
        File.Move(away, backup);
        await AssertRunningItAgainRestoresAsync(database, backup, audit);
    }

    /// <summary>
    /// The copy is made and the replaced database kept, then the copy is taken away before it can be put in place: the live
    /// database must still be there, whole, rather than deleted ahead of a rename that then fails.
    /// </summary>
    [Fact]
    public async Task ARestoreWhoseCopyCannotBePutInPlaceLeavesTheLiveDatabaseAsItWasAndRunningItAgainFinishesIt()
    {
        var (database, backup, audit) = await LiveDatabaseAndAnEmptyBackupAsync();

        var (exit, output) = await RunPausedAsync(["restore", "--from", backup, "--Storage:SqlitePath", database], "kept",
            () => File.Delete(database + ".restoring"));

        var error = AssertOneError(exit, output, $"restore: restoring {backup} to {database} failed part-way (");
        Assert.True(error.Contains($"{database} is as it was", StringComparison.Ordinal)
            && error.Contains("run the same restore again", StringComparison.Ordinal), output);
        await AssertLiveDatabaseAsItWasAsync(database, audit, output);
        await AssertRunningItAgainRestoresAsync(database, backup, audit);
    }

    /// <summary>
    /// A bot killed while it ran leaves its last commits in the database's <c>-wal</c>; a restore that then fails before its
    /// rename must leave those commits in the database (written back into it), not delete them with the <c>-wal</c>.
    /// </summary>
    [Fact]
    public async Task ARestoreThatFailsBeforeItsRenameKeepsTheCommitsAKilledBotLeftInTheWal()
    {
        var (database, backup, audit) = await LiveDatabaseAndAnEmptyBackupAsync();
        var killed = Path.Combine(_folder.FullName, "killed.db");
        using (var bot = new SqliteConnection($"Data Source={database};Pooling=False"))
        {
            bot.Open();
            using var commit = bot.CreateCommand();
            commit.CommandText = "PRAGMA wal_autocheckpoint = 0; PRAGMA user_version = 1537;";
            commit.ExecuteNonQuery();
            File.Copy(database, killed);
            File.Copy(database + "-wal", killed + "-wal");
        }

        // The files as the killed bot left them: the database without its last commit, the commit in the -wal.
        File.Copy(killed, database, overwrite: true);
        File.Copy(killed + "-wal", database + "-wal", overwrite: true);
        File.Delete(database + "-shm");

        var (exit, output) = await RunPausedAsync(["restore", "--from", backup, "--Storage:SqlitePath", database], "kept",
            () => File.Delete(database + ".restoring"));

        var error = AssertOneError(exit, output, $"restore: restoring {backup} to {database} failed part-way (");
        Assert.True(error.Contains($"{database} is as it was", StringComparison.Ordinal), output);
        await AssertLiveDatabaseAsItWasAsync(database, audit, output);
        using var reopened = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        reopened.Open();
        using var read = reopened.CreateCommand();
        read.CommandText = "PRAGMA user_version;";
        Assert.Equal(1537L, read.ExecuteScalar());
    }

    /// <summary>
    /// The copy is written as <c>.partial</c>, then the folder it goes to is taken away (a share unmounted, a disk gone) before
    /// the copy is checked and renamed: no backup, and nothing with the backup's name, is left.
    /// </summary>
    [Fact]
    public async Task ABackupWhoseTargetFolderGoesMidCopySaysNoBackupWasWrittenAndRunningItAgainWritesIt()
    {
        var database = Path.Combine(_folder.FullName, "data", "workshopbot.db");
        StoredAudit audit;
        await using (var s = await WorkshopScenario.CreateAsync(o => o.Settings["Storage:SqlitePath"] = database))
        {
            audit = await StoredAudit.CreateAsync(s);
        }

        var folder = Path.Combine(_folder.FullName, "backups");
        var target = Path.Combine(folder, "workshopbot-backup.db");
        var away = folder + "-away";
        Directory.CreateDirectory(folder);

        var (exit, output) = await RunPausedAsync(["backup", "--out", target, "--Storage:SqlitePath", database], "copied", () =>
        {
            Assert.True(File.Exists(target + ".partial"));
            Directory.Move(folder, away);
            File.WriteAllText(folder, "not a folder");
        });

        var error = AssertOneError(exit, output, $"backup: the copy of {database} to {target} failed part-way (");
        Assert.Contains($"No backup was written to {target}", error, StringComparison.Ordinal);
        Assert.Contains("run the command again", error, StringComparison.Ordinal);
        Assert.DoesNotContain("copied to", output, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_folder.FullName, Path.GetFileName(target), SearchOption.AllDirectories));

        File.Delete(folder);
        Directory.Delete(away, recursive: true);
        Directory.CreateDirectory(folder);
        var (again, againOutput) = await OperatorCommandsWithoutTheirStore.RunAsync("backup", "--out", target,
            "--Storage:SqlitePath", database);

        Assert.True(again == 0, againOutput);
        Assert.Equal([target], Directory.GetFiles(folder));
        var restored = Path.Combine(_folder.FullName, "restored", "workshopbot.db");
        Assert.Equal(0, RestoreCommand.Run(["--from", target, "--Storage:SqlitePath", restored]));
        await using var fresh = await BotTestHost.StartAsync(o => o.Settings["Storage:SqlitePath"] = restored);
        Assert.Equal((5, audit.Tally.Values.Sum(), true, true), await audit.FindAsync(fresh.Services));
    }

    public void Dispose() => _folder.Delete(recursive: true);

    /// <summary>
    /// Runs the command until it says it paused after <paramref name="stage"/>, applies the fault, lets it go on; its exit
    /// code and output (standard error's lines marked "err: ").
    /// </summary>
    private static async Task<(int Exit, string Output)> RunPausedAsync(string[] command, string stage, Action fault)
    {
        await using var process = BotProcess.Start(Path.GetTempPath(), new Dictionary<string, string?>(),
            [.. command, "--pause-after", stage]);
        await process.WaitForOutputAsync($"{command[0]}: paused after {stage}");
        fault();
        await process.WriteLineAsync("");
        var exit = await process.WaitForExitAsync();
        return (exit, process.Output);
    }

    private static string AssertOneError(int exit, string output, string start)
    {
        var errors = output.Split('\n').Where(l => l.StartsWith("err: ", StringComparison.Ordinal)).ToList();
        Assert.True(exit == OperatorStore.Interrupted && errors.Count == 1, $"exit {exit}:\n{output}");
        Assert.StartsWith("err: " + start, errors[0], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", output, StringComparison.Ordinal);
        return errors[0];
    }

    /// <summary>
    /// A bot's store holding an audit (returns, votes, ideas, a briefing) as the live database, and a backup of a fresh, empty
    /// store to restore over it: the audit tells the two apart.
    /// </summary>
    private async Task<(string Database, string Backup, StoredAudit Audit)> LiveDatabaseAndAnEmptyBackupAsync()
    {
        var empty = Path.Combine(_folder.FullName, "empty", "workshopbot.db");
        await using (await BotTestHost.StartAsync(o => o.Settings["Storage:SqlitePath"] = empty))
        {
        }

        var backup = Path.Combine(_folder.FullName, "backups", "empty-backup.db");
        Directory.CreateDirectory(Path.GetDirectoryName(backup)!);
        Assert.Equal(0, BackupCommand.Run(["--out", backup, "--Storage:SqlitePath", empty]));

        var database = Path.Combine(_folder.FullName, "data", "workshopbot.db");
        await using var s = await WorkshopScenario.CreateAsync(o => o.Settings["Storage:SqlitePath"] = database);
        return (database, backup, await StoredAudit.CreateAsync(s));
    }

    /// <summary>
    /// Beside the live database nothing is left that could pass for a complete database unless the output names it (the
    /// replaced database kept on purpose); and a bot started on it finds the audit whole.
    /// </summary>
    private static async Task AssertLiveDatabaseAsItWasAsync(string database, StoredAudit audit, string output)
    {
        var left = Directory.GetFiles(Path.GetDirectoryName(database)!)
            .Where(f => f != database && f != DataFolderLock.PathFor(database) && !output.Contains(f, StringComparison.Ordinal))
            .ToList();
        Assert.True(left.Count == 0, $"left unnamed: {string.Join(", ", left)}\n{output}");
        Assert.False(File.Exists(database + ".restoring"), output);
        await using var host = await BotTestHost.StartAsync(o => o.Settings["Storage:SqlitePath"] = database);
        Assert.Equal((5, audit.Tally.Values.Sum(), true, true), await audit.FindAsync(host.Services));
    }

    /// <summary>
    /// The same restore, the fault gone: it finishes, leaves no <c>.restoring</c>, and the audit is gone with the old data.
    /// </summary>
    private static async Task AssertRunningItAgainRestoresAsync(string database, string backup, StoredAudit audit)
    {
        var (again, output) = await OperatorCommandsWithoutTheirStore.RunAsync("restore", "--from", backup,
            "--Storage:SqlitePath", database);

        Assert.True(again == 0, output);
        Assert.Contains($"restore: {backup} restored to {database}", output, StringComparison.Ordinal);
        Assert.False(File.Exists(database + ".restoring"));
        await using var host = await BotTestHost.StartAsync(o => o.Settings["Storage:SqlitePath"] = database);
        Assert.Null(await TestStores.Audits(host.Services).GetAuditAsync(audit.AuditId, default));
    }
}
