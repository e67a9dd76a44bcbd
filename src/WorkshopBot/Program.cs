using WorkshopBot.Hosting;

return args switch
{
    ["package-manifest", ..] => ManifestCommand.Run(args[1..]),
    ["healthcheck", ..] => await HealthCheckCommand.RunAsync(args[1..]),
    _ => await WorkshopBotHost.RunAsync(args),
};

/// <summary>Entry point; public so the integration tests' WebApplicationFactory can find it.</summary>
public partial class Program;
