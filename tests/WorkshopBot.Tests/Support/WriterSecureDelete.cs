using WorkshopBot.Storage;

namespace WorkshopBot.Tests.Support;

/// <summary>
/// Whether the connection every commit (votes among them) runs on has SQLite's secure_delete on: a purge, a prune or the
/// identifier sweep turns it on for its own statements only, so afterwards it must be back off.
/// </summary>
internal static class WriterSecureDelete
{
    public static async Task<bool> IsOnAsync(BotTestHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var database = host.Get<StorageDatabase>();
        var writer = await database.OpenWriterAsync(default);
        try
        {
            return await SecureDelete.IsOnAsync(writer);
        }
        finally
        {
            await database.ReleaseWriterAsync(writer, broken: false);
        }
    }
}
