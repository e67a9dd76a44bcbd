using Microsoft.Data.Sqlite;

namespace WorkshopBot.Tests.Robustness;

/// <summary>
/// A cheap summary of everything the bot has stored in its SQLite file: per table, the row count and sums that move with
/// every insert or update (versions, timestamps, attempts). Equal before and after a set of requests means they stored
/// nothing.
/// </summary>
internal static class StoreFingerprint
{
    private static readonly (string Table, string Measures)[] Tables =
    [
        ("processed_activities", "count(*), total(processed_at)"),
        // New messages only: the background drainer goes on retrying earlier ones (attempts, updated_at) meanwhile.
        ("outbox_messages", "count(*), max(id)"),
        ("documents", "count(*), total(version), total(updated_at)"),
        ("audit_events", "count(*), max(id)"),
        ("conversations", "count(*), total(updated_at), total(active)"),
        ("workshop_participants", "count(*), total(joined_at)"),
        ("workshop_polls", "count(*), total(updated_at)"),
        ("workshop_votes", "count(*), total(dots), total(updated_at)"),
        ("workshop_vote_requests", "count(*), total(at)"),
    ];

    public static async Task<string> ReadAsync(string sqlitePath)
    {
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = sqlitePath,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString();
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        var parts = new List<string>();
        foreach (var (table, measures) in Tables)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {measures} FROM {table}";
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            var values = Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "-" : reader.GetValue(i).ToString());
            parts.Add($"{table} {string.Join(" ", values)}");
        }

        return string.Join("; ", parts);
    }
}
