using System.Net;
using System.Net.Sockets;
using Npgsql;
using WorkshopBot.Operations;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Storage;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Operations;

/// <summary>
/// The operator's commands that open the store (<c>erase-tenant</c>, <c>backup</c>, <c>restore</c>), run as the operator runs
/// them (<c>dotnet WorkshopBot.dll ...</c> in a process of their own) on a store they cannot open: one line saying what failed
/// and what to check, exit code <see cref="OperatorStore.Unavailable"/>, no stack trace, never the password, nothing changed.
/// </summary>
public sealed class OperatorCommandsWithoutTheirStore : IDisposable
{
    private const string Tenant = "9a8b7c6d-0000-4000-8000-00000000e2a5";
    private const string Password = "pg-secret-operator-7";
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("workshopbot-operator-");

    [Fact]
    public async Task EraseTenantOnAPortNothingListensOnNamesTheHostAndPortButNotThePassword()
    {
        var port = ClosedPort();

        var (exit, output) = await RunAsync("erase-tenant", "--tenant", Tenant, "--confirm", Tenant,
            "--Storage:Provider", "Postgres", "--Storage:PostgresConnectionString",
            $"Host=127.0.0.1;Port={port};Database=partnership;Username=bot;Password={Password};Timeout=3");

        AssertOneLine(exit, output, $"erase-tenant: PostgreSQL host 127.0.0.1:{port}, database partnership, did not answer");
        Assert.Contains("check that PostgreSQL runs at that host and port", output, StringComparison.Ordinal);
    }

    public static TheoryData<string> Commands => ["erase-tenant", "backup", "restore"];

    /// <summary>erase-tenant and backup read the file; restore writes beside it, into a "folder" that is a file.</summary>
    [Theory]
    [MemberData(nameof(Commands))]
    public async Task ACommandOnASqliteFileItCannotUseSaysWhichAndWhatToCheck(string command)
    {
        var notADatabase = Path.Combine(_folder.FullName, "workshopbot.db");
        await File.WriteAllTextAsync(notADatabase, "not a database");
        var backup = Path.Combine(_folder.FullName, "backup.db");
        string[] args = command switch
        {
            "erase-tenant" => ["--tenant", Tenant, "--confirm", Tenant, "--Storage:SqlitePath", notADatabase],
            "backup" => ["--out", backup, "--Storage:SqlitePath", notADatabase],
            _ => ["--from", await EmptyBackupAsync(), "--Storage:SqlitePath", Path.Combine(notADatabase, "workshopbot.db")],
        };

        var (exit, output) = await RunAsync(command, args);

        AssertOneLine(exit, output, command == "restore"
            ? $"restore: the folder of the SQLite database {Path.Combine(notADatabase, "workshopbot.db")} could not be used"
            : $"{command}: {notADatabase} is not a SQLite database: check Storage:DataFolder and Storage:SqlitePath.");
        Assert.Equal("not a database", await File.ReadAllTextAsync(notADatabase));
        Assert.False(File.Exists(backup));
    }

    [Fact]
    public async Task EraseTenantOnAFileThatIsNotThereSaysSoAndCreatesNothing()
    {
        var missing = Path.Combine(_folder.FullName, "no-such-folder", "workshopbot.db");

        var (exit, output) = await RunAsync("erase-tenant", "--tenant", Tenant, "--Storage:SqlitePath", missing);

        AssertOneLine(exit, output, $"erase-tenant: there is no database at {missing}");
        Assert.False(Directory.Exists(Path.GetDirectoryName(missing)));
    }

    [Fact]
    public void ARefusedSignInNamesTheUserButNotThePassword()
    {
        var storage = new StorageOptions
        {
            Provider = StorageOptions.PostgresProviderName,
            PostgresConnectionString = $"Host=db.internal;Port=6432;Database=partnership;Username=bot;Password={Password}",
        };
        var refused = new PostgresException("password authentication failed for user \"bot\"", "FATAL", "FATAL",
            PostgresErrorCodes.InvalidPassword);

        var line = OperatorStore.Problem(refused, storage, _folder.FullName);

        Assert.NotNull(line);
        Assert.StartsWith("PostgreSQL host db.internal:6432, database partnership, refused to sign in user bot", line,
            StringComparison.Ordinal);
        Assert.DoesNotContain(Password, line, StringComparison.Ordinal);
        Assert.Null(OperatorStore.Problem(new InvalidOperationException("a defect"), storage, _folder.FullName));
    }

    /// <summary>
    /// Rows stored by turns with no tenant (development mode) belong to no organisation: the dry run and the erase say how
    /// many there are and how they go, and leave them.
    /// </summary>
    [Fact]
    public async Task EraseTenantSaysHowManyRowsNameNoOrganisationAndLeavesThem()
    {
        var database = Path.Combine(_folder.FullName, "development", "workshopbot.db");
        await using (await BotTestHost.StartAsync(o => o.Settings["Storage:SqlitePath"] = database))
        {
        }

        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={database};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var insert = connection.CreateCommand();
            insert.CommandText = """
                INSERT INTO conversations (conversation_id, service_url, tenant_id, channel_id, kind, bot_id, active, updated_at)
                VALUES ('a:development-chat', 'http://localhost:56150/', NULL, 'msteams', 'personal', 'bot', 1, 0);
                INSERT INTO processed_activities (conversation_id, activity_id, processed_at)
                VALUES ('a:development-chat', 'activity-1', 0), ('a:development-chat', 'activity-2', 0);
                """;
            await insert.ExecuteNonQueryAsync();
        }

