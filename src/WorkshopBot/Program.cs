using WorkshopBot.Hosting;
using WorkshopBot.Operations.Backup;
using WorkshopBot.Operations.Erase;

return args switch
{
    ["package-manifest", ..] => ManifestCommand.Run(args[1..]),
    ["healthcheck", ..] => await HealthCheckCommand.RunAsync(args[1..]),
    ["backup", ..] => BackupCommand.Run(args[1..]),
    ["restore", ..] => RestoreCommand.Run(args[1..]),
    ["erase-tenant", ..] => await EraseTenantCommand.RunAsync(args[1..]),
    _ => await WorkshopBotHost.RunAsync(args),
};

/// <summary>Entry point; public so the integration tests' WebApplicationFactory can find it.</summary>
public partial class Program;
