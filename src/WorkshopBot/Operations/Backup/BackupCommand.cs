using Microsoft.Data.Sqlite;
using WorkshopBot.Storage;

namespace WorkshopBot.Operations.Backup;

/// <summary>
/// <c>dotnet WorkshopBot.dll backup --out FILE [--force]</c>: a consistent copy of the SQLite store, taken with SQLite's
/// online backup API while the bot keeps running. The copy is one file, readable by its owner only: it holds the
/// link-signing key when none is configured, so treat it as a credential. PostgreSQL: use pg_dump (see the README).
/// </summary>
public static class BackupCommand
{
    public const int UsageError = 2;

    public static int Run(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var output = SqliteFiles.Option(args, "--out");
        if (string.IsNullOrWhiteSpace(output))
        {
            Console.Error.WriteLine("backup: say where to write the copy: backup --out FILE");
            return UsageError;
        }

        var (storage, contentRoot) = SqliteFiles.Settings(args);
        if (storage.ResolveProvider() == StorageProvider.Postgres)
        {
            Console.Error.WriteLine("backup: the store is PostgreSQL; back it up with pg_dump --format=custom (see the README).");
            return UsageError;
        }

        var source = storage.ResolveSqlitePath(contentRoot);
        var target = Path.GetFullPath(output);
        if (!File.Exists(source))
        {
            return OperatorStore.Fail("backup", OperatorStore.NoSqliteFile(source));
        }

        try
        {
            SqliteFiles.Schema(source);
        }
        catch (Exception ex) when (OperatorStore.Problem(ex, storage, contentRoot) is { } problem)
        {
            return OperatorStore.Fail("backup", problem);
        }

        if (File.Exists(target) && !args.Contains("--force"))
        {
            Console.Error.WriteLine($"backup: {target} exists; choose another name or add --force.");
            return UsageError;
        }

        var partial = target + ".partial";
        var failed = (string?)null;
        try
        {
            SqliteFiles.DeleteWithSidecars(partial);
            SqliteFiles.Copy(source, partial);
            SqliteFiles.PauseAfter(args, "backup")("copied");
            var (problem, version) = SqliteFiles.Check(partial);
            if (problem is not null)
            {
                Console.Error.WriteLine("backup: the copy failed its check: " + problem);
                return 1;
            }

            var summary = SqliteFiles.Summary(partial);
            File.Move(partial, target, overwrite: true);
            Console.WriteLine($"backup: {source} copied to {target} (schema {version}; {summary}).");
            Console.WriteLine(
                "backup: the copy may hold the link-signing key: keep it encrypted and readable only by WorkshopBot's operators.");
            return 0;
        }
        catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException)
        {
            failed = ex.Message.Split(" For more information", 2)[0].Trim().TrimEnd('.');
            return OperatorStore.Interrupted;
        }
        finally
        {
            var left = SqliteFiles.LeftAfterDeletingWithSidecars(partial);
            if (failed is not null)
            {
                // The copy is written under another name and renamed only once checked: a failure leaves no file that looks complete.
                Console.Error.WriteLine($"backup: the copy of {source} to {target} failed part-way ({failed}). No backup was written"
                    + (File.Exists(target) ? $"; {target} is the earlier file, unchanged" : $" to {target}")
                    + (left ? $", and the unfinished copy {partial} could not be removed: delete it" : "")
                    + ". Check that the folder has space and that this user may write to it, then run the command again.");
            }
        }
    }
}
