using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using WorkshopBot.Cards;
using WorkshopBot.Storage;

namespace WorkshopBot.Tests.Storage;

public sealed class StorageRegistration
{
    [Fact]
    public void UnknownProviderFailsWithClearMessage()
    {
        using var services = Build(new() { ["Storage:Provider"] = "Mongo" });

        var error = Assert.Throws<OptionsValidationException>(
            () => services.GetRequiredService<IOptions<StorageOptions>>().Value);

        Assert.Contains("Storage:Provider 'Mongo' is not supported", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PostgresWithoutConnectionStringFailsWithClearMessage()
    {
        using var services = Build(new() { ["Storage:Provider"] = "Postgres" });

        var error = Assert.Throws<OptionsValidationException>(
            () => services.GetRequiredService<IOptions<StorageOptions>>().Value);

        Assert.Contains("ConnectionStrings:Postgres", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MalformedPostgresConnectionStringFailsWithClearMessage()
    {
        using var services = Build(new()
        {
            ["Storage:Provider"] = "Postgres",
            ["Storage:PostgresConnectionString"] = "Hostess=nowhere",
        });

        var error = Assert.Throws<OptionsValidationException>(
            () => services.GetRequiredService<IOptions<StorageOptions>>().Value);

        Assert.Contains("not a valid PostgreSQL connection string", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ConnectionStringsPostgresIsAcceptedAsFallback()
    {
        using var services = Build(new()
        {
            ["Storage:Provider"] = "postgres",
            ["ConnectionStrings:Postgres"] = "Host=db.internal;Database=workshopbot;Username=bot;SSL Mode=VerifyFull",
        });

        var options = services.GetRequiredService<IOptions<StorageOptions>>().Value;

        Assert.Equal("Host=db.internal;Database=workshopbot;Username=bot;SSL Mode=VerifyFull", options.PostgresConnectionString);
    }

    [Fact]
    public void DefaultsAreSqliteUnderDataFolder()
    {
        using var services = Build([]);

        var options = services.GetRequiredService<IOptions<StorageOptions>>().Value;

        Assert.Equal("Sqlite", options.Provider);
        Assert.Equal("data", options.DataFolder);
        Assert.Equal("workshopbot.db", options.SqlitePath);
        Assert.True(options.MigrateOnStartup);
    }

    [Fact]
    public async Task HostStartCreatesSqliteFileUnderContentRootAndMigrates()
    {
        var contentRoot = Path.Combine(Path.GetTempPath(), "workshopbot-host-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(contentRoot);
        try
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
            {
                ContentRootPath = contentRoot,
                DisableDefaults = true,
            });
            builder.Services.AddWorkshopBotStorage(builder.Configuration);
            using (var host = builder.Build())
            {
                await host.StartAsync();
                var migrator = host.Services.GetRequiredService<StorageMigrator>();
                Assert.Equal(migrator.Migrations.Select(m => m.Version), await migrator.GetAppliedVersionsAsync());
                await host.StopAsync();
            }

            Assert.True(File.Exists(Path.Combine(contentRoot, "data", "workshopbot.db")));
        }
        finally
        {
            Directory.Delete(contentRoot, recursive: true);
        }
    }

    [Fact]
    public async Task HostStartFailsOnInvalidConfiguration()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:Provider"] = "Oracle" });
        builder.Services.AddWorkshopBotStorage(builder.Configuration);
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("'Oracle' is not supported", error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddWorkshopBotStorage(configuration).BuildServiceProvider();
    }
}
