using Microsoft.Data.Sqlite;
using WorkshopBot.Storage;

namespace WorkshopBot.Tests.Storage;

/// <summary>
/// The committer's kept SQLite connection runs a statement it has seen before on the same command (prepared once), with
/// each run's own values bound, nulls included, inside or outside a transaction; and a rolled-back run leaves nothing.
/// </summary>
public sealed class StoreCommandsRun : IAsyncLifetime
{
    private const string Insert = "INSERT INTO t (a, b) VALUES (@A, @B)";

    private readonly string _path = Path.Combine(Path.GetTempPath(), "workshopbot-cmd-" + Guid.NewGuid().ToString("N")[..12] + ".db");
    private PreparingSqliteConnection _connection = null!;

    public async Task InitializeAsync()
    {
        _connection = new PreparingSqliteConnection($"Data Source={_path};Pooling=False");
        await _connection.OpenAsync();
        await StoreCommands.ExecuteAsync(_connection, null, "CREATE TABLE t (a TEXT, b INTEGER)");
    }

    public async Task DisposeAsync()
    {
        await _connection.DisposeAsync();
        File.Delete(_path);
    }

    [Fact]
    public async Task AStatementSeenBeforeRunsOnTheSameCommandWithItsOwnValues()
    {
        await StoreCommands.ExecuteAsync(_connection, null, Insert, ("@A", "first"), ("@B", 1));
        var kept = _connection.Command(Insert);
        await using (var transaction = _connection.BeginTransaction())
        {
            await StoreCommands.ExecuteAsync(_connection, transaction, Insert, ("@A", null), ("@B", 2L));
            await transaction.CommitAsync();
        }

        await using (var transaction = _connection.BeginTransaction())
        {
            await StoreCommands.ExecuteAsync(_connection, transaction, Insert, ("@A", "rolled back"), ("@B", 3));
            await transaction.RollbackAsync();
        }

        Assert.Same(kept, _connection.Command(Insert));
        Assert.Equal(["first|1", "(null)|2"], await RowsAsync());
    }

    private async Task<List<string>> RowsAsync()
    {
        await using var command = _connection.CreateCommand();
        command.CommandText = "SELECT a, b FROM t ORDER BY b";
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.IsDBNull(0) ? "(null)" : reader.GetString(0)) + "|" + reader.GetInt64(1));
        }

        return rows;
    }
}
