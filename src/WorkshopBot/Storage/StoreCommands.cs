using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace WorkshopBot.Storage;

/// <summary>
/// The group commit's SQLite connection. The SQLite driver keeps a statement prepared only as long as the same command
/// object runs on the same open connection, so the committer keeps this one connection open between its batches and
/// keeps one command per SQL text on it: the vote path's statements are compiled once, not once per vote. Only the
/// committer's leader (one batch at a time) uses it.
/// </summary>
internal sealed class PreparingSqliteConnection(string connectionString) : SqliteConnection(connectionString)
{
    /// <summary>More distinct statements than this and the kept commands are dropped and prepared again.</summary>
    public const int MaxCommands = 64;

    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    /// <summary>The command kept for <paramref name="sql"/> (created on first use; its parameters stay bound by name).</summary>
    public SqliteCommand Command(string sql)
    {
        if (_commands.TryGetValue(sql, out var command))
        {
            return command;
        }

        if (_commands.Count >= MaxCommands)
        {
            DropCommands();
        }

        command = CreateCommand();
        command.CommandText = sql;
        _commands[sql] = command;
        return command;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            DropCommands();
        }

        base.Dispose(disposing);
    }

    private void DropCommands()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
    }
}

/// <summary>
/// Runs one statement of a commit with named parameters (<c>@Name</c> in the SQL, <c>"@Name"</c> here). On the
/// committer's SQLite connection the statement stays prepared between runs (<see cref="PreparingSqliteConnection"/>);
/// elsewhere (PostgreSQL, whose driver prepares repeated statements itself, or any other connection) it is a new command.
/// </summary>
internal static class StoreCommands
{
    public static async Task<int> ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql,
        params (string Name, object? Value)[] parameters)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(parameters);
        var (command, kept) = CommandFor(connection, sql);
        try
        {
            command.Transaction = transaction;
            Bind(command, parameters);
            return await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        }
        finally
        {
            if (!kept)
            {
                await command.DisposeAsync().ConfigureAwait(false);
            }
            else
            {
                command.Transaction = null;
            }
        }
    }

    /// <summary>
    /// The command for <paramref name="sql"/>: the one kept on a <see cref="PreparingSqliteConnection"/> (prepared
    /// already after its first run; not to be disposed), or a new one that the caller disposes.
    /// </summary>
    public static (DbCommand Command, bool Kept) CommandFor(DbConnection connection, string sql)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (connection is PreparingSqliteConnection preparing)
        {
            return (preparing.Command(sql), true);
        }

        var command = connection.CreateCommand();
        command.CommandText = sql;
        return (command, false);
    }

    /// <summary>Sets the named parameters, reusing those a kept command already has.</summary>
    public static void Bind(DbCommand command, params (string Name, object? Value)[] parameters)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(parameters);
        foreach (var (name, value) in parameters)
        {
            var index = command.Parameters.IndexOf(name);
            var parameter = index >= 0 ? command.Parameters[index] : command.CreateParameter();
            if (index < 0)
            {
                parameter.ParameterName = name;
                command.Parameters.Add(parameter);
            }

            parameter.Value = value ?? DBNull.Value;
        }
    }
}
