using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace WorkshopBot.Tests.Support;

internal static class LoopbackServer
{
    /// <summary>
    /// A slim host for a test double (fake Teams, token endpoints): its own folder as content root, settings read once.
    /// The default, the working folder watched for appsettings changes, put an inotify watch on every folder under it:
    /// run from /tmp, every file write of the bot's SQLite or the PostgreSQL server there went through the watch and woke
    /// the double's watcher threads (about a tenth of the bot's CPU in the votes benchmark, counted against the bot).
    /// </summary>
    public static WebApplicationBuilder SlimBuilder() => WebApplication.CreateSlimBuilder(new WebApplicationOptions
    {
        Args = ["--hostBuilder:reloadConfigOnChange=false"],
        ContentRootPath = AppContext.BaseDirectory,
    });

    /// <summary>The started app's first address with a trailing slash, e.g. http://127.0.0.1:41234/.</summary>
    public static string BaseUrl(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()
            ?? throw new InvalidOperationException("The server reports no addresses.");
        return addresses.Addresses.First().TrimEnd('/') + "/";
    }
}
