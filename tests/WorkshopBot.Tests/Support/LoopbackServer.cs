using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace WorkshopBot.Tests.Support;

internal static class LoopbackServer
{
    /// <summary>The started app's first address with a trailing slash, e.g. http://127.0.0.1:41234/.</summary>
    public static string BaseUrl(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()
            ?? throw new InvalidOperationException("The server reports no addresses.");
        return addresses.Addresses.First().TrimEnd('/') + "/";
    }
}
