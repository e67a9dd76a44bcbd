using Dapper;
using Microsoft.Data.Sqlite;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Robustness;

/// <summary>
/// A cheap summary of everything the bot has stored (SQLite or PostgreSQL): per table, the row count and sums that move
/// with every insert or update (versions, timestamps, attempts). Equal before and after a set of requests means they
/// stored nothing.
/// </summary>
internal static class StoreFingerprint
{
    private static readonly (string Table, string Measures)[] Tables =
    [
        ("processed_activities", "COUNT(*), COALESCE(SUM(processed_at), 0)"),
        // New messages only: the background drainer goes on retrying earlier ones (attempts, updated_at) meanwhile.
        ("outbox_messages", "COUNT(*), MAX(id)"),
        ("documents", "COUNT(*), COALESCE(SUM(version), 0), COALESCE(SUM(updated_at), 0)"),
        ("audit_events", "COUNT(*), MAX(id)"),
        ("conversations", "COUNT(*), COALESCE(SUM(updated_at), 0), SUM(CASE WHEN active THEN 1 ELSE 0 END)"),
        ("workshop_participants", "COUNT(*), COALESCE(SUM(joined_at), 0)"),
        ("workshop_polls", "COUNT(*), COALESCE(SUM(updated_at), 0)"),
        // A voter's row holds their ballot: a vote moves its version and time.
        ("workshop_voters", "COUNT(*), COALESCE(SUM(dots), 0), COALESCE(SUM(version), 0), COALESCE(SUM(updated_at), 0)"),
        ("workshop_vote_requests", "COUNT(*), COALESCE(SUM(at), 0)"),
    ];

    public static async Task<string> ReadAsync(BotTestHost host)
    {
        var database = host.Get<StorageDatabase>();
        if (database.SqliteFilePath is not { } sqlitePath)
        {
            await using var connection = await database.OpenAsync(CancellationToken.None);
            return await ReadAsync(connection);
        }

        // SQLite: a read-only connection of its own, outside the bot's pool.
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = sqlitePath,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString();
        await using var sqlite = new SqliteConnection(connectionString);
        await sqlite.OpenAsync();
        return await ReadAsync(sqlite);
    }

    private static async Task<string> ReadAsync(System.Data.Common.DbConnection connection)
    {
        var parts = new List<string>();
        foreach (var (table, measures) in Tables)
        {
            await using var reader = await connection.ExecuteReaderAsync($"SELECT {measures} FROM {table}");
            await reader.ReadAsync();
            var values = Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "-" : reader.GetValue(i).ToString());
            parts.Add($"{table} {string.Join(" ", values)}");
        }

        return string.Join("; ", parts);
    }
}
