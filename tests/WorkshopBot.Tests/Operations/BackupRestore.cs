using WorkshopBot.Operations.Backup;
using WorkshopBot.Tests.Support;
using WorkshopBot.Tests.Workshop;

namespace WorkshopBot.Tests.Operations;

/// <summary>
/// <c>backup</c> copies a running bot's SQLite store; <c>restore</c> refuses while a bot runs on the data folder and puts
/// the copy back; a fresh bot on the restored folder finds every audit, return, vote, idea and briefing.
/// </summary>
public sealed class BackupRestore
{
    [Fact]
    public async Task ABackupOfARunningBotRestoredIntoAFreshDataFolderHoldsEverything()
    {
        var folder = Directory.CreateTempSubdirectory("workshopbot-backup-");
        var original = Path.Combine(folder.FullName, "running", "workshopbot.db");
        var restored = Path.Combine(folder.FullName, "fresh", "workshopbot.db");
        var backup = Path.Combine(folder.FullName, "copies", "workshopbot-backup.db");
        Directory.CreateDirectory(Path.GetDirectoryName(backup)!);
        StoredAudit audit;
        await using (var s = await WorkshopScenario.CreateAsync(o => o.Settings["Storage:SqlitePath"] = original))
        {
            audit = await StoredAudit.CreateAsync(s);

            var backedUp = BackupCommand.Run(["--out", backup, "--Storage:SqlitePath", original]);
            var refusedWhileRunning = RestoreCommand.Run(["--from", backup, "--Storage:SqlitePath", original]);
            var notOverwritten = BackupCommand.Run(["--out", backup, "--Storage:SqlitePath", original]);

            Assert.Equal(0, backedUp);
            Assert.Equal(RestoreCommand.BotRunning, refusedWhileRunning);
            Assert.Equal(BackupCommand.UsageError, notOverwritten);
            Assert.Equal(audit.Tally.Values.Sum(), (await audit.FindAsync(s.Host.Services)).Votes);
        }

        var restoredCode = RestoreCommand.Run(["--from", backup, "--Storage:SqlitePath", restored]);
        await using var fresh = await BotTestHost.StartAsync(o => o.Settings["Storage:SqlitePath"] = restored);
        var found = await audit.FindAsync(fresh.Services);
        var storedAudit = await TestStores.Audits(fresh.Services).GetAuditAsync(audit.AuditId, default);

        Assert.Equal(0, restoredCode);
        Assert.NotNull(storedAudit);
        Assert.Equal((5, audit.Tally.Values.Sum(), true, true), found);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(backup));
        }

        folder.Delete(recursive: true);
    }

    [Fact]
    public async Task RestoringOverAnExistingStoreKeepsTheReplacedDatabaseBesideIt()
    {
        var folder = Directory.CreateTempSubdirectory("workshopbot-restore-");
        var database = Path.Combine(folder.FullName, "workshopbot.db");
        var backup = Path.Combine(folder.FullName, "empty-backup.db");
        await using (var host = await BotTestHost.StartAsync(o => o.Settings["Storage:SqlitePath"] = database))
        {
            Assert.Equal(0, BackupCommand.Run(["--out", backup, "--Storage:SqlitePath", database]));
        }

        var code = RestoreCommand.Run(["--from", backup, "--Storage:SqlitePath", database]);

        Assert.Equal(0, code);
        Assert.Single(Directory.GetFiles(folder.FullName, "workshopbot.db.before-restore-*"));
        Assert.Equal(BackupCommand.UsageError, RestoreCommand.Run(["--from", Path.Combine(folder.FullName, "missing.db")]));
        folder.Delete(recursive: true);
    }
}
