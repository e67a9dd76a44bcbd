using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Npgsql;
using WorkshopBot.Protocol.Auth;

namespace WorkshopBot.Tests.Storage;

/// <summary>
/// A throwaway PostgreSQL server for the whole test assembly (collection "Postgres"): initdb into a temp folder,
/// start on 127.0.0.1 with a free port, stop and delete on dispose. WORKSHOPBOT_TEST_POSTGRES (a connection string
/// with rights to create databases) uses an existing server instead; WORKSHOPBOT_PG_BIN names the bin folder.
/// Each test or class gets its own database from <see cref="CreateDatabaseAsync"/>.
/// </summary>
public sealed class PostgresServerFixture : IAsyncLifetime
{
    public const string BinariesNotFoundMessage =
        "PostgreSQL server binaries not found: apt-get install postgresql (or run .ci/run)";

    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(90);

    private readonly ConcurrentDictionary<string, bool> createdDatabases = new(StringComparer.Ordinal);
    private NpgsqlDataSource? admin;
    private string? rootDirectory;
    private string? dataDirectory;
    private string? binDirectory;
    private bool runAsPostgresUser;

    /// <summary>Connection string to the server's "postgres" database (superuser on the private server).</summary>
    public string AdminConnectionString { get; private set; } = "";

    /// <summary>
    /// Start the private server with PostgreSQL's own durability (fsync, synchronous commit, full page writes), as a
    /// production server runs. Tests leave it false: they never crash the server, and a server that does not flush its
    /// log to disk runs the suite faster. The votes benchmark sets it, so its figures are for votes a crash keeps.
    /// </summary>
    public bool Durable { get; init; }

    /// <summary>
    /// Load <c>pg_stat_statements</c> when the private server starts, so that a benchmark can read the server's own time
    /// in each statement (the votes benchmark's <c>--pg-statements</c>). Tests leave it false.
    /// </summary>
    public bool TrackStatements { get; init; }

    /// <summary>
    /// The C library's setting for the private server's processes (<c>GLIBC_TUNABLES</c>), or null for glibc's defaults.
    /// By default a backend keeps up to 32 MB of freed heap instead of handing it back after each statement: every index
    /// scan's working memory is a block of its own, a statement with several of them grows the heap past glibc's 128 KB
    /// trim threshold, and giving it back shrinks the heap (<c>brk</c>), which flushes the TLB of every core the backend
    /// ran on. On this project's VMs that took a third of the server's CPU in a votes burst. See the README's "PostgreSQL".
    /// </summary>
    public string? GlibcTunables { get; init; } = RecommendedGlibcTunables;

    /// <summary>What the README recommends for a PostgreSQL server on Linux with glibc: keep 32 MB of freed heap.</summary>
    public const string RecommendedGlibcTunables = "glibc.malloc.trim_threshold=33554432";

