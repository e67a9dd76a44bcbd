using System.Text;
using Dapper;
using WorkshopBot.Storage;

namespace WorkshopBot.Tests.Storage;

/// <summary>
/// On SQLite, pruning handled activity marks (which may hold the answer card, what someone wrote) and forgetting delivered
/// messages' payloads wipe the bytes they remove, as the retention purge does: once the log is emptied into the file, none
/// of that text is left in the file's free space. The files are read raw, as anyone holding a copy of the data folder could.
/// </summary>
public sealed class PruningLeavesNoBytesOnSqlite : IAsyncLifetime
{
    private const string Answer = "Health visitor noted bruising to the left forearm at the March home visit";

    private const string Payload = "Social worker recorded that the child was left alone overnight on two occasions";

    private TestStorage storage = null!;

    public async Task InitializeAsync() => storage = await TestStorage.CreateSqliteAsync();

    public async Task DisposeAsync() => await storage.DisposeAsync();

    [Fact]
    public async Task PrunedMarksAndForgottenPayloadsLeaveNoTextInTheFile()
    {
        var old = UnixTime.ToMs(TestStorage.DefaultStart.AddDays(-3));
        await using (var connection = await storage.OpenRawAsync())
        {
            // A mark as stored before answers were packed (its text readable), and a message delivered days ago.
            await connection.ExecuteAsync("""
                INSERT INTO processed_activities (conversation_id, activity_id, processed_at, response_status, response_json)
                VALUES ('a:1', 'act-1', @old, 200, @json)
                """, new { old, json = $"{{\"text\":\"{Answer}\"}}" });
            await connection.ExecuteAsync("""
                INSERT INTO outbox_messages (tenant_id, kind, service_url, conversation_id, payload_json, dedupe_key, status,
                    next_attempt_at, created_at, updated_at, completed_at)
                VALUES ('t', 'Send', 'https://smba.trafficmanager.net/uk/', 'a:1', @payload, 'probe', 'Sent', @old, @old, @old, @old)
                """, new { old, payload = $"{{\"text\":\"{Payload}\"}}" });
        }

        var checkpoint = storage.Get<IStoreCheckpoint>();
        Assert.True(await checkpoint.TruncateLogAsync(default));
        var path = storage.Get<StorageDatabase>().SqliteFilePath!;
        var before = RawText(path);

        var cutoff = TestStorage.DefaultStart.AddDays(-2);
        Assert.Equal(1, await storage.Get<IProcessedActivityStore>().PruneAsync(cutoff));
        Assert.Equal(1, await storage.Get<IOutboxStore>().ForgetContentAsync(cutoff));
        Assert.True(await checkpoint.TruncateLogAsync(default));
        var after = RawText(path);

        Assert.Contains(Answer, before, StringComparison.Ordinal);
        Assert.Contains(Payload, before, StringComparison.Ordinal);
        Assert.DoesNotContain(Answer, after, StringComparison.Ordinal);
        Assert.DoesNotContain(Payload, after, StringComparison.Ordinal);
        // Only the pruning paid for the wiping: a connection from the pool has it off again.
        await using var pooled = await storage.Get<StorageDatabase>().OpenAsync(default);
        Assert.False(await SecureDelete.IsOnAsync(pooled));
    }

    /// <summary>The database file and its log, byte for byte, read as Latin-1 (so every byte is one character).</summary>
    private static string RawText(string path) => string.Join('\n', new[] { path, path + "-wal" }.Where(File.Exists).Select(file =>
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return Encoding.Latin1.GetString(copy.ToArray());
    }));
}
