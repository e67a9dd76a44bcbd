using Microsoft.Data.Sqlite;
using WorkshopBot.Storage;

namespace WorkshopBot.Operations.Backup;

/// <summary>
/// <c>dotnet WorkshopBot.dll restore --from FILE</c>: puts a backup back as the bot's SQLite store. Refuses while a bot
/// runs on that data folder (stop it first: a running bot would keep writing to the file being replaced). The database
/// it replaces is kept beside it as <c>{database}.before-restore-{time}</c>. An older backup is brought up to date by
/// the bot's migrations when it starts; a backup from a newer version is refused.
/// </summary>
public static class RestoreCommand
{
    public const int BotRunning = 3;

    public static int Run(string[] args, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        var from = SqliteFiles.Option(args, "--from");
        if (string.IsNullOrWhiteSpace(from) || !File.Exists(from))
        {
            Console.Error.WriteLine("restore: name an existing backup file: restore --from FILE");
            return BackupCommand.UsageError;
        }

        var (storage, contentRoot) = SqliteFiles.Settings(args);
        if (storage.ResolveProvider() == StorageProvider.Postgres)
        {
            Console.Error.WriteLine("restore: the store is PostgreSQL; restore it with pg_restore (see the README).");
            return BackupCommand.UsageError;
        }

        var backup = Path.GetFullPath(from);
        string? problem;
        int version;
        try
        {
            (problem, version) = SqliteFiles.Check(backup);
        }
        catch (SqliteException ex)
        {
            (problem, version) = ($"{backup} could not be read ({ex.Message.Split(" For more information", 2)[0].Trim().TrimEnd('.')}): "
                + "check that this user may read it.", 0);
        }

        var known = StorageMigrator.LoadMigrations(StorageProvider.Sqlite).Max(m => m.Version);
        if (problem is not null || version > known)
        {
            Console.Error.WriteLine("restore: "
                + (problem ?? $"{backup} comes from a newer WorkshopBot (schema {version}; this one knows {known})."));
            return BackupCommand.UsageError;
        }

        var target = storage.ResolveSqlitePath(contentRoot);
        FileStream running;
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        }
        catch (Exception ex) when (OperatorStore.Problem(ex, storage, contentRoot) is { } unusable)
        {
            return OperatorStore.Fail("restore", unusable);
        }

        try
        {
            running = DataFolderLock.Open(DataFolderLock.PathFor(target), FileShare.None);
        }
        catch (IOException)
        {
            Console.Error.WriteLine($"restore: WorkshopBot is running on {target}; stop it first, then restore.");
            return BotRunning;
        }
        catch (UnauthorizedAccessException ex) when (OperatorStore.Problem(ex, storage, contentRoot) is { } unusable)
        {
            return OperatorStore.Fail("restore", unusable);
        }

        using (running)
        {
            return Replace(backup, target, version, (time ?? TimeProvider.System).GetUtcNow(), SqliteFiles.PauseAfter(args, "restore"));
        }
    }

    /// <summary>
    /// Copies the backup in beside the database first (<c>{database}.restoring</c>) and checks that copy as the backup was
    /// checked, keeps the database it replaces, then puts the copy in its place with one rename over it; a failure before that
    /// rename leaves the database as it was, and running the same restore again finishes it.
    /// </summary>
    /// <param name="pauseAfter">Called with "checked", "copied" and "kept" as the restore reaches them (tests fail a file there).</param>
    private static int Replace(string backup, string target, int version, DateTimeOffset now, Action<string> pauseAfter)
    {
        var incoming = target + ".restoring";
        string? kept = null;
        var replaced = false;
        try
        {
            SqliteConnection.ClearAllPools();
            pauseAfter("checked");
            SqliteFiles.DeleteWithSidecars(incoming);
            SqliteFiles.Copy(backup, incoming);
            pauseAfter("copied");

            // A copy cut short by a failing disk would otherwise take the database's place.
            var (damaged, copied) = SqliteFiles.Check(incoming);
            if (damaged is not null || copied != version)
            {
                throw new IOException($"the copy failed its check: {damaged ?? $"{incoming} has schema {copied}, the backup {version}."}");
            }

            if (File.Exists(target))
            {
                kept = $"{target}.before-restore-{now:yyyyMMddHHmmss}";
                SqliteFiles.Copy(target, kept);
            }

            pauseAfter("kept");

            // No -wal or -journal of the replaced database may stay beside the copy: SQLite would read it into the copy. The
            // database itself stays until the rename replaces it, so a rename that fails leaves it as it was.
            SqliteFiles.WriteBackJournal(target);
            SqliteFiles.DeleteSidecars(target);
            File.Move(incoming, target, overwrite: true);
            replaced = true;
            if (kept is not null)
            {
                Console.WriteLine($"restore: the database it replaced is kept as {kept}.");
            }

            Console.WriteLine(
                $"restore: {backup} restored to {target} (schema {version}; {SqliteFiles.Summary(target)}). Start WorkshopBot.");
            return 0;
        }
        catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException)
        {
            var reason = ex.Message.Split(" For more information", 2)[0].Trim().TrimEnd('.');
            var left = SqliteFiles.LeftAfterDeletingWithSidecars(incoming) ? $" (delete the unfinished copy {incoming})" : "";
            if (!replaced && kept is not null)
            {
                // The database is still there, so its kept copy (perhaps cut short, and looking like a database) goes.
                left += SqliteFiles.LeftAfterDeletingWithSidecars(kept) ? $" (delete the copy {kept})" : "";
            }

            Console.Error.WriteLine($"restore: restoring {backup} to {target} failed part-way ({reason}). " + (replaced
                ? $"{target} holds the restored copy, but it could not be read back: check the disk before starting WorkshopBot."
                : $"Nothing was restored: {target} is as it was{left}. Check that the backup file is there and readable, and the "
                    + "space and permissions of the database's folder, then run the same restore again."));
            return OperatorStore.Interrupted;
        }
    }
}
