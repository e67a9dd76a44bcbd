using Microsoft.Extensions.Options;
using WorkshopBot.Storage;

namespace WorkshopBot.Operations.Backup;

/// <summary>
/// While the bot runs on SQLite it holds a shared lock on <c>{database}.running</c> beside the database; <c>restore</c>
/// takes the same lock exclusively, so it refuses while any bot process uses that data folder. (On Linux and macOS
/// .NET takes the lock with flock; on Windows the open file itself cannot be opened exclusively.)
/// </summary>
public sealed class DataFolderLock(IOptions<StorageOptions> storage, IHostEnvironment environment) : IHostedService, IDisposable
{
    private FileStream? _held;

    public static string PathFor(string sqlitePath) => sqlitePath + ".running";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var options = storage.Value;
        if (options.ResolveProvider() == StorageProvider.Sqlite)
        {
            _held = Open(PathFor(options.ResolveSqlitePath(environment.ContentRootPath)), FileShare.ReadWrite);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _held?.Dispose();
        _held = null;
    }

    /// <summary>Opens the lock file: shared (a running bot) or exclusive (a restore). Throws IOException when taken.</summary>
    public static FileStream Open(string path, FileShare share) =>
        new(path, FileMode.OpenOrCreate, share == FileShare.None ? FileAccess.ReadWrite : FileAccess.Read, share);
}