        string[] store = ["--tenant", Tenant, "--Storage:SqlitePath", database, "--WorkshopBot:AllowedTenants:0", BotTestHost.TenantId];
        var (dryRun, dryOutput) = await RunAsync("erase-tenant", store);
        var (erase, eraseOutput) = await RunAsync("erase-tenant", [.. store, "--confirm", Tenant]);

        Assert.True((dryRun, erase) == (0, 0), dryOutput + eraseOutput);
        const string Said = "the store also holds rows that name no organisation, which no erase removes: conversation references 1, "
            + "processed-activity records 2.";
        Assert.Contains(Said, dryOutput, StringComparison.Ordinal);
        Assert.Contains(Said, eraseOutput, StringComparison.Ordinal);
        Assert.Contains("development mode", eraseOutput, StringComparison.Ordinal);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={database};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var count = connection.CreateCommand();
            count.CommandText = "SELECT COUNT(*) FROM processed_activities WHERE conversation_id = 'a:development-chat'";
            Assert.Equal(2L, await count.ExecuteScalarAsync());
        }
    }

    /// <summary>
    /// The backup's target folder fails under it (here: the unfinished copy's journal cannot be removed, being a folder): one
    /// line saying no backup was written and what to delete, exit code <see cref="OperatorStore.Interrupted"/>, no stack
    /// trace, and no file at the target that looks like a backup.
    /// </summary>
    [Fact]
    public async Task ABackupWhoseTargetFolderFailsSaysNoBackupWasWrittenAndLeavesNoFileThatLooksComplete()
    {
        var database = Path.Combine(_folder.FullName, "fresh", "workshopbot.db");
        await using (await BotTestHost.StartAsync(o => o.Settings["Storage:SqlitePath"] = database))
        {
        }

        var target = Path.Combine(_folder.FullName, "backups", "workshopbot-backup.db");
        Directory.CreateDirectory(Path.Combine(target + ".partial-journal", "in-the-way"));

        var (exit, output) = await RunAsync("backup", "--out", target, "--Storage:SqlitePath", database);

        var errors = output.Split('\n').Where(l => l.StartsWith("err: ", StringComparison.Ordinal)).ToList();
        Assert.True(exit == OperatorStore.Interrupted && errors.Count == 1, $"exit {exit}:\n{output}");
        Assert.StartsWith($"err: backup: the copy of {database} to {target} failed part-way (", errors[0], StringComparison.Ordinal);
        Assert.Contains($"No backup was written to {target}, and the unfinished copy {target}.partial could not be removed: delete it.",
            errors[0], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        Assert.False(File.Exists(target));
    }

    public void Dispose() => _folder.Delete(recursive: true);

    /// <summary>The command as the operator runs it; its output with standard error's lines marked "err: ".</summary>
    internal static async Task<(int Exit, string Output)> RunAsync(string command, params string[] args)
    {
        await using var process = BotProcess.Start(Path.GetTempPath(), new Dictionary<string, string?>(), [command, .. args]);
        var exit = await process.WaitForExitAsync();
        return (exit, process.Output);
    }

    internal static void AssertOneLine(int exit, string output, string expected)
    {
        var errors = output.Split('\n').Where(l => l.StartsWith("err: ", StringComparison.Ordinal)).ToList();
        Assert.True(exit == OperatorStore.Unavailable, $"exit {exit}:\n{output}");
        Assert.True(errors.Count == 1, output);
        Assert.StartsWith("err: " + expected, errors[0], StringComparison.Ordinal);
        Assert.EndsWith(" Nothing was changed.", errors[0], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, output, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", output, StringComparison.Ordinal);
    }

    private static int ClosedPort()
    {
        using var closed = new TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var port = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        return port;
    }

    /// <summary>A valid backup of an empty, migrated store (made by the backup command from a fresh bot's file).</summary>
    private async Task<string> EmptyBackupAsync()
    {
        var database = Path.Combine(_folder.FullName, "fresh", "workshopbot.db");
        await using (await BotTestHost.StartAsync(o => o.Settings["Storage:SqlitePath"] = database))
        {
        }

        var copy = Path.Combine(_folder.FullName, "empty-backup.db");
        Assert.Equal(0, WorkshopBot.Operations.Backup.BackupCommand.Run(["--out", copy, "--Storage:SqlitePath", database]));
        return copy;
    }
}

/// <summary>On a real PostgreSQL server: a database that is not there is named, with what to check.</summary>
[Collection(PostgresCollection.Name)]
public sealed class OperatorCommandsWithoutTheirPostgresDatabase(PostgresServerFixture server)
{
    [Fact]
    public async Task EraseTenantOnADatabaseThatIsNotThereNamesIt()
    {
        var missing = "wb_missing_" + Guid.NewGuid().ToString("N");
        var connection = new NpgsqlConnectionStringBuilder(server.AdminConnectionString) { Database = missing };

        var (exit, output) = await OperatorCommandsWithoutTheirStore.RunAsync("erase-tenant", "--tenant",
            "9a8b7c6d-0000-4000-8000-00000000e2a5", "--Storage:Provider", "Postgres",
            "--Storage:PostgresConnectionString", connection.ToString());

        OperatorCommandsWithoutTheirStore.AssertOneLine(exit, output,
            $"erase-tenant: PostgreSQL host {connection.Host}:{connection.Port} has no database {missing}: check the Database");
    }
}
