using WorkshopBot.Hosting;

if (args is ["package-manifest", ..])
{
    return ManifestCommand.Run(args[1..]);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddWorkshopBot();

var app = builder.Build();
app.MapWorkshopBot();
await app.RunAsync();
return 0;

/// <summary>Entry point; public so the integration tests' WebApplicationFactory can find it.</summary>
public partial class Program;
