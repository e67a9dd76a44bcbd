using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace WorkshopBot.Storage;

/// <summary>
/// Migrates the schema in <see cref="IHostedLifecycleService.StartingAsync"/>, which runs before any hosted
/// service's StartAsync, so background workers (the outbox drainer) never see an old schema; with migrations off, fails
/// the start when the store is behind (<see cref="StorageMigrator.EnsureCurrentAsync"/>).
/// </summary>
internal sealed class StorageMigrationHostedService(StorageMigrator migrator, IOptions<StorageOptions> options)
    : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        if (options.Value.MigrateOnStartup)
        {
            await migrator.MigrateAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            // Not migrating is an operator's choice (migrations run by a release step); running on an older schema is not.
            await migrator.EnsureCurrentAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
