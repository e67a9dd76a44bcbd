using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace WorkshopBot.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers the stores for the provider chosen in section "Storage", options validation at start-up and a
    /// start-up step that applies schema migrations (<see cref="StorageOptions.MigrateOnStartup"/>).
    /// Outside a host, resolve <see cref="StorageMigrator"/> and call MigrateAsync yourself.
    /// </summary>
    public static IServiceCollection AddWorkshopBotStorage(this IServiceCollection services,
        IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<StorageOptions>()
            .Bind(configuration.GetSection(StorageOptions.SectionName))
            .PostConfigure(options =>
            {
                if (string.IsNullOrWhiteSpace(options.PostgresConnectionString))
                {
                    options.PostgresConnectionString = configuration.GetConnectionString("Postgres");
                }

                // Set by the platforms themselves; the host reads environment variables into configuration.
                options.AzureHost =
                    !string.IsNullOrWhiteSpace(configuration["WEBSITE_INSTANCE_ID"]) ? "Azure App Service (WEBSITE_INSTANCE_ID is set)"
                    : !string.IsNullOrWhiteSpace(configuration["CONTAINER_APP_NAME"]) ? "Azure Container Apps (CONTAINER_APP_NAME is set)"
                    : null;
            })
            .ValidateOnStart();
        services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>());

        services.TryAddSingleton(sp => StorageDatabase.Create(
            sp.GetRequiredService<IOptions<StorageOptions>>().Value,
            sp.GetService<IHostEnvironment>()?.ContentRootPath ?? Directory.GetCurrentDirectory(),
            sp.GetRequiredService<ILogger<StorageDatabase>>()));
        services.TryAddSingleton(sp => new StorageMigrator(sp.GetRequiredService<StorageDatabase>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<StorageMigrator>>()));
        services.TryAddSingleton<IConversationStore, SqlConversationStore>();
        services.TryAddSingleton<IProcessedActivityStore, SqlProcessedActivityStore>();
        services.TryAddSingleton<IOutboxStore, SqlOutboxStore>();
        services.TryAddSingleton<IDocumentStore, SqlDocumentStore>();
        services.TryAddSingleton<IAuditLog, SqlAuditLog>();
        services.TryAddSingleton(sp => GroupCommitWait.From(sp.GetRequiredService<IOptions<StorageOptions>>().Value));
        services.TryAddSingleton<StoreWrites>();
        services.TryAddSingleton<StoreWriteProbe>();
        services.TryAddSingleton<IDiskSpace, DriveDiskSpace>();
        services.TryAddSingleton<IStoreCommitter, SqlStoreCommitter>();
        services.TryAddSingleton<IStorageHealth, StorageHealth>();
        services.TryAddSingleton<IStoreCheckpoint, StoreCheckpoint>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, StorageMigrationHostedService>());
        return services;
    }
}
