using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Storage;

/// <summary>
/// The real storage registration (<c>AddWorkshopBotStorage</c>) over a fresh database: a SQLite file in a temp
/// folder or a new database on the shared PostgreSQL server. Reusable by integration tests and benchmarks.
/// </summary>
public sealed class TestStorage : IAsyncDisposable
{
    public static readonly DateTimeOffset DefaultStart = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private readonly Dictionary<string, string?> settings;
    private readonly Func<Task> cleanup;
    private readonly List<ServiceProvider> providers = [];

    private TestStorage(StorageProvider provider, Dictionary<string, string?> settings, Func<Task> cleanup)
    {
        Provider = provider;
        this.settings = settings;
        this.cleanup = cleanup;
        Services = CreateInstance();
    }

    public StorageProvider Provider { get; }

    public ManualTimeProvider Clock { get; } = new(DefaultStart);

    public ServiceProvider Services { get; }

    /// <summary>Configuration keys and values this storage was built from (e.g. for a WebApplicationFactory).</summary>
    public IReadOnlyDictionary<string, string?> Settings => settings;

    /// <param name="migrate">Whether the schema is migrated before the storage is handed over.</param>
    /// <param name="more">Further settings (keys such as "Storage:LogCheckpointMs").</param>
    public static async Task<TestStorage> CreateSqliteAsync(bool migrate = true, IReadOnlyDictionary<string, string?>? more = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "workshopbot-sqlite-" + Guid.NewGuid().ToString("N")[..12]);
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Sqlite",
            ["Storage:SqlitePath"] = Path.Combine(folder, "workshopbot.db"),
        };
        foreach (var (key, value) in more ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var storage = new TestStorage(StorageProvider.Sqlite, settings, () =>
        {
            Directory.Delete(folder, recursive: true);
            return Task.CompletedTask;
        });
        return await storage.MigratedIfAsync(migrate);
    }

    /// <param name="icuLocale">The database's ICU collation (see <see cref="PostgresServerFixture.EnglishIcuLocale"/>); the
    /// server's C locale when null.</param>
    public static async Task<TestStorage> CreatePostgresAsync(PostgresServerFixture server, bool migrate = true,
        string? icuLocale = null)
    {
        ArgumentNullException.ThrowIfNull(server);
        var connectionString = await server.CreateCollatedDatabaseAsync(icuLocale);
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Postgres",
            ["Storage:PostgresConnectionString"] = connectionString,
        };
        var storage = new TestStorage(StorageProvider.Postgres, settings,
            () => server.DropDatabaseAsync(connectionString));
        return await storage.MigratedIfAsync(migrate);
    }

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    /// <summary>Another service provider on the same database, as a second instance of the bot would be.</summary>
    public ServiceProvider CreateInstance()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Clock);
        services.AddWorkshopBotStorage(configuration);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        providers.Add(provider);
        return provider;
    }

    /// <summary>Runs SQL outside the stores, as an operator or a bug would.</summary>
    public async Task<int> ExecuteRawAsync(string sql, object? args = null)
    {
        await using var connection = await OpenRawAsync();
        return await connection.ExecuteAsync(sql, args);
    }

    public async Task<T?> QueryScalarAsync<T>(string sql, object? args = null)
    {
        await using var connection = await OpenRawAsync();
        return await connection.ExecuteScalarAsync<T>(sql, args);
    }

    public Task<DbConnection> OpenRawAsync() => Get<StorageDatabase>().OpenAsync(CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        foreach (var provider in providers)
        {
            await provider.DisposeAsync();
        }

        await cleanup();
    }

    private async Task<TestStorage> MigratedIfAsync(bool migrate)
    {
        if (migrate)
        {
            await Get<StorageMigrator>().MigrateAsync();
        }

        return this;
    }
}