    /// <summary>
    /// The <c>GLIBC_TUNABLES</c> the running private server's postmaster has, read from its environment ("" when it has
    /// none), or null when that cannot be read (no server of its own, or another system than Linux).
    /// </summary>
    public string? ServerGlibcTunables()
    {
        try
        {
            var pidFile = Path.Combine(dataDirectory ?? "", "postmaster.pid");
            if (dataDirectory is null || !File.Exists(pidFile))
            {
                return null;
            }

            var pid = File.ReadLines(pidFile).First().Trim();
            var variables = File.ReadAllText($"/proc/{pid}/environ").Split('\0');
            const string prefix = "GLIBC_TUNABLES=";
            return variables.FirstOrDefault(v => v.StartsWith(prefix, StringComparison.Ordinal))?[prefix.Length..] ?? "";
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// Always start a server of its own, even with WORKSHOPBOT_TEST_POSTGRES set: for a test that stops and restarts the
    /// server (<see cref="StopServerAsync"/>), which must never be the shared one.
    /// </summary>
    public bool Private { get; init; }

    /// <summary>Stops the fixture's own server at once (<c>pg_ctl stop -m fast</c>: sessions are ended, nothing is lost).</summary>
    public async Task StopServerAsync()
    {
        if (!OwnsServer)
        {
            throw new InvalidOperationException("Only a server of the fixture's own may be stopped.");
        }

        await RunPostgresToolAsync("pg_ctl", ["-D", dataDirectory!, "-m", "fast", "-w", "stop"]);
    }

    /// <summary>Starts the fixture's own server again after <see cref="StopServerAsync"/>, on the same port.</summary>
    public async Task RestartServerAsync()
    {
        if (!OwnsServer)
        {
            throw new InvalidOperationException("Only a server of the fixture's own may be restarted.");
        }

        await StartOnAsync(new NpgsqlConnectionStringBuilder(AdminConnectionString).Port);
        await WaitUntilReadyAsync();
    }

    /// <summary>True when the fixture started its own server (false with WORKSHOPBOT_TEST_POSTGRES).</summary>
    public bool OwnsServer => dataDirectory is not null;

    public async Task InitializeAsync()
    {
        var external = Environment.GetEnvironmentVariable("WORKSHOPBOT_TEST_POSTGRES");
        if (!string.IsNullOrWhiteSpace(external) && !Private)
        {
            AdminConnectionString = external;
        }
        else
        {
            await StartPrivateServerAsync();
        }

        admin = NpgsqlDataSource.Create(AdminConnectionString);
        await WaitUntilReadyAsync();
    }

    /// <summary>
    /// The ICU locale of the databases made by <see cref="CreateCollatedDatabaseAsync"/> to test text
    /// ordering under a real collation, as a production server set up in English sorts: the private server itself is
    /// created with the C locale (byte order, as SQLite's), which would hide any ordering left to the database.
    /// </summary>
    public const string EnglishIcuLocale = "en-GB";

    /// <summary>Creates an empty database with a random name and returns a connection string to it.</summary>
    public Task<string> CreateDatabaseAsync(CancellationToken cancellationToken = default) =>
        CreateCollatedDatabaseAsync(null, cancellationToken);

    /// <summary>
    /// Creates an empty database with a random name whose default collation is the ICU locale <paramref name="icuLocale"/>
    /// (such as <see cref="EnglishIcuLocale"/>; the server's own when null), and returns a connection string to it. The
    /// same server serves both, so a collated database costs no more than another.
    /// </summary>
    public async Task<string> CreateCollatedDatabaseAsync(string? icuLocale, CancellationToken cancellationToken = default)
    {
        var name = "wb_test_" + Guid.NewGuid().ToString("N");
        var collated = icuLocale is null ? "" : $" TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE '{icuLocale.Replace("'", "''",
            StringComparison.Ordinal)}'";
        await using (var command = Admin.CreateCommand($"CREATE DATABASE \"{name}\"{collated}"))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        createdDatabases[name] = true;
        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ToString();
    }

    /// <summary>Drops a database made by <see cref="CreateDatabaseAsync"/>, closing its pooled connections.</summary>
    public async Task DropDatabaseAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database
            ?? throw new ArgumentException("The connection string names no database.", nameof(connectionString));
        if (!createdDatabases.TryRemove(name, out _))
        {
            throw new ArgumentException($"Database {name} was not created by this fixture.", nameof(connectionString));
        }

        await using (var connection = new NpgsqlConnection(connectionString))
        {
            NpgsqlConnection.ClearPool(connection);
        }

