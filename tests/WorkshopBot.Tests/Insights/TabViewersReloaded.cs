using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace WorkshopBot.Tests.Insights;

/// <summary>
/// The tab's viewer list is read as configured now, as the chairs are: a member taken off the quality-assurance list
/// (settings changed and reloaded, as App Service does with its configuration) loses the view at once, not at the next
/// restart, and naming a first viewer ends pilot mode at once too.
/// </summary>
public sealed class TabViewersReloaded
{
    [Fact]
    public async Task AViewerTakenOffTheListLosesTheViewAtOnce()
    {
        var tab = new TabHost();
        await tab.InitializeAsync();
        try
        {
            Assert.Equal(HttpStatusCode.OK, await StatusAsync(tab, TabHost.QaMember, "/tab/api/view"));

            Reload(tab, ("WorkshopBot:Tab:Viewers:0", "someone-else"));

            Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(tab, TabHost.QaMember, "/tab/api/view"));
            Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(tab, TabHost.QaMember, "/tab/api/actions.xlsx"));
            Assert.Equal(HttpStatusCode.OK, await StatusAsync(tab, TabHost.Chair, "/tab/api/view"));
        }
        finally
        {
            await tab.DisposeAsync();
        }
    }

    [Fact]
    public async Task AFirstViewerNamedEndsPilotModeAtOnce()
    {
        var tab = new TabViewersInPilotMode.PilotTab();
        await tab.InitializeAsync();
        try
        {
            // A blank entry names nobody: pilot mode, where each person sees the audits they chair.
            Reload(tab, ("WorkshopBot:Tab:Viewers:0", " "));
            Assert.Equal(HttpStatusCode.OK, await StatusAsync(tab, TabSeed.SeedChair, "/tab/api/view"));

            Reload(tab, ("WorkshopBot:Tab:Viewers:0", TabHost.QaMember));

            Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(tab, TabSeed.SeedChair, "/tab/api/view"));
            Assert.Equal(HttpStatusCode.OK, await StatusAsync(tab, TabHost.QaMember, "/tab/api/view"));
        }
        finally
        {
            await tab.DisposeAsync();
        }
    }

    private static void Reload(TabHost tab, params (string Key, string? Value)[] settings)
    {
        var configuration = (IConfigurationRoot)tab.Host.Services.GetRequiredService<IConfiguration>();
        foreach (var (key, value) in settings)
        {
            configuration[key] = value;
        }

        configuration.Reload();
    }

    private static async Task<HttpStatusCode> StatusAsync(TabHost tab, string who, string path)
    {
        using var response = await tab.GetAsync(path, tab.Token(who));
        return response.StatusCode;
    }
}
