using System.Net;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Insights;

/// <summary>
/// Development mode (no MicrosoftAppId): the view opens on loopback with no token, for the configured person and the
/// audits of their tenant (no chair is listed, so pilot mode: the audits they chair); without a configured person it says
/// what to set, with 401.
/// </summary>
public sealed class TabDevelopmentMode
{
    private const string DevTenant = "00000000-0000-0000-0000-00000000a001";

    [Fact]
    public async Task LoopbackShowsTheConfiguredPersonsViewWithoutAToken()
    {
        await using var host = await SeededDevelopmentHostAsync();

        var view = await host.Client.GetStringAsync("/tab/api/view");

        Assert.Contains("data-audit=\"Development audit\"", view, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutAConfiguredPersonItSaysWhatToSet()
    {
        await using var host = await BotTestHost.StartAsync(o =>
        {
            o.Settings["MicrosoftAppId"] = "";
            o.Settings["MicrosoftAppPassword"] = "";
        });

        using var response = await host.Client.GetAsync("/tab/api/view");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("WorkshopBot:Tab:DevelopmentUser", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>
    /// A web page the developer visits can reach localhost under its own host name (DNS rebinding) and read what comes
    /// back, or come through a proxy, or (under localhost itself) send a request it cannot read but that a download would log:
    /// the view is refused to all three, with 401, and shows no audit.
    /// </summary>
    [Theory]
    [InlineData("Host", "attacker.example:3978")]
    [InlineData("X-Forwarded-For", "203.0.113.9")]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    public async Task ARequestNotFromThisComputerIsRefused(string header, string value)
    {
        await using var host = await SeededDevelopmentHostAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/tab/api/view");
        request.Headers.TryAddWithoutValidation(header, value);

        using var response = await host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain("Development audit", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>A bot in development mode with a configured person and one audit of their tenant.</summary>
    private static async Task<BotTestHost> SeededDevelopmentHostAsync()
    {
        var host = await BotTestHost.StartAsync(o =>
        {
            o.Settings["MicrosoftAppId"] = "";
            o.Settings["MicrosoftAppPassword"] = "";
            o.Settings["WorkshopBot:Tab:DevelopmentUser:ObjectId"] = "dev-chair";
            o.Settings["WorkshopBot:Tab:DevelopmentUser:TenantId"] = DevTenant;
        });
        await TabSeed.AuditAsync(host, DevTenant, new SeedAudit("Development audit", "Neglect", DateTimeOffset.UtcNow.AddMonths(-1), 1,
            ["County Police"], ["good"], Chair: "dev-chair"));
        return host;
    }
}