        await DropAsync(name, cancellationToken);
    }

    public async Task DisposeAsync()
    {
        try
        {
            if (!OwnsServer)
            {
                foreach (var name in createdDatabases.Keys)
                {
                    await DropAsync(name, CancellationToken.None);
                }
            }
        }
        finally
        {
            if (admin is not null)
            {
                await admin.DisposeAsync();
            }

            if (OwnsServer)
            {
                NpgsqlConnection.ClearAllPools();
                try
                {
                    await RunPostgresToolAsync("pg_ctl", ["-D", dataDirectory!, "-m", "immediate", "-w", "stop"]);
                }
                finally
                {
                    TryDeleteDirectory(rootDirectory!);
                }
            }
        }
    }

    private NpgsqlDataSource Admin =>
        admin ?? throw new InvalidOperationException("PostgresServerFixture has not been initialised.");

    private async Task DropAsync(string name, CancellationToken cancellationToken)
    {
        await using var command = Admin.CreateCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task StartPrivateServerAsync()
    {
        binDirectory = FindBinDirectory() ?? throw new InvalidOperationException(BinariesNotFoundMessage);
        runAsPostgresUser = Environment.IsPrivilegedProcess;

        // PostgreSQL refuses to run as root; as root the data folder must belong to the postgres user, and the
        // temp folder must be one that user can reach.
        var tempRoot = runAsPostgresUser ? "/tmp" : Path.GetTempPath();
        rootDirectory = Path.Combine(tempRoot, "workshopbot-pg-" + Guid.NewGuid().ToString("N")[..12]);
        var socketDirectory = Path.Combine(rootDirectory, "sock");
        Directory.CreateDirectory(socketDirectory);
        var data = Path.Combine(rootDirectory, "data");
        if (runAsPostgresUser)
        {
            await RunAsync("chown", ["-R", "postgres:postgres", rootDirectory]);
        }

        await RunPostgresToolAsync("initdb",
            ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"]);
        dataDirectory = data;

        for (var attempt = 1; ; attempt++)
        {
            var port = FindFreePort();
            try
            {
                await StartOnAsync(port);
                AdminConnectionString = new NpgsqlConnectionStringBuilder
                {
                    Host = "127.0.0.1",
                    Port = port,
                    Username = "postgres",
                    Database = "postgres",
                    Timeout = 30,
                }.ToString();
                return;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                // Another process took the port between probing and binding: try a new one.
            }
        }
    }

    private Task StartOnAsync(int port) => RunPostgresToolAsync("pg_ctl",
    [
        "-D", dataDirectory!, "-l", Path.Combine(rootDirectory!, "server.log"), "-w", "-t", "60", "-o",
        $"-c listen_addresses=127.0.0.1 -p {port} -k {Path.Combine(rootDirectory!, "sock")} -c max_connections=300"
            + (Durable ? "" : " -c fsync=off -c synchronous_commit=off -c full_page_writes=off")
            + (TrackStatements ? " -c shared_preload_libraries=pg_stat_statements" : ""),
        "start",
    ], new Dictionary<string, string?> { ["GLIBC_TUNABLES"] = GlibcTunables });

    private async Task WaitUntilReadyAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var command = Admin.CreateCommand("SELECT 1");
                await command.ExecuteScalarAsync();
                return;
            }
            catch (NpgsqlException) when (attempt < 50)
            {
                // The server accepts connections a moment after pg_ctl reports it started.
                await Task.Delay(200);
            }
        }
    }

    private static string? FindBinDirectory()
    {
        var overridden = Environment.GetEnvironmentVariable("WORKSHOPBOT_PG_BIN");
        if (!string.IsNullOrWhiteSpace(overridden))
        {
            return HasServerTools(overridden) ? overridden : null;
        }

        const string debianRoot = "/usr/lib/postgresql";
        if (!Directory.Exists(debianRoot))
        {
            return null;
        }

        return Directory.GetDirectories(debianRoot)
            .Select(versionDirectory => (Version: ParseMajor(Path.GetFileName(versionDirectory)),
                Bin: Path.Combine(versionDirectory, "bin")))
            .Where(candidate => HasServerTools(candidate.Bin))
            .OrderByDescending(candidate => candidate.Version)
            .Select(candidate => candidate.Bin)
            .FirstOrDefault();
    }

    private static int ParseMajor(string name) => int.TryParse(name, out var major) ? major : 0;

    private static bool HasServerTools(string bin) =>
        File.Exists(Path.Combine(bin, "initdb")) && File.Exists(Path.Combine(bin, "pg_ctl"));

    private static int FindFreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private Task RunPostgresToolAsync(
        string tool, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var executable = Path.Combine(binDirectory!, tool);
        // runuser without --login keeps the environment, so the server started by pg_ctl inherits GLIBC_TUNABLES.
        return runAsPostgresUser
            ? RunAsync("runuser", ["-u", "postgres", "--", executable, .. arguments], environment)
            : RunAsync(executable, arguments, environment);
    }

    /// <summary>Run a tool; <paramref name="environment"/> sets variables for it, a null value removing one.</summary>
    private async Task RunAsync(
        string fileName, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                startInfo.Environment.Remove(name);
            }
            else
            {
                startInfo.Environment[name] = value;
            }
        }

        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        var output = new StringBuilder();
        using var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(CommandTimeout);
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"'{fileName} {string.Join(' ', arguments)}' exited with {process.ExitCode}:\n{Snapshot(output)}{ServerLog()}");
        }
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static string Snapshot(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }

    private string ServerLog()
    {
        var log = rootDirectory is null ? null : Path.Combine(rootDirectory, "server.log");
        return log is not null && File.Exists(log) ? "\nserver.log:\n" + File.ReadAllText(log) : "";
    }

    private static void TryDeleteDirectory(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp folder must not fail the test run.
        }
        catch (UnauthorizedAccessException)
        {
            // Same as above.
        }
    }
}

/// <summary>Every class needing PostgreSQL joins this collection and shares one server.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServerFixture>
{
    public const string Name = "Postgres";
}
