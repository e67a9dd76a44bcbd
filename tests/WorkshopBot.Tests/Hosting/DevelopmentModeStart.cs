using System.Net;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Hosting;

/// <summary>
/// Development mode (no app id) checks no token: anyone a TCP forwarder on the machine (ssh -R, stunnel, kubectl
/// port-forward) passes on arrives from loopback with any Host header they like. So the built bot starts in it only in
/// the Development environment (what <c>dotnet run</c> sets) or with <c>Bot:AllowDevelopmentMode</c>, and only while every
/// address it listens on is loopback; otherwise it ends the start with one line and exit code 2, before answering anyone.
/// </summary>
public sealed class DevelopmentModeStart : IDisposable
{
    private readonly DirectoryInfo _workingFolder = Directory.CreateTempSubdirectory("workshopbot-devmode-");

    [Fact]
    public async Task WithoutAnAppIdInProductionTheBotDoesNotStart()
    {
        await using var bot = BotProcess.Start(_workingFolder.FullName, Settings(environment: null, url: "http://127.0.0.1:0"));

        var exit = await bot.WaitForExitAsync();

        AssertRefused(bot, exit, "the host environment is Production, not Development");
        Assert.DoesNotContain("Now listening", bot.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("WorkshopBot development mode", bot.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutAnAppIdInAStagingEnvironmentTheBotDoesNotStart()
    {
        await using var bot = BotProcess.Start(_workingFolder.FullName, Settings("Staging", "http://127.0.0.1:0"));

        var exit = await bot.WaitForExitAsync();

        AssertRefused(bot, exit, "the host environment is Staging");
    }

    [Theory]
    [InlineData("Development", null)]
    [InlineData(null, "true")]
    public async Task OnAnAddressOfEveryInterfaceTheBotDoesNotStart(string? environment, string? allow)
    {
        var settings = Settings(environment, "http://0.0.0.0:0");
        if (allow is not null)
        {
            settings["Bot__AllowDevelopmentMode"] = allow;
        }

        await using var bot = BotProcess.Start(_workingFolder.FullName, settings);

        var exit = await bot.WaitForExitAsync();

        AssertRefused(bot, exit, "but it listens on http://0.0.0.0:");
    }

    [Fact]
    public async Task OutsideDevelopmentOnlyTheExplicitSettingLetsItStartOnLoopback()
    {
        await using (var refused = BotProcess.Start(_workingFolder.FullName, Settings(environment: null, url: "http://127.0.0.1:0")))
        {
            AssertRefused(refused, await refused.WaitForExitAsync(), "Bot:AllowDevelopmentMode=true");
        }

        var settings = Settings(environment: null, url: "http://127.0.0.1:0");
        settings["Bot__AllowDevelopmentMode"] = "true";
        await using var bot = BotProcess.Start(_workingFolder.FullName, settings);

        var address = await bot.WaitUntilListeningAsync();
        using var http = new HttpClient();
        using var health = await http.GetAsync(new Uri(address, "healthz"));

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Contains("WorkshopBot development mode: no authentication, loopback only", bot.Output, StringComparison.Ordinal);
    }

    public void Dispose() => _workingFolder.Delete(recursive: true);

    /// <summary>No app id; the environment left unset (Production, as BotProcess clears the test runner's) when null.</summary>
    private Dictionary<string, string?> Settings(string? environment, string url)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ASPNETCORE_URLS"] = url,
            ["Storage__DataFolder"] = Path.Combine(_workingFolder.FullName, "data"),
        };
        if (environment is not null)
        {
            settings["ASPNETCORE_ENVIRONMENT"] = environment;
        }

        return settings;
    }

    private static void AssertRefused(BotProcess bot, int exit, string said)
    {
        var errors = bot.Output.Split('\n').Where(l => l.StartsWith("err: ", StringComparison.Ordinal)).ToList();
        Assert.True(exit == 2, $"exit {exit}:\n{bot.Output}");
        Assert.True(errors.Count == 1, bot.Output);
        Assert.StartsWith("err: WorkshopBot cannot start: MicrosoftAppId is empty, which runs WorkshopBot in local development mode",
            errors[0], StringComparison.Ordinal);
        Assert.Contains(said, errors[0], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", bot.Output, StringComparison.Ordinal);
    }
}
